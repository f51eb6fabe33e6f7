package com.tradeprocessing.integration.runlocal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The table run-local prints at the end: outcomes per source, rejections by reason, DLQ depths. */
final class Summary {

  private static final List<String> STATUSES = List.of("ACCEPTED", "REJECTED", "FAILED", "UNROUTED");

  private Summary() {}

  /**
   * @param deadLetterDepths messages waiting in each dead-letter queue, by queue name
   */
  static String render(List<EventOutcome> outcomes, Map<String, Integer> deadLetterDepths) {
    List<String> sources = new ArrayList<>();
    for (EventOutcome outcome : outcomes) {
      if (!sources.contains(outcome.source())) {
        sources.add(outcome.source());
      }
    }
    int sourceWidth = Math.max("source".length(), sources.stream().mapToInt(String::length).max().orElse(0));
    sourceWidth = Math.max(sourceWidth, "total".length());
    StringBuilder out = new StringBuilder();
    out.append(pad("source", sourceWidth));
    for (String column : List.of("events", "accepted", "rejected", "failed", "unrouted", "replayed")) {
      out.append("  ").append(left(column, column.length()));
    }
    out.append('\n');
    for (String source : sources) {
      row(out, source, sourceWidth, outcomes.stream().filter(o -> o.source().equals(source)).toList());
    }
    row(out, "total", sourceWidth, outcomes);

    Map<String, Map<String, Integer>> reasons = new TreeMap<>();
    for (EventOutcome outcome : outcomes) {
      if (outcome.status().equals("REJECTED")) {
        for (String reason : new TreeSet<>(outcome.reasons())) {
          reasons
              .computeIfAbsent(reason, key -> new TreeMap<>())
              .merge(outcome.source(), 1, Integer::sum);
        }
      }
    }
    if (!reasons.isEmpty()) {
      List<String> rejectingSources =
          sources.stream()
              .filter(source -> reasons.values().stream().anyMatch(bySource -> bySource.containsKey(source)))
              .toList();
      int reasonWidth = Math.max("rejected by reason".length(), reasons.keySet().stream().mapToInt(String::length).max().orElse(0));
      out.append('\n').append(pad("rejected by reason", reasonWidth));
      for (String source : rejectingSources) {
        out.append("  ").append(source);
      }
      out.append('\n');
      reasons.forEach(
          (reason, bySource) -> {
            out.append(pad(reason, reasonWidth));
            for (String source : rejectingSources) {
              out.append("  ").append(left(Integer.toString(bySource.getOrDefault(source, 0)), source.length()));
            }
            out.append('\n');
          });
    }

    List<EventOutcome> failed = outcomes.stream().filter(o -> o.status().equals("FAILED")).toList();
    if (!failed.isEmpty()) {
      Map<String, Integer> errors = new TreeMap<>();
      failed.forEach(o -> o.reasons().forEach(reason -> errors.merge(reason, 1, Integer::sum)));
      out.append("\nfailed by error\n");
      errors.forEach((error, count) -> out.append("  ").append(count).append("  ").append(error).append('\n'));
    }

    int queueWidth = Math.max("dead-letter queue".length(), deadLetterDepths.keySet().stream().mapToInt(String::length).max().orElse(0));
    out.append('\n').append(pad("dead-letter queue", queueWidth)).append("  messages\n");
    deadLetterDepths.forEach(
        (queue, depth) ->
            out.append(pad(queue, queueWidth)).append("  ").append(left(Integer.toString(depth), "messages".length())).append('\n'));
    return out.toString();
  }

  private static void row(StringBuilder out, String label, int width, List<EventOutcome> outcomes) {
    out.append(pad(label, width));
    out.append("  ").append(left(Integer.toString(outcomes.size()), "events".length()));
    for (String status : STATUSES) {
      long count = outcomes.stream().filter(o -> o.status().equals(status)).count();
      out.append("  ").append(left(Long.toString(count), status.length()));
    }
    long replayed = outcomes.stream().filter(EventOutcome::replayed).count();
    out.append("  ").append(left(Long.toString(replayed), "replayed".length()));
    out.append('\n');
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  /** Right-aligned in {@code width}. */
  private static String left(String text, int width) {
    return " ".repeat(Math.max(0, width - text.length())) + text;
  }
}

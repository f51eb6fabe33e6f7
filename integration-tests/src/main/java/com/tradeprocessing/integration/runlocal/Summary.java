package com.tradeprocessing.integration.runlocal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The table run-local prints at the end: lines per source and status, rejections by reason, why
 * lines were refused, malformed or failed, and the dead-letter queue depths. Blank lines are only
 * in the results file.
 */
final class Summary {

  /** The statuses counted per source, with their column titles. */
  private static final Map<String, String> COLUMNS = columns();

  /** The row of lines without a Source: malformed lines and entries refused for lacking one. */
  static final String NO_SOURCE = "(no source)";

  private Summary() {}

  private static Map<String, String> columns() {
    Map<String, String> columns = new java.util.LinkedHashMap<>();
    columns.put("ACCEPTED", "accepted");
    columns.put("REJECTED", "rejected");
    columns.put("FAILED", "failed");
    columns.put("UNROUTED", "unrouted");
    columns.put(InputLine.Kind.REFUSED_BY_EVENTBRIDGE.name(), "refused");
    columns.put(InputLine.Kind.MALFORMED.name(), "malformed");
    return columns;
  }

  /**
   * @param deadLetterDepths messages waiting in each dead-letter queue, by queue name
   */
  static String render(List<EventOutcome> allOutcomes, Map<String, Integer> deadLetterDepths) {
    List<EventOutcome> outcomes =
        allOutcomes.stream().filter(o -> !o.status().equals(InputLine.Kind.BLANK.name())).toList();
    List<String> sources = new ArrayList<>();
    for (EventOutcome outcome : outcomes) {
      if (!sources.contains(source(outcome))) {
        sources.add(source(outcome));
      }
    }
    // The lines without a source come last, just above the total.
    if (sources.remove(NO_SOURCE)) {
      sources.add(NO_SOURCE);
    }
    int sourceWidth =
        Math.max("source".length(), sources.stream().mapToInt(String::length).max().orElse(0));
    sourceWidth = Math.max(sourceWidth, "total".length());
    StringBuilder out = new StringBuilder();
    out.append(pad("source", sourceWidth));
    out.append("  ").append("lines");
    for (String column : COLUMNS.values()) {
      out.append("  ").append(column);
    }
    out.append("  replayed\n");
    for (String source : sources) {
      row(
          out,
          source,
          sourceWidth,
          outcomes.stream().filter(o -> source(o).equals(source)).toList());
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
              .filter(
                  source ->
                      reasons.values().stream().anyMatch(bySource -> bySource.containsKey(source)))
              .toList();
      int reasonWidth =
          Math.max(
              "rejected by reason".length(),
              reasons.keySet().stream().mapToInt(String::length).max().orElse(0));
      out.append('\n').append(pad("rejected by reason", reasonWidth));
      for (String source : rejectingSources) {
        out.append("  ").append(source);
      }
      out.append('\n');
      reasons.forEach(
          (reason, bySource) -> {
            out.append(pad(reason, reasonWidth));
            for (String source : rejectingSources) {
              out.append("  ")
                  .append(
                      left(Integer.toString(bySource.getOrDefault(source, 0)), source.length()));
            }
            out.append('\n');
          });
    }

    reasons(out, outcomes, InputLine.Kind.REFUSED_BY_EVENTBRIDGE.name(), "refused by EventBridge");
    reasons(out, outcomes, InputLine.Kind.MALFORMED.name(), "malformed lines");
    reasons(out, outcomes, "FAILED", "failed by error");

    int queueWidth =
        Math.max(
            "dead-letter queue".length(),
            deadLetterDepths.keySet().stream().mapToInt(String::length).max().orElse(0));
    out.append('\n').append(pad("dead-letter queue", queueWidth)).append("  messages\n");
    deadLetterDepths.forEach(
        (queue, depth) ->
            out.append(pad(queue, queueWidth))
                .append("  ")
                .append(left(Integer.toString(depth), "messages".length()))
                .append('\n'));
    return out.toString();
  }

  /** The count of each reason among the outcomes of {@code status}, under {@code title}. */
  private static void reasons(
      StringBuilder out, List<EventOutcome> outcomes, String status, String title) {
    Map<String, Integer> counts = new TreeMap<>();
    outcomes.stream()
        .filter(o -> o.status().equals(status))
        .forEach(o -> o.reasons().forEach(reason -> counts.merge(reason, 1, Integer::sum)));
    if (!counts.isEmpty()) {
      out.append('\n').append(title).append('\n');
      counts.forEach(
          (reason, count) ->
              out.append("  ").append(count).append("  ").append(reason).append('\n'));
    }
  }

  private static String source(EventOutcome outcome) {
    return outcome.source() == null ? NO_SOURCE : outcome.source();
  }

  private static void row(StringBuilder out, String label, int width, List<EventOutcome> outcomes) {
    out.append(pad(label, width));
    out.append("  ").append(left(Integer.toString(outcomes.size()), "lines".length()));
    COLUMNS.forEach(
        (status, column) -> {
          long count = outcomes.stream().filter(o -> o.status().equals(status)).count();
          out.append("  ").append(left(Long.toString(count), column.length()));
        });
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

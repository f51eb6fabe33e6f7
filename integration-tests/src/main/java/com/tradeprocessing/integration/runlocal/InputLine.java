package com.tradeprocessing.integration.runlocal;

import com.tradeprocessing.integration.pipeline.BusEvent;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a run-local input file and what it is: an entry to publish, or the reason it is not
 * published, which becomes its line in the results file.
 *
 * @param number the line number, from 1
 * @param kind what the line is
 * @param source the entry's {@code Source}, when the line has one (a refused entry may)
 * @param event the entry to publish, present exactly for {@link Kind#EVENT}
 * @param problem why the line is not published, present for {@link Kind#MALFORMED} and {@link
 *     Kind#REFUSED_BY_EVENTBRIDGE}
 */
public record InputLine(
    int number,
    Kind kind,
    Optional<String> source,
    Optional<BusEvent> event,
    Optional<String> problem) {

  /** What a line is; the names of the last three are the statuses of their results lines. */
  public enum Kind {
    /** A PutEvents entry that EventBridge accepts. */
    EVENT,
    /** A PutEvents entry that EventBridge refuses (PutEventsRules). */
    REFUSED_BY_EVENTBRIDGE,
    /** Not a PutEvents entry: not JSON, not a JSON object, or an unknown time placeholder. */
    MALFORMED,
    /** An empty or blank line. */
    BLANK
  }

  public InputLine {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.EVENT) != event.isPresent()) {
      throw new IllegalArgumentException("an event exactly for kind EVENT, was " + kind);
    }
  }

  static InputLine event(int number, BusEvent event) {
    return new InputLine(
        number, Kind.EVENT, Optional.of(event.source()), Optional.of(event), Optional.empty());
  }

  static InputLine refused(int number, String source, String problem) {
    return new InputLine(
        number,
        Kind.REFUSED_BY_EVENTBRIDGE,
        Optional.ofNullable(source),
        Optional.empty(),
        Optional.of(problem));
  }

  static InputLine malformed(int number, String problem) {
    return new InputLine(
        number, Kind.MALFORMED, Optional.empty(), Optional.empty(), Optional.of(problem));
  }

  static InputLine blank(int number) {
    return new InputLine(number, Kind.BLANK, Optional.empty(), Optional.empty(), Optional.empty());
  }
}

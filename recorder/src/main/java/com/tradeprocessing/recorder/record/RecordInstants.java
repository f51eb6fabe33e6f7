package com.tradeprocessing.recorder.record;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The one text form of instants in records and stage output: ISO-8601 UTC with exactly three
 * fraction digits ({@code 2026-11-25T14:30:00.000Z}). The fixed width makes string order equal time
 * order, which the index sort keys rely on ({@code executedAt} in by-instrument, {@code recordedAt}
 * in by-status-date).
 */
public final class RecordInstants {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  private RecordInstants() {}

  /** {@code instant} truncated to milliseconds, the precision every record instant has. */
  public static Instant toMillis(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
  }

  public static String format(Instant instant) {
    return FORMAT.format(instant);
  }

  public static Instant parse(String text) {
    return Instant.parse(text);
  }
}

package com.tradeprocessing.enricher.referencedata;

import com.tradeprocessing.model.Mic;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Set;

/**
 * A trading venue as the reference-data API describes it, immutable: its time zone, regular trading
 * hours in local time and full-day holidays. Saturdays and Sundays are never business days.
 *
 * @param timeZone a region-based zone (not a fixed offset), so that daylight saving applies
 * @param regularOpen start of regular trading, local time, inclusive
 * @param regularClose end of regular trading, local time, exclusive; after {@code regularOpen}
 * @param holidays weekdays on which the venue does not trade at all
 */
public record Venue(
    Mic mic,
    String name,
    ZoneId timeZone,
    LocalTime regularOpen,
    LocalTime regularClose,
    Set<LocalDate> holidays) {

  public Venue {
    Objects.requireNonNull(mic, "mic");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    Objects.requireNonNull(timeZone, "timeZone");
    if (timeZone instanceof ZoneOffset) {
      throw new IllegalArgumentException(
          "timeZone must be a region such as Europe/London, not an offset: " + timeZone);
    }
    Objects.requireNonNull(regularOpen, "regularOpen");
    Objects.requireNonNull(regularClose, "regularClose");
    if (!regularOpen.isBefore(regularClose)) {
      throw new IllegalArgumentException(
          "regularOpen " + regularOpen + " must be before regularClose " + regularClose);
    }
    holidays = Set.copyOf(holidays);
  }

  /** The date of {@code instant} on this venue's calendar. */
  public LocalDate localDate(Instant instant) {
    return instant.atZone(timeZone).toLocalDate();
  }

  /** Whether the venue trades on {@code date}: a weekday that is not one of its holidays. */
  public boolean isBusinessDay(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(date);
  }
}

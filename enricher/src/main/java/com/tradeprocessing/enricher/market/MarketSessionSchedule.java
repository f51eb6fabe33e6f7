package com.tradeprocessing.enricher.market;

import com.tradeprocessing.enricher.referencedata.Venue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Classifies an instant into a {@link MarketSession} of a venue. The regular session comes from the
 * venue; the extended sessions use one pre-open start and one post-close end in local time for
 * every venue, because the reference-data API does not publish them. Every interval is closed at
 * its start and open at its end, so each local time has exactly one session.
 *
 * @param preOpenStart local time PRE_OPEN begins; PRE_OPEN is empty if the venue opens earlier
 * @param postCloseEnd local time POST_CLOSE ends; POST_CLOSE is empty if the venue closes later
 */
public record MarketSessionSchedule(LocalTime preOpenStart, LocalTime postCloseEnd) {

  /** 04:00 to 20:00 local: the US extended-hours window, applied to every venue. */
  public static final MarketSessionSchedule DEFAULT =
      new MarketSessionSchedule(LocalTime.of(4, 0), LocalTime.of(20, 0));

  public MarketSessionSchedule {
    Objects.requireNonNull(preOpenStart, "preOpenStart");
    Objects.requireNonNull(postCloseEnd, "postCloseEnd");
    if (!preOpenStart.isBefore(postCloseEnd)) {
      throw new IllegalArgumentException(
          "preOpenStart " + preOpenStart + " must be before postCloseEnd " + postCloseEnd);
    }
  }

  /** The session of {@code venue} at {@code instant}, read on the venue's local clock. */
  public MarketSession sessionAt(Venue venue, Instant instant) {
    ZonedDateTime local = instant.atZone(venue.timeZone());
    LocalDate date = local.toLocalDate();
    if (!venue.isBusinessDay(date)) {
      return MarketSession.CLOSED;
    }
    LocalTime time = local.toLocalTime();
    if (time.isBefore(venue.regularOpen())) {
      return time.isBefore(preOpenStart) ? MarketSession.CLOSED : MarketSession.PRE_OPEN;
    }
    if (time.isBefore(venue.regularClose())) {
      return MarketSession.REGULAR;
    }
    return time.isBefore(postCloseEnd) ? MarketSession.POST_CLOSE : MarketSession.CLOSED;
  }
}

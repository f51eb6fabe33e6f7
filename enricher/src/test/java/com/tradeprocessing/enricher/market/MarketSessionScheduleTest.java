package com.tradeprocessing.enricher.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradeprocessing.enricher.referencedata.ReferenceDataFixtures;
import com.tradeprocessing.enricher.referencedata.Venue;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarketSessionScheduleTest {

  private final MarketSessionSchedule schedule = MarketSessionSchedule.DEFAULT;

  @ParameterizedTest(name = "{0} at {1} ({2}) is {3}")
  @CsvSource({
    // XNAS, Wednesday 2026-11-25, EST (UTC-5): 04:00 | 09:30 | 16:00 | 20:00 local
    "XNAS, 2026-11-25T08:59:59Z,     03:59:59 EST, CLOSED",
    "XNAS, 2026-11-25T09:00:00Z,     04:00 EST,    PRE_OPEN",
    "XNAS, 2026-11-25T14:29:59.999Z, 09:29:59.999, PRE_OPEN",
    "XNAS, 2026-11-25T14:30:00Z,     09:30 EST,    REGULAR",
    "XNAS, 2026-11-25T20:59:59.999Z, 15:59:59.999, REGULAR",
    "XNAS, 2026-11-25T21:00:00Z,     16:00 EST,    POST_CLOSE",
    "XNAS, 2026-11-26T00:59:59Z,     19:59:59 EST, POST_CLOSE",
    "XNAS, 2026-11-26T01:00:00Z,     20:00 EST,    CLOSED",
    // XNAS across the US switch to daylight saving on Sunday 2026-03-08
    "XNAS, 2026-03-06T14:29:59Z,     09:29:59 EST, PRE_OPEN",
    "XNAS, 2026-03-06T14:30:00Z,     09:30 EST,    REGULAR",
    "XNAS, 2026-03-08T14:30:00Z,     DST Sunday,   CLOSED",
    "XNAS, 2026-03-09T13:29:59Z,     09:29:59 EDT, PRE_OPEN",
    "XNAS, 2026-03-09T13:30:00Z,     09:30 EDT,    REGULAR",
    "XNAS, 2026-03-09T19:59:59Z,     15:59:59 EDT, REGULAR",
    "XNAS, 2026-03-09T20:00:00Z,     16:00 EDT,    POST_CLOSE",
    "XNAS, 2026-03-09T08:00:00Z,     04:00 EDT,    PRE_OPEN",
    // XNAS across the US return to standard time on Sunday 2026-11-01
    "XNAS, 2026-10-30T13:30:00Z,     09:30 EDT,    REGULAR",
    "XNAS, 2026-11-02T13:30:00Z,     08:30 EST,    PRE_OPEN",
    "XNAS, 2026-11-02T14:30:00Z,     09:30 EST,    REGULAR",
    // XNYS shares the New York hours
    "XNYS, 2026-11-25T14:30:00Z,     09:30 EST,    REGULAR",
    // XLON, Wednesday 2026-11-25, GMT: 08:00 | 16:30 local
    "XLON, 2026-11-25T03:59:59Z,     03:59:59 GMT, CLOSED",
    "XLON, 2026-11-25T04:00:00Z,     04:00 GMT,    PRE_OPEN",
    "XLON, 2026-11-25T07:59:59Z,     07:59:59 GMT, PRE_OPEN",
    "XLON, 2026-11-25T08:00:00Z,     08:00 GMT,    REGULAR",
    "XLON, 2026-11-25T16:29:59Z,     16:29:59 GMT, REGULAR",
    "XLON, 2026-11-25T16:30:00Z,     16:30 GMT,    POST_CLOSE",
    "XLON, 2026-11-25T19:59:59Z,     19:59:59 GMT, POST_CLOSE",
    "XLON, 2026-11-25T20:00:00Z,     20:00 GMT,    CLOSED",
    // XLON across the UK switch to summer time on Sunday 2026-03-29
    "XLON, 2026-03-27T07:00:00Z,     07:00 GMT,    PRE_OPEN",
    "XLON, 2026-03-30T06:59:59Z,     07:59:59 BST, PRE_OPEN",
    "XLON, 2026-03-30T07:00:00Z,     08:00 BST,    REGULAR",
    "XLON, 2026-03-30T15:30:00Z,     16:30 BST,    POST_CLOSE",
    // XETR and XAMS, CET (UTC+1): 09:00 | 17:30 local
    "XETR, 2026-11-25T07:59:59Z,     08:59:59 CET, PRE_OPEN",
    "XETR, 2026-11-25T08:00:00Z,     09:00 CET,    REGULAR",
    "XETR, 2026-11-25T16:30:00Z,     17:30 CET,    POST_CLOSE",
    "XAMS, 2026-11-25T08:00:00Z,     09:00 CET,    REGULAR",
    "XAMS, 2026-11-25T16:29:59Z,     17:29:59 CET, REGULAR",
    "XAMS, 2026-11-25T16:30:00Z,     17:30 CET,    POST_CLOSE",
  })
  void sessionAt_instantAroundBoundary_shouldBeTheSessionOfTheLocalTime(
      String mic, Instant instant, String localTime, MarketSession expected) {
    // GIVEN
    Venue venue = ReferenceDataFixtures.venue(mic);

    // WHEN
    MarketSession session = schedule.sessionAt(venue, instant);

    // THEN
    assertThat(session).as("%s at %s (%s)", mic, instant, localTime).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} at {1} ({2}) is CLOSED")
  @CsvSource({
    "XNAS, 2026-11-28T15:00:00Z, Saturday",
    "XNAS, 2026-11-29T15:00:00Z, Sunday",
    "XNAS, 2026-11-26T15:00:00Z, Thanksgiving",
    "XNYS, 2026-07-03T15:00:00Z, Independence Day observed",
    "XLON, 2026-12-28T10:00:00Z, Boxing Day substitute",
    "XLON, 2026-04-06T09:00:00Z, Easter Monday",
    "XETR, 2026-12-24T10:00:00Z, Christmas Eve",
    "XAMS, 2026-05-01T10:00:00Z, Labour Day",
  })
  void sessionAt_weekendOrHolidayDuringRegularHours_shouldBeClosed(
      String mic, Instant instant, String day) {
    // GIVEN
    Venue venue = ReferenceDataFixtures.venue(mic);

    // WHEN
    MarketSession session = schedule.sessionAt(venue, instant);

    // THEN
    assertThat(session).as("%s on %s", mic, day).isEqualTo(MarketSession.CLOSED);
  }

  @Test
  void sessionAt_holidayInVenueZoneButNotInUtc_shouldFollowTheVenueCalendar() {
    // GIVEN 2026-11-27T01:00Z is still Thanksgiving (20:00 on the 26th) in New York
    Venue xnas = ReferenceDataFixtures.venue("XNAS");
    Instant lateThanksgivingEvening = Instant.parse("2026-11-27T00:30:00Z");
    Instant dayBeforeEvening = Instant.parse("2026-11-26T00:30:00Z");

    // WHEN
    MarketSession onHoliday = schedule.sessionAt(xnas, lateThanksgivingEvening);
    MarketSession beforeHoliday = schedule.sessionAt(xnas, dayBeforeEvening);

    // THEN
    assertThat(onHoliday).isEqualTo(MarketSession.CLOSED);
    assertThat(beforeHoliday).isEqualTo(MarketSession.POST_CLOSE);
  }

  @Test
  void new_preOpenStartNotBeforePostCloseEnd_shouldThrow() {
    // WHEN / THEN
    assertThatThrownBy(() -> new MarketSessionSchedule(LocalTime.of(20, 0), LocalTime.of(4, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("preOpenStart");
  }
}

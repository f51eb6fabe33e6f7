package com.tradeprocessing.enricher.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradeprocessing.enricher.referencedata.ReferenceDataFixtures;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettlementCalendarTest {

  @ParameterizedTest(name = "{0} trade on {1} ({3}) settles {2}")
  @CsvSource({
    "XNAS, 2026-11-24, 2026-11-25, Tuesday to Wednesday",
    "XNAS, 2026-11-20, 2026-11-23, Friday over the weekend",
    "XNAS, 2026-11-25, 2026-11-27, the day before Thanksgiving",
    "XNYS, 2026-07-02, 2026-07-06, before Independence Day observed and a weekend",
    "XNAS, 2026-11-28, 2026-11-30, Saturday to Monday",
    "XLON, 2026-12-24, 2026-12-29, Christmas, weekend and Boxing Day substitute",
    "XLON, 2026-04-02, 2026-04-07, over Good Friday to Easter Monday",
    "XETR, 2026-12-23, 2026-12-28, Christmas Eve and Christmas Day",
    "XETR, 2026-12-30, 2027-01-04, New Year's Eve, New Year's Day and a weekend",
    "XAMS, 2026-04-30, 2026-05-04, Labour Day and a weekend",
  })
  void settlementDate_tPlusOne_shouldBeTheNextBusinessDayOfTheVenue(
      String mic, LocalDate tradeDate, LocalDate expected, String why) {
    // GIVEN
    SettlementCalendar calendar = SettlementCalendar.T_PLUS_ONE;

    // WHEN
    LocalDate settlement = calendar.settlementDate(ReferenceDataFixtures.venue(mic), tradeDate);

    // THEN
    assertThat(settlement).as(why).isEqualTo(expected);
  }

  @Test
  void settlementDate_tPlusTwoOverHolidays_shouldCountBusinessDaysOnly() {
    // GIVEN 2026-12-23 Wed; 24 Thu is day 1; 25 Fri, 26-27 and 28 Mon are not business days
    SettlementCalendar calendar = new SettlementCalendar(2);

    // WHEN
    LocalDate settlement =
        calendar.settlementDate(ReferenceDataFixtures.venue("XLON"), LocalDate.of(2026, 12, 23));

    // THEN
    assertThat(settlement).isEqualTo(LocalDate.of(2026, 12, 29));
  }

  @Test
  void new_zeroBusinessDays_shouldThrow() {
    // WHEN / THEN
    assertThatThrownBy(() -> new SettlementCalendar(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

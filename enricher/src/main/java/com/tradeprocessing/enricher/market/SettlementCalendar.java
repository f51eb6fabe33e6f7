package com.tradeprocessing.enricher.market;

import com.tradeprocessing.enricher.referencedata.Venue;
import java.time.LocalDate;

/**
 * Expected settlement dates on a venue's calendar: the trade date plus a number of business days,
 * skipping weekends and the venue's holidays. A trade dated on a non-business day settles the same
 * number of business days after it (a Saturday trade settles T+1 on Monday).
 *
 * @param businessDays settlement cycle in business days, at least 1
 */
public record SettlementCalendar(int businessDays) {

  /**
   * T+1: the US equity cycle since May 2024, which the UK and the EU adopt on 11 October 2027. The
   * platform applies it to every venue (see {@code docs/reference-data-api.md}).
   */
  public static final SettlementCalendar T_PLUS_ONE = new SettlementCalendar(1);

  public SettlementCalendar {
    if (businessDays < 1) {
      throw new IllegalArgumentException("businessDays must be at least 1: " + businessDays);
    }
  }

  public LocalDate settlementDate(Venue venue, LocalDate tradeDate) {
    LocalDate date = tradeDate;
    int remaining = businessDays;
    while (remaining > 0) {
      date = date.plusDays(1);
      if (venue.isBusinessDay(date)) {
        remaining--;
      }
    }
    return date;
  }
}

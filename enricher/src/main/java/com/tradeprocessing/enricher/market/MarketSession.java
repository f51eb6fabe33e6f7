package com.tradeprocessing.enricher.market;

/**
 * The phase of a venue's trading day at an instant, in the venue's own time zone. The boundaries
 * are set by {@link MarketSessionSchedule} and documented in {@code docs/reference-data-api.md}.
 */
public enum MarketSession {
  /** Business day, from the pre-open start until the regular open. */
  PRE_OPEN,
  /** Business day, from the regular open (inclusive) until the regular close (exclusive). */
  REGULAR,
  /** Business day, from the regular close until the post-close end. */
  POST_CLOSE,
  /** Any other time, and all day on weekends and the venue's holidays. */
  CLOSED
}

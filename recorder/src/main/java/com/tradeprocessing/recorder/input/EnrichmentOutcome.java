package com.tradeprocessing.recorder.input;

/** What the enricher could do with a trade (docs/stage-contracts.md). */
public enum EnrichmentOutcome {
  /** The instrument is known; instrument, venue, trade date and reference price are set. */
  ENRICHED,
  /** The trade mapped, but the reference-data API does not know its ISIN. */
  UNKNOWN_INSTRUMENT,
  /** The payload did not map to a canonical trade; the validator reports why. */
  NOT_A_TRADE
}

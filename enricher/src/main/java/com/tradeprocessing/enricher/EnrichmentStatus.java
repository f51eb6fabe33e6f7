package com.tradeprocessing.enricher;

/** The outcome of enriching one event; a stable value in the enricher output. */
public enum EnrichmentStatus {
  /** The instrument is known; its metadata and reference price are set. */
  ENRICHED,
  /** The reference-data API does not know the ISIN (404); the recorder rejects the trade. */
  UNKNOWN_INSTRUMENT,
  /** The payload did not map to a canonical trade; the validator reports why. */
  NOT_A_TRADE
}

package com.tradeprocessing.model;

/**
 * Why a trade is rejected. The names are stable: they are stored in compliance records, alarmed on
 * and queried by compliance officers. Each is documented in {@code docs/reason-codes.md}.
 */
public enum ReasonCode {
  // Decided by the validator from the payload and the validation thresholds.
  MALFORMED_PAYLOAD,
  EVENT_TOO_LARGE,
  MISSING_FIELD,
  INVALID_TRADE_ID,
  INVALID_ISIN,
  INVALID_SIDE,
  INVALID_QUANTITY,
  INVALID_PRICE,
  INVALID_CURRENCY,
  INVALID_VENUE,
  INVALID_TRADE_TIME,
  INVALID_SETTLEMENT_DATE,
  FUTURE_TRADE_TIME,
  STALE_TRADE,
  NOTIONAL_LIMIT_EXCEEDED,
  // Decided by the compliance recorder from the enrichment and the trade store.
  UNKNOWN_INSTRUMENT,
  CURRENCY_MISMATCH,
  PRICE_OUT_OF_BAND,
  DUPLICATE_TRADE
}

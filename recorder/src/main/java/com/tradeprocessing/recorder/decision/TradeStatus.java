package com.tradeprocessing.recorder.decision;

/** The final status of a trade; stored in the record and in the by-status-date index key. */
public enum TradeStatus {
  ACCEPTED,
  REJECTED
}

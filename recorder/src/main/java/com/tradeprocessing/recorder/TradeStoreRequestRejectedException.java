package com.tradeprocessing.recorder;

/**
 * The trade store refused a request for a reason a retry does not change (missing table, access
 * denied, invalid item). Not retryable: the state machine sends the event to the recorder's
 * dead-letter queue, so the trade is not lost while the fault is fixed.
 */
public class TradeStoreRequestRejectedException extends RuntimeException {

  public TradeStoreRequestRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}

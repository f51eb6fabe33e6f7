package com.tradeprocessing.recorder;

/**
 * The trade store could not be written or read: throttling, a server error, a timeout or a
 * connection failure that persisted through the SDK's own retries. Retryable: the state machine
 * retries the Record task on exactly this class name (docs/stage-contracts.md), and a retry is safe
 * because records are written conditionally.
 */
public class TradeStoreUnavailableException extends RuntimeException {

  public TradeStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

package com.tradeprocessing.recorder;

/**
 * The price band could not be read from SSM, and this container read none within the cache's
 * staleness bound (docs/stage-contracts.md, "Caches"), so no decision can be made. Transient in
 * nature (SSM throttling or outage): the state machine retries this class name, and the trade
 * reaches the recorder's dead-letter queue only after the retries.
 */
public class PriceBandUnavailableException extends RuntimeException {

  public PriceBandUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

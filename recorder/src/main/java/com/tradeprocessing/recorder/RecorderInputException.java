package com.tradeprocessing.recorder;

/**
 * The Record stage's input does not follow docs/stage-contracts.md (a missing or unreadable {@code
 * event}, {@code validation} or {@code enrichment}). Not retryable: the state machine's Catch sends
 * the original event to the recorder's dead-letter queue, so the trade is not lost.
 */
public class RecorderInputException extends RuntimeException {

  public RecorderInputException(String message) {
    super(message);
  }

  public RecorderInputException(String message, Throwable cause) {
    super(message, cause);
  }
}

package com.tradeprocessing.cli;

/**
 * A failure the user can act on. Its message is the one line {@code trades} prints: what is wrong
 * and what to do, never a stack trace.
 */
public final class TradesException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public TradesException(String message) {
    super(message);
  }

  public TradesException(String message, Throwable cause) {
    super(message, cause);
  }
}

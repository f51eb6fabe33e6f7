package com.tradeprocessing.globaltable;

/** The wait could not be handed to a new invocation; the request is answered FAILED instead. */
public final class HandOnFailedException extends RuntimeException {

  public HandOnFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}

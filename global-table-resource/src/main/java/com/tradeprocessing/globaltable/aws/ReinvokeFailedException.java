package com.tradeprocessing.globaltable.aws;

/** The function could not re-invoke itself to continue the wait; the request is answered FAILED. */
public final class ReinvokeFailedException extends RuntimeException {

  public ReinvokeFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}

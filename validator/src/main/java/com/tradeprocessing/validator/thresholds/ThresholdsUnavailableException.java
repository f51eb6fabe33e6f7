package com.tradeprocessing.validator.thresholds;

/** The threshold store could not be read (a network or service fault, or missing permission). */
public class ThresholdsUnavailableException extends RuntimeException {

  public ThresholdsUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

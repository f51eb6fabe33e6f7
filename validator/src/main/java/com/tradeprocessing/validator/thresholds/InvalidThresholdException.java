package com.tradeprocessing.validator.thresholds;

/**
 * A configured threshold cannot be read (not a number, not a duration, out of range). A fault of
 * the deployment: the validator refuses to validate against limits it does not understand.
 */
public class InvalidThresholdException extends RuntimeException {

  public InvalidThresholdException(String message, Throwable cause) {
    super(message, cause);
  }
}

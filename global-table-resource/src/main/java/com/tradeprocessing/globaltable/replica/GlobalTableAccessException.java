package com.tradeprocessing.globaltable.replica;

/**
 * A DynamoDB call failed in a way that waiting will not fix (access denied, validation error,
 * throttling that outlasted the SDK's retries). The message names the operation, the region and
 * DynamoDB's error, and becomes the Reason of the FAILED response.
 */
public final class GlobalTableAccessException extends RuntimeException {

  public GlobalTableAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}

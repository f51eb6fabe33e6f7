package com.tradeprocessing.enricher;

/**
 * The reference data could not be read for a reason that may pass: a timeout, a refused or broken
 * connection, an HTTP 5xx, 408 or 429 answer, or a transient failure reading the endpoint from SSM.
 * The state machine retries this error type by its fully qualified name (see {@code
 * docs/stage-contracts.md}); do not rename or move it.
 */
public class ReferenceDataUnavailableException extends RuntimeException {

  public ReferenceDataUnavailableException(String message) {
    super(message);
  }

  public ReferenceDataUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

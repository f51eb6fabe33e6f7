package com.tradeprocessing.enricher;

/**
 * The base URL of the reference-data API cannot be had for a reason that does not pass by itself:
 * the SSM parameter is missing or not readable by the function, or its value is not an absolute
 * http(s) URL. Not retried; a deployment or configuration fix is needed.
 */
public class ReferenceDataEndpointException extends RuntimeException {

  public ReferenceDataEndpointException(String message) {
    super(message);
  }

  public ReferenceDataEndpointException(String message, Throwable cause) {
    super(message, cause);
  }
}

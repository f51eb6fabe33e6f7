package com.tradeprocessing.enricher;

/**
 * The reference-data API answered in a way its contract ({@code docs/reference-data-api.md}) does
 * not allow: an unexpected status such as 400 or a redirect, or a body that is not the documented
 * JSON. Not retried: asking again gets the same answer, so the trade goes to the enricher's
 * dead-letter queue at once and can be redriven once the API or the client is fixed.
 */
public class ReferenceDataContractException extends RuntimeException {

  public ReferenceDataContractException(String message) {
    super(message);
  }

  public ReferenceDataContractException(String message, Throwable cause) {
    super(message, cause);
  }
}

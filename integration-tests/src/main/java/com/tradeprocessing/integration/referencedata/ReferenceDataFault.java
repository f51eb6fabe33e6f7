package com.tradeprocessing.integration.referencedata;

import java.time.Duration;

/**
 * A failure the local reference-data API plays on demand: an HTTP status instead of the answer, or
 * an answer only after a delay (longer than the enricher's 3 s request timeout, it is a timeout).
 */
public record ReferenceDataFault(int status, Duration delay) {

  public static ReferenceDataFault status(int status) {
    return new ReferenceDataFault(status, Duration.ZERO);
  }

  public static ReferenceDataFault delay(Duration delay) {
    return new ReferenceDataFault(0, delay);
  }
}

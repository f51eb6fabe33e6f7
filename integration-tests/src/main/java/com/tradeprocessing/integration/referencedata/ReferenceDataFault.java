package com.tradeprocessing.integration.referencedata;

import java.time.Duration;

/**
 * A failure the local reference-data API plays on demand: an HTTP status instead of the answer, an
 * answer only after a delay (longer than the enricher's 3 s request timeout, it is a timeout), or a
 * 200 whose body is not the dataset's (a dependency answering something unexpected).
 *
 * @param body the body of a 200 answer, or {@code null} for the dataset's entry
 */
public record ReferenceDataFault(int status, Duration delay, String body) {

  public static ReferenceDataFault status(int status) {
    return new ReferenceDataFault(status, Duration.ZERO, null);
  }

  public static ReferenceDataFault delay(Duration delay) {
    return new ReferenceDataFault(0, delay, null);
  }

  public static ReferenceDataFault answer(String body) {
    return new ReferenceDataFault(0, Duration.ZERO, body);
  }
}

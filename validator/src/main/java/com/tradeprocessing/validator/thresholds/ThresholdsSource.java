package com.tradeprocessing.validator.thresholds;

/** Where the validator gets its thresholds from: the configuration port of the validator. */
public interface ThresholdsSource {

  /**
   * The thresholds in force now. Never returns limits it could not read: a value that does not
   * parse is an {@link InvalidThresholdException}, an unreachable store a {@link
   * ThresholdsUnavailableException}.
   */
  ValidationThresholds current();
}

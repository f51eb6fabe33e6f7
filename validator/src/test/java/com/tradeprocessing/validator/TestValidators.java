package com.tradeprocessing.validator;

import com.tradeprocessing.validator.thresholds.ValidationThresholds;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The validation time the event fixtures are written for: one minute after the valid fixtures'
 * trades (2026-11-25T14:30Z), so they are neither stale nor in the future.
 */
public final class TestValidators {

  public static final Instant NOW = Instant.parse("2026-11-25T14:31:00Z");
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private TestValidators() {}

  /** A validator with the default thresholds at {@link #NOW}. */
  public static TradeValidator withDefaults() {
    return with(ValidationThresholds.DEFAULTS);
  }

  public static TradeValidator with(ValidationThresholds thresholds) {
    return new TradeValidator(() -> thresholds, CLOCK);
  }
}

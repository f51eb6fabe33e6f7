package com.tradeprocessing.validator.thresholds;

import com.tradeprocessing.function.cache.CachedSourceContract;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.function.Supplier;

/** The thresholds under the one cache policy (CachedSourceContract has the policy's cases). */
class CachingThresholdsSourceTest extends CachedSourceContract<ValidationThresholds> {

  CachingThresholdsSourceTest() {
    super(
        maxQuantity("1"),
        maxQuantity("2"),
        new ThresholdsUnavailableException("throttled", null),
        new InvalidThresholdException("bad", null));
  }

  @Override
  protected Supplier<ValidationThresholds> cacheOver(
      Supplier<ValidationThresholds> source, Clock clock) {
    return new CachingThresholdsSource(source::get, clock)::current;
  }

  private static ValidationThresholds maxQuantity(String value) {
    return ValidationThresholds.DEFAULTS.withMaxQuantity(new BigDecimal(value));
  }
}

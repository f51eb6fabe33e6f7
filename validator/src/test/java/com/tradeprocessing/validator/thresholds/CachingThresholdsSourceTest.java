package com.tradeprocessing.validator.thresholds;

import com.tradeprocessing.function.cache.CachedSourceContract;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.function.Supplier;

/** The thresholds under the one cache policy (CachedSourceContract has the policy's cases). */
class CachingThresholdsSourceTest extends CachedSourceContract<ValidationThresholds> {

  @Override
  protected Supplier<ValidationThresholds> cacheOver(
      Supplier<ValidationThresholds> source, Clock clock) {
    return new CachingThresholdsSource(source::get, clock)::current;
  }

  @Override
  protected ValidationThresholds first() {
    return maxQuantity("1");
  }

  @Override
  protected ValidationThresholds second() {
    return maxQuantity("2");
  }

  @Override
  protected RuntimeException unavailable() {
    return new ThresholdsUnavailableException("throttled", null);
  }

  private static ValidationThresholds maxQuantity(String value) {
    return ValidationThresholds.DEFAULTS.withMaxQuantity(new BigDecimal(value));
  }

  @Override
  protected RuntimeException wrong() {
    return new InvalidThresholdException("bad", null);
  }
}

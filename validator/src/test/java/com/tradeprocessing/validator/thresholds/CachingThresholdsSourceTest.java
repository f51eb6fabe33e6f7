package com.tradeprocessing.validator.thresholds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradeprocessing.function.cache.CachedSourceContract;
import com.tradeprocessing.function.cache.RefreshingCache;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

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

  @Test
  void current_refreshedThresholdUnparsable_shouldFailAtOnceAndReadAgainOnTheNextCall() {
    // GIVEN
    Supplier<ValidationThresholds> cache =
        cacheAnswering(
            this::first,
            () -> {
              throw new InvalidThresholdException("bad", null);
            },
            () -> maxQuantity("5"));
    cache.get();
    clock.advance(RefreshingCache.DEFAULT_TIME_TO_LIVE);
    assertThatThrownBy(cache::get).isInstanceOf(InvalidThresholdException.class);

    // WHEN
    ValidationThresholds thresholds = cache.get();

    // THEN
    assertThat(thresholds).isEqualTo(maxQuantity("5"));
    assertThat(reads()).isEqualTo(3);
  }
}

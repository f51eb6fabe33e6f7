package com.tradeprocessing.validator.thresholds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradeprocessing.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The thresholds under the one cache policy (RefreshingCache has the policy's own tests). */
class CachingThresholdsSourceTest {

  private static final Duration TTL = Duration.ofMinutes(5);
  private static final Duration STALENESS = Duration.ofMinutes(10);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T14:00:00Z"));

  /** Answers each read with the next scripted outcome and counts the reads. */
  private static final class ScriptedSource implements ThresholdsSource {
    private final Deque<Supplier<ValidationThresholds>> outcomes = new ArrayDeque<>();
    private int reads;

    ScriptedSource then(Supplier<ValidationThresholds> outcome) {
      outcomes.add(outcome);
      return this;
    }

    @Override
    public ValidationThresholds current() {
      reads++;
      return outcomes.remove().get();
    }
  }

  private static ValidationThresholds maxQuantity(String value) {
    return ValidationThresholds.DEFAULTS.withMaxQuantity(new BigDecimal(value));
  }

  private static ValidationThresholds unavailable() {
    throw new ThresholdsUnavailableException("throttled", null);
  }

  @Test
  void current_firstCall_shouldReadLazilyNotAtConstruction() {
    // GIVEN
    ScriptedSource store = new ScriptedSource().then(() -> maxQuantity("1"));

    // WHEN
    CachingThresholdsSource cache = new CachingThresholdsSource(store, clock);

    // THEN
    assertThat(store.reads).isZero();
    assertThat(cache.current()).isEqualTo(maxQuantity("1"));
  }

  @Test
  void current_beforeTheTimeToLiveHasPassed_shouldNotReadAgain() {
    // GIVEN
    ScriptedSource store =
        new ScriptedSource().then(() -> maxQuantity("1")).then(() -> maxQuantity("2"));
    CachingThresholdsSource cache = new CachingThresholdsSource(store, clock);
    cache.current();

    // WHEN
    clock.advance(TTL.minusNanos(1));
    ValidationThresholds thresholds = cache.current();

    // THEN
    assertThat(thresholds).isEqualTo(maxQuantity("1"));
    assertThat(store.reads).isEqualTo(1);
  }

  @Test
  void current_onceTheTimeToLiveHasPassed_shouldServeTheNewValues() {
    // GIVEN
    ScriptedSource store =
        new ScriptedSource().then(() -> maxQuantity("1")).then(() -> maxQuantity("2"));
    CachingThresholdsSource cache = new CachingThresholdsSource(store, clock);
    cache.current();

    // WHEN
    clock.advance(TTL);
    ValidationThresholds thresholds = cache.current();

    // THEN
    assertThat(thresholds).isEqualTo(maxQuantity("2"));
    assertThat(store.reads).isEqualTo(2);
  }

  @Test
  void current_parameterStoreUnavailableWithinTheStalenessBound_shouldKeepTheThresholdsReadLast() {
    // GIVEN
    ScriptedSource store =
        new ScriptedSource()
            .then(() -> maxQuantity("1"))
            .then(CachingThresholdsSourceTest::unavailable);
    CachingThresholdsSource cache = new CachingThresholdsSource(store, clock);
    cache.current();

    // WHEN
    clock.advance(TTL.plus(STALENESS).minusSeconds(1));
    ValidationThresholds thresholds = cache.current();

    // THEN
    assertThat(thresholds).isEqualTo(maxQuantity("1"));
    assertThat(store.reads).isEqualTo(2);
  }

  @Test
  void current_parameterStoreUnavailablePastTheStalenessBound_shouldThrowTheRetryableError() {
    // GIVEN
    ScriptedSource store =
        new ScriptedSource()
            .then(() -> maxQuantity("1"))
            .then(CachingThresholdsSourceTest::unavailable);
    CachingThresholdsSource cache = new CachingThresholdsSource(store, clock);
    cache.current();

    // WHEN / THEN
    clock.advance(TTL.plus(STALENESS));
    assertThatThrownBy(cache::current).isExactlyInstanceOf(ThresholdsUnavailableException.class);
  }

  @Test
  void current_refreshedThresholdUnparsable_shouldFailAtOnceAndReadAgainOnTheNextCall() {
    // GIVEN
    ScriptedSource store =
        new ScriptedSource()
            .then(() -> maxQuantity("1"))
            .then(
                () -> {
                  throw new InvalidThresholdException("bad", null);
                })
            .then(() -> maxQuantity("5"));
    CachingThresholdsSource cache = new CachingThresholdsSource(store, clock);
    cache.current();
    clock.advance(TTL);
    assertThatThrownBy(cache::current).isInstanceOf(InvalidThresholdException.class);

    // WHEN
    ValidationThresholds thresholds = cache.current();

    // THEN
    assertThat(thresholds).isEqualTo(maxQuantity("5"));
    assertThat(store.reads).isEqualTo(3);
  }
}

package com.tradeprocessing.recorder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradeprocessing.recorder.PriceBandUnavailableException;
import com.tradeprocessing.recorder.decision.PriceBand;
import com.tradeprocessing.recorder.decision.PriceBandSource;
import com.tradeprocessing.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The price band under the one cache policy (RefreshingCache has the policy's own tests). */
class CachingPriceBandSourceTest {

  private static final Duration TTL = Duration.ofMinutes(5);
  private static final Duration STALENESS = Duration.ofMinutes(10);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T14:30:00Z"));

  /** Answers each read with the next scripted outcome and counts the reads. */
  private static final class ScriptedSource implements PriceBandSource {
    private final Deque<Supplier<PriceBand>> outcomes = new ArrayDeque<>();
    private int reads;

    ScriptedSource then(Supplier<PriceBand> outcome) {
      outcomes.add(outcome);
      return this;
    }

    @Override
    public PriceBand current() {
      reads++;
      return outcomes.remove().get();
    }
  }

  private static PriceBand percent(String value) {
    return PriceBand.ofPercent(value);
  }

  private static PriceBand unavailable() {
    throw new PriceBandUnavailableException("SSM throttled", null);
  }

  @Test
  void current_withinTheTimeToLive_shouldNotAskSsmAgain() {
    // GIVEN
    ScriptedSource ssm = new ScriptedSource().then(() -> percent("10")).then(() -> percent("7.5"));
    CachingPriceBandSource source = new CachingPriceBandSource(ssm, clock);
    source.current();
    clock.advance(TTL.minusSeconds(1));

    // WHEN
    PriceBand band = source.current();

    // THEN
    assertThat(band.percent()).isEqualByComparingTo("10");
    assertThat(ssm.reads).isEqualTo(1);
  }

  @Test
  void current_afterTheTimeToLive_shouldDecideWithTheChangedValue() {
    // GIVEN
    ScriptedSource ssm = new ScriptedSource().then(() -> percent("10")).then(() -> percent("7.5"));
    CachingPriceBandSource source = new CachingPriceBandSource(ssm, clock);
    source.current();
    clock.advance(TTL);

    // WHEN
    PriceBand band = source.current();

    // THEN
    assertThat(band.percent()).isEqualByComparingTo("7.5");
  }

  @Test
  void current_ssmFailingWithinTheStalenessBound_shouldKeepTheBandReadEarlier() {
    // GIVEN
    ScriptedSource ssm =
        new ScriptedSource()
            .then(() -> percent("15"))
            .then(CachingPriceBandSourceTest::unavailable);
    CachingPriceBandSource source = new CachingPriceBandSource(ssm, clock);
    source.current();
    clock.advance(TTL.plus(STALENESS).minusSeconds(1));

    // WHEN
    PriceBand band = source.current();

    // THEN
    assertThat(band.percent()).isEqualByComparingTo("15");
  }

  @Test
  void current_ssmFailingPastTheStalenessBound_shouldThrowThresholdsUnavailable() {
    // GIVEN
    ScriptedSource ssm =
        new ScriptedSource()
            .then(() -> percent("15"))
            .then(CachingPriceBandSourceTest::unavailable);
    CachingPriceBandSource source = new CachingPriceBandSource(ssm, clock);
    source.current();
    clock.advance(TTL.plus(STALENESS));

    // WHEN / THEN
    assertThatThrownBy(source::current).isExactlyInstanceOf(PriceBandUnavailableException.class);
  }

  @Test
  void current_ssmFailingOnTheFirstRead_shouldThrowThresholdsUnavailableAndReadAgainNextTime() {
    // GIVEN
    ScriptedSource ssm =
        new ScriptedSource()
            .then(CachingPriceBandSourceTest::unavailable)
            .then(() -> percent("12"));
    CachingPriceBandSource source = new CachingPriceBandSource(ssm, clock);
    assertThatThrownBy(source::current).isExactlyInstanceOf(PriceBandUnavailableException.class);

    // WHEN
    PriceBand band = source.current();

    // THEN
    assertThat(band.percent()).isEqualByComparingTo("12");
    assertThat(ssm.reads).isEqualTo(2);
  }

  @Test
  void current_refreshedValueNotABand_shouldFailAtOnce() {
    // GIVEN
    ScriptedSource ssm =
        new ScriptedSource()
            .then(() -> percent("15"))
            .then(
                () -> {
                  throw new IllegalStateException("must be a positive decimal percentage");
                });
    CachingPriceBandSource source = new CachingPriceBandSource(ssm, clock);
    source.current();
    clock.advance(TTL);

    // WHEN / THEN
    assertThatThrownBy(source::current)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("positive decimal");
  }
}

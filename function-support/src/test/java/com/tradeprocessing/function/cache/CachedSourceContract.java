package com.tradeprocessing.function.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradeprocessing.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What every stage's cache over one configuration value shows of the one cache policy ({@link
 * RefreshingCache}, which has the policy's own tests): read on first use, kept for the time to
 * live, the value read last served while the source is unavailable within the staleness bound, the
 * source's retryable error past it, any other error of the source at once. A stage's cache test
 * extends this with its values and source errors, and adds what is its own.
 *
 * @param <V> the cached value
 */
public abstract class CachedSourceContract<V> {

  private static final Duration TTL = RefreshingCache.DEFAULT_TIME_TO_LIVE;
  private static final Duration STALENESS = RefreshingCache.DEFAULT_MAX_STALENESS;

  protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T14:30:00Z"));
  private final Deque<Supplier<V>> outcomes = new ArrayDeque<>();
  private int reads;

  /** The cache under test over {@code source}, read through the stage's own port. */
  protected abstract Supplier<V> cacheOver(Supplier<V> source, Clock clock);

  private final V first;
  private final V second;
  private final RuntimeException unavailable;
  private final RuntimeException wrong;

  /**
   * @param first a value the source answers
   * @param second another value, as the source answers after a change
   * @param unavailable what the source throws when it cannot be reached: the stage's retryable
   *     error
   * @param wrong what the source throws when it answers and the answer is wrong (a value that does
   *     not parse, a parameter that is gone): an error no stale value stands in for
   */
  protected CachedSourceContract(
      V first, V second, RuntimeException unavailable, RuntimeException wrong) {
    this.first = first;
    this.second = second;
    this.unavailable = unavailable;
    this.wrong = wrong;
  }

  protected final V first() {
    return first;
  }

  protected final V second() {
    return second;
  }

  protected final RuntimeException unavailable() {
    return unavailable;
  }

  /** The cache over a source answering each read with the next of {@code answers}, in order. */
  @SafeVarargs
  protected final Supplier<V> cacheAnswering(Supplier<V>... answers) {
    outcomes.addAll(List.of(answers));
    return cacheOver(
        () -> {
          reads++;
          return outcomes.remove().get();
        },
        clock);
  }

  /** How often the cache read the source. */
  protected final int reads() {
    return reads;
  }

  private V throwUnavailable() {
    throw unavailable();
  }

  @Test
  void read_built_shouldNotReadTheSourceUntilFirstUsed() {
    // GIVEN
    Supplier<V> cache = cacheAnswering(this::first);

    // WHEN
    int readsWhenBuilt = reads();
    V value = cache.get();

    // THEN
    assertThat(readsWhenBuilt).isZero();
    assertThat(value).isEqualTo(first());
  }

  @Test
  void read_withinTheTimeToLive_shouldNotReadTheSourceAgain() {
    // GIVEN
    Supplier<V> cache = cacheAnswering(this::first, this::second);
    cache.get();
    clock.advance(TTL.minusSeconds(1));

    // WHEN
    V value = cache.get();

    // THEN
    assertThat(value).isEqualTo(first());
    assertThat(reads()).isEqualTo(1);
  }

  @Test
  void read_afterTheTimeToLive_shouldServeTheChangedValue() {
    // GIVEN
    Supplier<V> cache = cacheAnswering(this::first, this::second);
    cache.get();
    clock.advance(TTL);

    // WHEN
    V value = cache.get();

    // THEN
    assertThat(value).isEqualTo(second());
    assertThat(reads()).isEqualTo(2);
  }

  @Test
  void read_sourceUnavailableWithinTheStalenessBound_shouldServeTheValueReadLast() {
    // GIVEN
    Supplier<V> cache = cacheAnswering(this::first, this::throwUnavailable);
    cache.get();
    clock.advance(TTL.plus(STALENESS).minusSeconds(1));

    // WHEN
    V value = cache.get();

    // THEN
    assertThat(value).isEqualTo(first());
    assertThat(reads()).isEqualTo(2);
  }

  @Test
  void read_sourceUnavailablePastTheStalenessBound_shouldThrowTheRetryableError() {
    // GIVEN
    Supplier<V> cache = cacheAnswering(this::first, this::throwUnavailable);
    cache.get();
    clock.advance(TTL.plus(STALENESS));

    // WHEN / THEN
    assertThatThrownBy(cache::get).isExactlyInstanceOf(unavailable().getClass());
  }

  @Test
  void read_sourceUnavailableOnTheFirstRead_shouldThrowAndReadAgainOnTheNextCall() {
    // GIVEN
    Supplier<V> cache = cacheAnswering(this::throwUnavailable, this::first);
    assertThatThrownBy(cache::get).isExactlyInstanceOf(unavailable().getClass());

    // WHEN
    V value = cache.get();

    // THEN
    assertThat(value).isEqualTo(first());
    assertThat(reads()).isEqualTo(2);
  }

  @Test
  void read_sourceAnswersWronglyAfterTheTimeToLive_shouldThrowAtOnceAndReadAgainOnTheNextCall() {
    // GIVEN a value read earlier, within the staleness bound, and a source that then answers
    // wrongly
    Supplier<V> cache =
        cacheAnswering(
            this::first,
            () -> {
              throw wrong;
            },
            this::second);
    cache.get();
    clock.advance(TTL);
    assertThatThrownBy(cache::get).isSameAs(wrong);

    // WHEN
    V value = cache.get();

    // THEN
    assertThat(value).isEqualTo(second());
    assertThat(reads()).isEqualTo(3);
  }
}

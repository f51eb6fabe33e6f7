package com.tradeprocessing.function.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradeprocessing.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RefreshingCacheTest {

  private static final String KEY = "/trade-processing/test/thresholds/";
  private static final Duration TTL = RefreshingCache.DEFAULT_TIME_TO_LIVE;
  private static final Duration STALENESS = RefreshingCache.DEFAULT_MAX_STALENESS;
  private static final Duration RETRY = RefreshingCache.DEFAULT_RETRY_INTERVAL;

  /** The source's retryable error, as the stages' *UnavailableException. */
  static final class SourceUnavailableException extends RuntimeException {
    SourceUnavailableException(String message) {
      super(message);
    }
  }

  /** A source whose next answers a test sets; counts the reads. */
  static final class Source implements Function<String, String> {
    private Object answer;
    private int reads;

    Source answer(Object next) {
      answer = next;
      return this;
    }

    int reads() {
      return reads;
    }

    @Override
    public String apply(String key) {
      reads++;
      if (answer instanceof RuntimeException e) {
        throw e;
      }
      return (String) answer;
    }
  }

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T14:30:00Z"));
  private final Source source = new Source();
  private final RefreshingCache<String, String> cache = builder().build();

  @Test
  void get_firstCall_shouldReadTheSource() {
    // GIVEN
    source.answer("10");

    // WHEN
    String value = cache.get(KEY, source);

    // THEN
    assertServed(value, "10", 1);
  }

  @Test
  void get_withinTheTimeToLive_shouldNotReadTheSourceAgain() {
    // GIVEN
    cachedThenChangedAfter(TTL.minusMillis(1));

    // WHEN
    String value = cache.get(KEY, source);

    // THEN
    assertServed(value, "10", 1);
  }

  @Test
  void get_atExpiry_shouldReadTheChangedValue() {
    // GIVEN
    cachedThenChangedAfter(TTL);

    // WHEN
    String value = cache.get(KEY, source);

    // THEN
    assertServed(value, "12", 2);
  }

  @Test
  void get_refreshFailsRetryablyWithinTheStalenessBound_shouldServeTheLastGoodValue() {
    // GIVEN
    cachedThenThrottledFor(TTL.plus(STALENESS).minusMillis(1));

    // WHEN
    String value = cache.get(KEY, source);

    // THEN
    assertServed(value, "10", 2);
  }

  @Test
  void get_staleValueServed_shouldNotAskTheSourceAgainUntilTheRetryInterval() {
    // GIVEN a failed refresh just after expiry
    cachedThenThrottledFor(TTL);
    cache.get(KEY, source);

    // WHEN
    clock.advance(RETRY.minusMillis(1));
    String withinInterval = cache.get(KEY, source);
    int readsWithinInterval = source.reads();
    clock.advance(Duration.ofMillis(1));
    source.answer("12");
    String afterInterval = cache.get(KEY, source);

    // THEN
    assertThat(withinInterval).isEqualTo("10");
    assertThat(readsWithinInterval).isEqualTo(2);
    assertThat(afterInterval).isEqualTo("12");
    assertThat(source.reads()).isEqualTo(3);
  }

  @Test
  void get_refreshSucceedsAfterAStaleValue_shouldKeepTheNewValueForAFullTimeToLive() {
    // GIVEN
    cache.get(KEY, source.answer("10"));
    clock.advance(TTL);
    cache.get(KEY, source.answer(new SourceUnavailableException("throttled")));
    clock.advance(RETRY);
    cache.get(KEY, source.answer("12"));
    source.answer("15");

    // WHEN
    clock.advance(TTL.minusMillis(1));
    String value = cache.get(KEY, source);

    // THEN
    assertServed(value, "12", 3);
  }

  @Test
  void get_refreshFailsRetryablyPastTheStalenessBound_shouldThrowTheRetryableException() {
    // GIVEN
    cachedThenThrottledFor(TTL.plus(STALENESS));

    // WHEN / THEN
    assertThatThrownBy(() -> cache.get(KEY, source))
        .isInstanceOf(SourceUnavailableException.class)
        .hasMessage("throttled");
    assertThat(cache.size()).isZero();
  }

  @Test
  void get_staleValueServedUntilTheBound_shouldThrowOnTheFirstRefreshAtTheBound() {
    // GIVEN a source failing from expiry on, asked again every retry interval
    cachedThenThrottledFor(TTL);
    List<String> served = new ArrayList<>();
    for (long waited = 0; waited < STALENESS.toMillis(); waited += RETRY.toMillis()) {
      served.add(cache.get(KEY, source));
      clock.advance(RETRY);
    }

    // WHEN / THEN
    assertThat(served).hasSize((int) (STALENESS.toMillis() / RETRY.toMillis())).containsOnly("10");
    assertThatThrownBy(() -> cache.get(KEY, source)).isInstanceOf(SourceUnavailableException.class);
  }

  @Test
  void get_refreshFailsWithAnUnusableAnswer_shouldThrowAtOnceAndDropTheValue() {
    // GIVEN
    cache.get(KEY, source.answer("10"));
    source.answer(new IllegalStateException("not a positive decimal: 'ten'"));
    clock.advance(TTL);

    // WHEN / THEN
    assertThatThrownBy(() -> cache.get(KEY, source))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'ten'");
    assertThat(cache.size()).isZero();
  }

  @Test
  void get_firstReadFails_shouldThrowAndReadAgainOnTheNextCall() {
    // GIVEN
    source.answer(new SourceUnavailableException("throttled"));
    assertThatThrownBy(() -> cache.get(KEY, source)).isInstanceOf(SourceUnavailableException.class);
    source.answer("10");

    // WHEN
    String value = cache.get(KEY, source);

    // THEN the failure was not kept
    assertServed(value, "10", 2);
  }

  @Test
  void get_valueWithoutStaleness_shouldNotStandInForAFailingSource() {
    // GIVEN "not known" answers are never served stale
    RefreshingCache<String, String> answers =
        builder().maxStaleness(value -> value.isEmpty() ? Duration.ZERO : STALENESS).build();
    answers.get(KEY, source.answer(""));
    source.answer(new SourceUnavailableException("503"));
    clock.advance(TTL);

    // WHEN / THEN
    assertThatThrownBy(() -> answers.get(KEY, source))
        .isInstanceOf(SourceUnavailableException.class);
  }

  @Test
  void get_valueWithTimeToLivePerValue_shouldKeepEachForItsOwnTime() {
    // GIVEN
    RefreshingCache<String, String> answers =
        builder().timeToLive(value -> value.isEmpty() ? Duration.ofSeconds(30) : TTL).build();
    Source known = new Source().answer("Apple Inc.");
    Source unknown = new Source().answer("");
    answers.get("US0378331005", known);
    answers.get("US0000000002", unknown);

    // WHEN
    clock.advance(Duration.ofSeconds(30));
    answers.get("US0378331005", known);
    answers.get("US0000000002", unknown);

    // THEN
    assertThat(known.reads()).isEqualTo(1);
    assertThat(unknown.reads()).isEqualTo(2);
  }

  @Test
  void get_valueWithZeroTimeToLive_shouldNotKeepIt() {
    // GIVEN
    RefreshingCache<String, String> answers = builder().timeToLive(value -> Duration.ZERO).build();
    answers.get(KEY, source.answer("10"));

    // WHEN
    answers.get(KEY, source);

    // THEN
    assertThat(source.reads()).isEqualTo(2);
    assertThat(answers.size()).isZero();
  }

  @Test
  void get_moreKeysThanTheBound_shouldDropTheLeastRecentlyUsed() {
    // GIVEN
    RefreshingCache<String, String> small = builder().maxEntries(2).build();
    Source first = new Source().answer("1");
    small.get("first", first);
    small.get("second", new Source().answer("2"));
    small.get("first", first);

    // WHEN
    small.get("third", new Source().answer("3"));
    small.get("first", first);
    Source second = new Source().answer("2");
    small.get("second", second);

    // THEN "second" was the least recently used when "third" came
    assertThat(first.reads()).isEqualTo(1);
    assertThat(second.reads()).isEqualTo(1);
    assertThat(small.size()).isEqualTo(2);
  }

  @Test
  void get_concurrentCallersOfAnExpiredKey_shouldReadTheSourceOnce() throws Exception {
    // GIVEN a source that answers only once every caller has asked
    int callers = 8;
    CountDownLatch asked = new CountDownLatch(callers);
    AtomicInteger reads = new AtomicInteger();
    Function<String, String> slowSource =
        key -> {
          reads.incrementAndGet();
          try {
            asked.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return "10";
        };
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    List<Future<String>> answers = new ArrayList<>();

    // WHEN
    try {
      for (int i = 0; i < callers; i++) {
        answers.add(
            pool.submit(
                () -> {
                  asked.countDown();
                  return cache.get(KEY, slowSource);
                }));
      }
      for (Future<String> answer : answers) {
        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("10");
      }
    } finally {
      pool.shutdownNow();
    }

    // THEN
    assertThat(reads).hasValue(1);
  }

  @Test
  void builder_nonPositiveTimeToLive_shouldBeRefused() {
    // WHEN / THEN
    assertThatThrownBy(() -> builder().timeToLive(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeToLive");
  }

  private RefreshingCache.Builder<String, String> builder() {
    return RefreshingCache.builder(SourceUnavailableException.class, clock);
  }

  /** "10" cached, then the source answering "12" and the clock moved on by {@code elapsed}. */
  private void cachedThenChangedAfter(Duration elapsed) {
    cache.get(KEY, source.answer("10"));
    source.answer("12");
    clock.advance(elapsed);
  }

  /** "10" cached, then the source throttled and the clock moved on by {@code elapsed}. */
  private void cachedThenThrottledFor(Duration elapsed) {
    cache.get(KEY, source.answer("10"));
    source.answer(new SourceUnavailableException("throttled"));
    clock.advance(elapsed);
  }

  private void assertServed(String value, String expected, int reads) {
    assertThat(value).isEqualTo(expected);
    assertThat(source.reads()).isEqualTo(reads);
  }
}

package com.tradeprocessing.enricher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradeprocessing.enricher.ReferenceDataEndpointException;
import com.tradeprocessing.enricher.ReferenceDataUnavailableException;
import com.tradeprocessing.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The endpoint under the one cache policy (RefreshingCache has the policy's own tests). */
class CachingReferenceDataEndpointTest {

  private static final Duration TTL = Duration.ofMinutes(5);
  private static final Duration STALENESS = Duration.ofMinutes(10);
  private static final URI FIRST = URI.create("https://reference-data.internal/v1");
  private static final URI MOVED = URI.create("https://reference-data-2.internal/v1");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T14:30:00Z"));

  /** Answers each read with the next scripted outcome and counts the reads. */
  private static final class ScriptedParameter implements Supplier<URI> {
    private final Deque<Supplier<URI>> outcomes = new ArrayDeque<>();
    private int reads;

    ScriptedParameter then(Supplier<URI> outcome) {
      outcomes.add(outcome);
      return this;
    }

    @Override
    public URI get() {
      reads++;
      return outcomes.remove().get();
    }
  }

  private static URI unavailable() {
    throw new ReferenceDataUnavailableException("SSM throttled", null);
  }

  @Test
  void get_withinTheTimeToLive_shouldNotReadSsmAgain() {
    // GIVEN
    ScriptedParameter ssm = new ScriptedParameter().then(() -> FIRST).then(() -> MOVED);
    CachingReferenceDataEndpoint endpoint = new CachingReferenceDataEndpoint(ssm, clock);
    endpoint.get();
    clock.advance(TTL.minusSeconds(1));

    // WHEN
    URI uri = endpoint.get();

    // THEN
    assertThat(uri).isEqualTo(FIRST);
    assertThat(ssm.reads).isEqualTo(1);
  }

  @Test
  void get_afterTheTimeToLive_shouldFollowAMovedApi() {
    // GIVEN
    ScriptedParameter ssm = new ScriptedParameter().then(() -> FIRST).then(() -> MOVED);
    CachingReferenceDataEndpoint endpoint = new CachingReferenceDataEndpoint(ssm, clock);
    endpoint.get();
    clock.advance(TTL);

    // WHEN
    URI uri = endpoint.get();

    // THEN
    assertThat(uri).isEqualTo(MOVED);
  }

  @Test
  void get_ssmUnavailableWithinTheStalenessBound_shouldKeepTheUrlReadEarlier() {
    // GIVEN
    ScriptedParameter ssm =
        new ScriptedParameter()
            .then(() -> FIRST)
            .then(CachingReferenceDataEndpointTest::unavailable);
    CachingReferenceDataEndpoint endpoint = new CachingReferenceDataEndpoint(ssm, clock);
    endpoint.get();
    clock.advance(TTL.plus(STALENESS).minusSeconds(1));

    // WHEN
    URI uri = endpoint.get();

    // THEN
    assertThat(uri).isEqualTo(FIRST);
  }

  @Test
  void get_ssmUnavailablePastTheStalenessBound_shouldThrowTheRetryableError() {
    // GIVEN
    ScriptedParameter ssm =
        new ScriptedParameter()
            .then(() -> FIRST)
            .then(CachingReferenceDataEndpointTest::unavailable);
    CachingReferenceDataEndpoint endpoint = new CachingReferenceDataEndpoint(ssm, clock);
    endpoint.get();
    clock.advance(TTL.plus(STALENESS));

    // WHEN / THEN
    assertThatThrownBy(endpoint::get).isExactlyInstanceOf(ReferenceDataUnavailableException.class);
  }

  @Test
  void get_parameterDeleted_shouldFailAtOnceEvenWithAUrlReadEarlier() {
    // GIVEN
    ScriptedParameter ssm =
        new ScriptedParameter()
            .then(() -> FIRST)
            .then(
                () -> {
                  throw new ReferenceDataEndpointException("does not exist", null);
                });
    CachingReferenceDataEndpoint endpoint = new CachingReferenceDataEndpoint(ssm, clock);
    endpoint.get();
    clock.advance(TTL);

    // WHEN / THEN
    assertThatThrownBy(endpoint::get).isInstanceOf(ReferenceDataEndpointException.class);
  }
}

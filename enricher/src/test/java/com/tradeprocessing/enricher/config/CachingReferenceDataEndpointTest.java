package com.tradeprocessing.enricher.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradeprocessing.enricher.ReferenceDataEndpointException;
import com.tradeprocessing.enricher.ReferenceDataUnavailableException;
import com.tradeprocessing.function.cache.CachedSourceContract;
import com.tradeprocessing.function.cache.RefreshingCache;
import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The endpoint under the one cache policy (CachedSourceContract has the policy's cases). */
class CachingReferenceDataEndpointTest extends CachedSourceContract<URI> {

  @Override
  protected Supplier<URI> cacheOver(Supplier<URI> source, Clock clock) {
    return new CachingReferenceDataEndpoint(source, clock);
  }

  @Override
  protected URI first() {
    return URI.create("https://reference-data.internal/v1");
  }

  /** The API moved: a new URL in the parameter is followed without a deployment. */
  @Override
  protected URI second() {
    return URI.create("https://reference-data-2.internal/v1");
  }

  @Override
  protected RuntimeException unavailable() {
    return new ReferenceDataUnavailableException("SSM throttled", null);
  }

  @Test
  void get_parameterDeleted_shouldFailAtOnceEvenWithAUrlReadEarlier() {
    // GIVEN
    Supplier<URI> endpoint =
        cacheAnswering(
            this::first,
            () -> {
              throw new ReferenceDataEndpointException("does not exist", null);
            });
    endpoint.get();
    clock.advance(RefreshingCache.DEFAULT_TIME_TO_LIVE);

    // WHEN / THEN
    assertThatThrownBy(endpoint::get).isInstanceOf(ReferenceDataEndpointException.class);
  }
}

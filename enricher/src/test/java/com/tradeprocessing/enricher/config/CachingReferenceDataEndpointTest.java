package com.tradeprocessing.enricher.config;

import com.tradeprocessing.enricher.ReferenceDataEndpointException;
import com.tradeprocessing.enricher.ReferenceDataUnavailableException;
import com.tradeprocessing.function.cache.CachedSourceContract;
import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;

/** The endpoint under the one cache policy (CachedSourceContract has the policy's cases). */
class CachingReferenceDataEndpointTest extends CachedSourceContract<URI> {

  CachingReferenceDataEndpointTest() {
    super(
        URI.create("https://reference-data.internal/v1"),
        // The API moved: a new URL in the parameter is followed without a deployment.
        URI.create("https://reference-data-2.internal/v1"),
        new ReferenceDataUnavailableException("SSM throttled", null),
        // The parameter is gone: the URL read earlier does not stand in for it.
        new ReferenceDataEndpointException("does not exist", null));
  }

  @Override
  protected Supplier<URI> cacheOver(Supplier<URI> source, Clock clock) {
    return new CachingReferenceDataEndpoint(source, clock);
  }
}

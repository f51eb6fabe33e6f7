package com.tradeprocessing.enricher.config;

import com.tradeprocessing.enricher.ReferenceDataEndpointException;
import com.tradeprocessing.enricher.ReferenceDataUnavailableException;
import com.tradeprocessing.function.cache.RefreshingCache;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The reference-data API's base URL of another source under the functions' one cache policy ({@link
 * RefreshingCache}, docs/stage-contracts.md "Caches"): read on the first trade, then once per time
 * to live, so a moved API is followed without a deployment; when a refresh cannot reach SSM ({@link
 * ReferenceDataUnavailableException}) the URL read last stays in use for at most the policy's
 * staleness bound. A parameter that is gone or not a URL ({@link ReferenceDataEndpointException})
 * fails the invocation at once.
 */
public final class CachingReferenceDataEndpoint implements Supplier<URI> {

  private static final String KEY = "reference-data endpoint";

  private final Supplier<URI> delegate;
  private final RefreshingCache<String, URI> cache;

  public CachingReferenceDataEndpoint(Supplier<URI> delegate, Clock clock) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.cache =
        RefreshingCache.<String, URI>builder(ReferenceDataUnavailableException.class, clock)
            .build();
  }

  @Override
  public URI get() {
    return cache.get(KEY, key -> delegate.get());
  }
}

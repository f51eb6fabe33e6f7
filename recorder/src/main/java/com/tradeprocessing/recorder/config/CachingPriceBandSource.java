package com.tradeprocessing.recorder.config;

import com.tradeprocessing.function.cache.RefreshingCache;
import com.tradeprocessing.recorder.PriceBandUnavailableException;
import com.tradeprocessing.recorder.decision.PriceBand;
import com.tradeprocessing.recorder.decision.PriceBandSource;
import java.time.Clock;
import java.util.Objects;

/**
 * The price band of another source under the functions' one cache policy ({@link RefreshingCache},
 * docs/stage-contracts.md "Caches"): read on the first trade, then once per time to live, so a
 * changed threshold applies within it without a deployment; when a refresh cannot reach SSM ({@link
 * PriceBandUnavailableException}) the band read last stays in use for at most the policy's
 * staleness bound, then the invocation fails with that retryable error. A value that is not a band
 * fails the invocation at once.
 */
public final class CachingPriceBandSource implements PriceBandSource {

  private static final String KEY = SsmPriceBandSource.PARAMETER;

  private final PriceBandSource delegate;
  private final RefreshingCache<String, PriceBand> cache;

  public CachingPriceBandSource(PriceBandSource delegate, Clock clock) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.cache =
        RefreshingCache.<String, PriceBand>builder(PriceBandUnavailableException.class, clock)
            .build();
  }

  @Override
  public PriceBand current() {
    return cache.get(KEY, key -> delegate.current());
  }
}

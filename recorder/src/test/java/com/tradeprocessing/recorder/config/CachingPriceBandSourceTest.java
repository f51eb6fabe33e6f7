package com.tradeprocessing.recorder.config;

import com.tradeprocessing.function.cache.CachedSourceContract;
import com.tradeprocessing.recorder.PriceBandUnavailableException;
import com.tradeprocessing.recorder.decision.PriceBand;
import java.time.Clock;
import java.util.function.Supplier;

/** The price band under the one cache policy (CachedSourceContract has the policy's cases). */
class CachingPriceBandSourceTest extends CachedSourceContract<PriceBand> {

  CachingPriceBandSourceTest() {
    super(
        PriceBand.ofPercent("10"),
        PriceBand.ofPercent("7.5"),
        new PriceBandUnavailableException("SSM throttled", null),
        new IllegalStateException("must be a positive decimal percentage"));
  }

  @Override
  protected Supplier<PriceBand> cacheOver(Supplier<PriceBand> source, Clock clock) {
    return new CachingPriceBandSource(source::get, clock)::current;
  }
}

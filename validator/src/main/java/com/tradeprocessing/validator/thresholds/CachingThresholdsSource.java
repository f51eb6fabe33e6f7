package com.tradeprocessing.validator.thresholds;

import com.tradeprocessing.function.cache.RefreshingCache;
import java.time.Clock;
import java.util.Objects;

/**
 * The thresholds of another source under the functions' one cache policy ({@link RefreshingCache},
 * docs/stage-contracts.md "Caches"): a warm function reads Parameter Store once per time to live
 * and picks up a change within it; when a refresh cannot reach Parameter Store ({@link
 * ThresholdsUnavailableException}) the thresholds read last stay in force for at most the policy's
 * staleness bound, then the invocation fails with that retryable error. Thresholds that do not
 * parse ({@link InvalidThresholdException}) fail the invocation at once. The first read happens on
 * the first call, so a fault is the invocation's error, not a failed container start.
 */
public final class CachingThresholdsSource implements ThresholdsSource {

  private static final String KEY = "thresholds";

  private final ThresholdsSource delegate;
  private final RefreshingCache<String, ValidationThresholds> cache;

  public CachingThresholdsSource(ThresholdsSource delegate, Clock clock) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.cache =
        RefreshingCache.<String, ValidationThresholds>builder(
                ThresholdsUnavailableException.class, clock)
            .build();
  }

  @Override
  public ValidationThresholds current() {
    return cache.get(KEY, key -> delegate.current());
  }
}

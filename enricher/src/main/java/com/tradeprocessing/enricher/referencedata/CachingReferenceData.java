package com.tradeprocessing.enricher.referencedata;

import com.tradeprocessing.enricher.ReferenceDataUnavailableException;
import com.tradeprocessing.function.cache.RefreshingCache;
import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.Mic;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps reference data for the life of a container under the functions' one cache policy ({@link
 * RefreshingCache}, docs/stage-contracts.md "Caches"), so a burst of trades in one instrument costs
 * one API call. Known instruments and venues are kept for {@code knownTtl}; "not known" answers for
 * the shorter {@code unknownTtl}, so a newly listed instrument is seen soon while a stream of
 * trades in an unknown one does not call the API for each trade.
 *
 * <p>When a refresh finds the API unavailable ({@link ReferenceDataUnavailableException}), a known
 * instrument or venue read earlier is served for at most the policy's staleness bound (a reference
 * price changes once a business day); a "not known" answer never is, so an outage does not hide a
 * new listing behind an old 404. Other faults, and every fault without such a value, propagate.
 */
public final class CachingReferenceData implements ReferenceData {

  /** A reference price changes once a business day; five minutes bounds how stale one can be. */
  public static final Duration DEFAULT_KNOWN_TTL = RefreshingCache.DEFAULT_TIME_TO_LIVE;

  public static final Duration DEFAULT_UNKNOWN_TTL = Duration.ofSeconds(30);

  /** Per cache (instruments, venues); a few MB at most. */
  public static final int DEFAULT_MAX_ENTRIES = RefreshingCache.DEFAULT_MAX_ENTRIES;

  private final ReferenceData delegate;
  private final RefreshingCache<Isin, Optional<Instrument>> instruments;
  private final RefreshingCache<Mic, Optional<Venue>> venues;

  /**
   * @param knownTtl how long a found instrument or venue is kept; positive
   * @param unknownTtl how long a 404 is kept; zero to not keep it
   */
  public CachingReferenceData(
      ReferenceData delegate, Clock clock, Duration knownTtl, Duration unknownTtl, int maxEntries) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    Objects.requireNonNull(knownTtl, "knownTtl");
    Objects.requireNonNull(unknownTtl, "unknownTtl");
    if (!knownTtl.isPositive() || unknownTtl.isNegative()) {
      throw new IllegalArgumentException(
          "knownTtl must be positive and unknownTtl not negative: " + knownTtl + ", " + unknownTtl);
    }
    this.instruments = cache(clock, knownTtl, unknownTtl, maxEntries);
    this.venues = cache(clock, knownTtl, unknownTtl, maxEntries);
  }

  /** With the documented default TTLs and size. */
  public CachingReferenceData(ReferenceData delegate, Clock clock) {
    this(delegate, clock, DEFAULT_KNOWN_TTL, DEFAULT_UNKNOWN_TTL, DEFAULT_MAX_ENTRIES);
  }

  private static <K, T> RefreshingCache<K, Optional<T>> cache(
      Clock clock, Duration knownTtl, Duration unknownTtl, int maxEntries) {
    return RefreshingCache.<K, Optional<T>>builder(ReferenceDataUnavailableException.class, clock)
        .timeToLive(answer -> answer.isPresent() ? knownTtl : unknownTtl)
        .maxStaleness(
            answer -> answer.isPresent() ? RefreshingCache.DEFAULT_MAX_STALENESS : Duration.ZERO)
        .maxEntries(maxEntries)
        .build();
  }

  @Override
  public Optional<Instrument> instrument(Isin isin) {
    return instruments.get(isin, delegate::instrument);
  }

  @Override
  public Optional<Venue> venue(Mic mic) {
    return venues.get(mic, delegate::venue);
  }
}

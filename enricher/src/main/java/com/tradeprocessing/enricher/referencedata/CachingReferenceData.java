package com.tradeprocessing.enricher.referencedata;

import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.Mic;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps reference data for the life of a container, so a burst of trades in one instrument costs
 * one API call. Known instruments and venues are kept for {@code knownTtl}; "not known" answers
 * for the shorter {@code unknownTtl}, so a newly listed instrument is seen soon while a stream of
 * trades in an unknown one does not call the API for each trade. Faults are never cached.
 */
public final class CachingReferenceData implements ReferenceData {

  /** A reference price changes once a business day; five minutes bounds how stale one can be. */
  public static final Duration DEFAULT_KNOWN_TTL = Duration.ofMinutes(5);

  public static final Duration DEFAULT_UNKNOWN_TTL = Duration.ofSeconds(30);

  /** Per cache (instruments, venues); a few MB at most. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  private final ReferenceData delegate;
  private final Duration knownTtl;
  private final Duration unknownTtl;
  private final TtlCache<Isin, Optional<Instrument>> instruments;
  private final TtlCache<Mic, Optional<Venue>> venues;

  /**
   * @param knownTtl how long a found instrument or venue is kept; positive
   * @param unknownTtl how long a 404 is kept; zero to not keep it
   */
  public CachingReferenceData(
      ReferenceData delegate, Clock clock, Duration knownTtl, Duration unknownTtl, int maxEntries) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.knownTtl = Objects.requireNonNull(knownTtl, "knownTtl");
    this.unknownTtl = Objects.requireNonNull(unknownTtl, "unknownTtl");
    if (!knownTtl.isPositive() || unknownTtl.isNegative()) {
      throw new IllegalArgumentException(
          "knownTtl must be positive and unknownTtl not negative: " + knownTtl + ", " + unknownTtl);
    }
    this.instruments = new TtlCache<>(clock, maxEntries);
    this.venues = new TtlCache<>(clock, maxEntries);
  }

  /** With the documented default TTLs and size. */
  public CachingReferenceData(ReferenceData delegate, Clock clock) {
    this(delegate, clock, DEFAULT_KNOWN_TTL, DEFAULT_UNKNOWN_TTL, DEFAULT_MAX_ENTRIES);
  }

  @Override
  public Optional<Instrument> instrument(Isin isin) {
    return instruments.get(isin, delegate::instrument, this::ttlOf);
  }

  @Override
  public Optional<Venue> venue(Mic mic) {
    return venues.get(mic, delegate::venue, this::ttlOf);
  }

  private Duration ttlOf(Optional<?> answer) {
    return answer.isPresent() ? knownTtl : unknownTtl;
  }
}

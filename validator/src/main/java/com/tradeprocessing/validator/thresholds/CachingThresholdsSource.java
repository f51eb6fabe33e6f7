package com.tradeprocessing.validator.thresholds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Keeps the thresholds read from another source for a time to live, so a warm function does not
 * read Parameter Store on every invocation yet picks up a change within the TTL. The first read
 * happens on the first call, not at construction, so that a fault surfaces as the invocation's
 * error (and reaches the dead-letter queue) rather than as a failed init. A failed read is not
 * cached: the next call tries again.
 */
public final class CachingThresholdsSource implements ThresholdsSource {

  /** How long a warm function trusts what it read. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  private final ThresholdsSource delegate;
  private final Duration ttl;
  private final Clock clock;

  private ValidationThresholds cached;
  private Instant expiresAt;

  public CachingThresholdsSource(ThresholdsSource delegate, Duration ttl, Clock clock) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("TTL must be positive: " + ttl);
    }
  }

  /** Reloads once {@code ttl} has passed since the last successful read, not before. */
  @Override
  public synchronized ValidationThresholds current() {
    Instant now = clock.instant();
    if (cached == null || !now.isBefore(expiresAt)) {
      cached = delegate.current();
      expiresAt = now.plus(ttl);
    }
    return cached;
  }
}

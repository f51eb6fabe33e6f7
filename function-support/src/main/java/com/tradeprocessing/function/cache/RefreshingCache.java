package com.tradeprocessing.function.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Values read from a slow or fallible source (Parameter Store, the reference-data API), kept per
 * key for the life of a container under the one cache policy of the functions
 * (docs/stage-contracts.md, "Caches"):
 *
 * <ol>
 *   <li>A value younger than its time to live is served without calling the loader.
 *   <li>An older one is refreshed on the next {@link #get}: the loader's value replaces it.
 *   <li>When the refresh fails with the source's retryable exception, the last good value is served
 *       instead, for at most its maximum staleness past its expiry, and the loader is not called
 *       again for the retry interval (so a failing source is not asked once per invocation). Past
 *       that bound the exception propagates and the value is dropped.
 *   <li>Any other exception (the source answered something unusable) propagates at once and drops
 *       the value.
 *   <li>A failure is never cached: without a value to serve, every {@link #get} calls the loader.
 * </ol>
 *
 * <p>The first read happens on the first {@link #get}, not at construction, so a fault is the
 * invocation's retryable error rather than a failed container start.
 *
 * <p>Thread-safe. Loads run under the cache's lock, so callers asking for an expired key at once
 * wait for one load instead of each loading; a Lambda container runs one invocation at a time, so
 * the lock is not contended there. When full, the least recently used key is dropped.
 *
 * @param <K> the key, e.g. an SSM parameter name or an ISIN; its {@code toString} is logged
 * @param <V> the value; the loader never returns {@code null}
 */
public final class RefreshingCache<K, V> {

  /** How long a value is trusted: a changed parameter applies within this time. */
  public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(5);

  /** How long past its expiry the last good value may stand in for a failing source. */
  public static final Duration DEFAULT_MAX_STALENESS = Duration.ofMinutes(10);

  /** How long a stale value is served before the source is asked again. */
  public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(30);

  /** Bound on the number of keys; a few MB for reference data, one key for a parameter. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(RefreshingCache.class);

  private static final class Cached<V> {
    private final V value;
    private final Instant expiresAt;
    private final Instant staleUntil;

    /** Before this instant a stale value is served without calling the loader. */
    private Instant nextRefreshAt;

    private Cached(V value, Instant expiresAt, Instant staleUntil) {
      this.value = value;
      this.expiresAt = expiresAt;
      this.staleUntil = staleUntil;
      this.nextRefreshAt = expiresAt;
    }
  }

  private final Class<? extends RuntimeException> retryable;
  private final Clock clock;
  private final Function<? super V, Duration> timeToLive;
  private final Function<? super V, Duration> maxStaleness;
  private final Duration retryInterval;
  // Guarded by itself.
  private final Map<K, Cached<V>> entries;

  private RefreshingCache(Builder<K, V> builder) {
    this.retryable = builder.retryable;
    this.clock = builder.clock;
    this.timeToLive = builder.timeToLive;
    this.maxStaleness = builder.maxStaleness;
    this.retryInterval = builder.retryInterval;
    int maxEntries = builder.maxEntries;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, Cached<V>> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /**
   * A cache with the documented defaults.
   *
   * @param retryable the exception the loader throws when its source may answer on a later try (the
   *     stage's retryable error type); only this one lets a stale value stand in
   */
  public static <K, V> Builder<K, V> builder(
      Class<? extends RuntimeException> retryable, Clock clock) {
    return new Builder<>(retryable, clock);
  }

  /**
   * The value of {@code key} under the policy above.
   *
   * @param loader reads the value from the source; throws the retryable exception when the source
   *     could not answer, any other exception when its answer is unusable
   */
  public V get(K key, Function<? super K, ? extends V> loader) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(loader, "loader");
    synchronized (entries) {
      Instant now = clock.instant();
      Cached<V> entry = entries.get(key);
      if (entry != null && now.isBefore(entry.nextRefreshAt)) {
        return entry.value;
      }
      V value;
      try {
        value = Objects.requireNonNull(loader.apply(key), () -> "loader returned null for " + key);
      } catch (RuntimeException e) {
        if (entry != null && retryable.isInstance(e) && now.isBefore(entry.staleUntil)) {
          entry.nextRefreshAt = min(now.plus(retryInterval), entry.staleUntil);
          LOG.warn(
              "Refreshing {} failed; serving the value that expired at {} until {} at the latest",
              key,
              entry.expiresAt,
              entry.staleUntil,
              e);
          return entry.value;
        }
        entries.remove(key);
        throw e;
      }
      Instant loadedAt = clock.instant();
      Duration ttl = timeToLive.apply(value);
      if (ttl.isPositive()) {
        Instant expiresAt = loadedAt.plus(ttl);
        entries.put(key, new Cached<>(value, expiresAt, expiresAt.plus(maxStaleness.apply(value))));
      } else {
        entries.remove(key);
      }
      return value;
    }
  }

  /** The number of keys held, fresh or stale. */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** The policy's parameters; every one has a documented default. */
  public static final class Builder<K, V> {

    private final Class<? extends RuntimeException> retryable;
    private final Clock clock;
    private Function<? super V, Duration> timeToLive = value -> DEFAULT_TIME_TO_LIVE;
    private Function<? super V, Duration> maxStaleness = value -> DEFAULT_MAX_STALENESS;
    private Duration retryInterval = DEFAULT_RETRY_INTERVAL;
    private int maxEntries = DEFAULT_MAX_ENTRIES;

    private Builder(Class<? extends RuntimeException> retryable, Clock clock) {
      this.retryable = Objects.requireNonNull(retryable, "retryable");
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The same time to live for every value; positive. */
    public Builder<K, V> timeToLive(Duration ttl) {
      requirePositive(ttl, "timeToLive");
      this.timeToLive = value -> ttl;
      return this;
    }

    /** A time to live per value; a zero one keeps nothing (e.g. a "not known" answer). */
    public Builder<K, V> timeToLive(Function<? super V, Duration> ttlOf) {
      this.timeToLive = Objects.requireNonNull(ttlOf, "ttlOf");
      return this;
    }

    /** The same bound for every value; zero to never serve a stale value. */
    public Builder<K, V> maxStaleness(Duration staleness) {
      requireNotNegative(staleness, "maxStaleness");
      this.maxStaleness = value -> staleness;
      return this;
    }

    /** A bound per value (e.g. zero for a "not known" answer, so a new listing is not hidden). */
    public Builder<K, V> maxStaleness(Function<? super V, Duration> stalenessOf) {
      this.maxStaleness = Objects.requireNonNull(stalenessOf, "stalenessOf");
      return this;
    }

    public Builder<K, V> retryInterval(Duration interval) {
      requirePositive(interval, "retryInterval");
      this.retryInterval = interval;
      return this;
    }

    public Builder<K, V> maxEntries(int entries) {
      if (entries < 1) {
        throw new IllegalArgumentException("maxEntries must be at least 1: " + entries);
      }
      this.maxEntries = entries;
      return this;
    }

    public RefreshingCache<K, V> build() {
      return new RefreshingCache<>(this);
    }

    private static void requirePositive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (!duration.isPositive()) {
        throw new IllegalArgumentException(name + " must be positive: " + duration);
      }
    }

    private static void requireNotNegative(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: " + duration);
      }
    }
  }
}

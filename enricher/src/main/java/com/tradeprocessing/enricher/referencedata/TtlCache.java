package com.tradeprocessing.enricher.referencedata;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A bounded map whose entries expire after a time-to-live read from a {@link Clock}. When full it
 * drops the least recently used entry, so a container that sees many identifiers keeps bounded
 * memory. Thread-safe; a loader runs outside the lock, so two threads may load the same key once
 * each, which is harmless for reference data.
 */
final class TtlCache<K, V> {

  private record Cached<V>(V value, Instant expiresAt) {}

  private final Clock clock;
  private final Map<K, Cached<V>> entries;

  TtlCache(Clock clock, int maxEntries) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
    }
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Cached<V>> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /**
   * The cached value of {@code key} while its entry is younger than its time-to-live; otherwise
   * loads it and keeps it for {@code ttlOf(value)} (a zero duration keeps nothing). A loader's
   * exception propagates and nothing is cached.
   */
  V get(K key, Function<K, V> loader, Function<V, Duration> ttlOf) {
    synchronized (entries) {
      Cached<V> cached = entries.get(key);
      if (cached != null && clock.instant().isBefore(cached.expiresAt())) {
        return cached.value();
      }
      entries.remove(key);
    }
    V value = loader.apply(key);
    Duration ttl = ttlOf.apply(value);
    if (ttl.isPositive()) {
      Instant expiresAt = clock.instant().plus(ttl);
      synchronized (entries) {
        entries.put(key, new Cached<>(value, expiresAt));
      }
    }
    return value;
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}

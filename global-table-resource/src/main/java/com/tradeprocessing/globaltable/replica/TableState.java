package com.tradeprocessing.globaltable.replica;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The primary table as DynamoDB describes it: its status ({@code ACTIVE}, {@code UPDATING}, ...)
 * and its replicas by region, the primary region itself excluded. Immutable.
 */
public record TableState(
    String tableName, String status, SortedMap<String, ReplicaState> replicas) {

  public TableState {
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(status, "status");
    replicas = Collections.unmodifiableSortedMap(new TreeMap<>(replicas));
  }

  /** A table state from a map of replicas in any order. */
  public static TableState of(String tableName, String status, Map<String, ReplicaState> replicas) {
    return new TableState(tableName, status, new TreeMap<>(replicas));
  }

  public boolean isActive() {
    return "ACTIVE".equals(status);
  }

  public boolean isBeingDeleted() {
    return "DELETING".equals(status);
  }

  public Optional<ReplicaState> replica(String region) {
    return Optional.ofNullable(replicas.get(region));
  }
}

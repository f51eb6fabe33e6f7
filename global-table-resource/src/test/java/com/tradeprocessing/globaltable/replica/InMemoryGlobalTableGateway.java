package com.tradeprocessing.globaltable.replica;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A table and its replicas held in memory, changing the way DynamoDB does: an added replica is
 * CREATING and a removed one DELETING until {@link #settle()}; every change is recorded.
 */
final class InMemoryGlobalTableGateway implements GlobalTableGateway {

  private final String tableName;
  private boolean tableExists = true;
  private String tableStatus = "ACTIVE";
  private final Map<String, ReplicaState> replicas = new HashMap<>();
  private final Map<String, PointInTimeRecoveryStatus> pointInTimeRecovery = new HashMap<>();
  private final Set<String> backupsNotReady = new HashSet<>();
  private final List<String> changes = new ArrayList<>();
  private boolean busy;
  private RuntimeException failure;

  InMemoryGlobalTableGateway(String tableName) {
    this.tableName = tableName;
  }

  InMemoryGlobalTableGateway withoutTable() {
    tableExists = false;
    return this;
  }

  InMemoryGlobalTableGateway withTableStatus(String status) {
    tableStatus = status;
    return this;
  }

  InMemoryGlobalTableGateway withReplica(String region, ReplicaStatus status) {
    replicas.put(region, new ReplicaState(region, status, ""));
    return this;
  }

  InMemoryGlobalTableGateway withReplica(
      String region, ReplicaStatus status, PointInTimeRecoveryStatus pitr) {
    pointInTimeRecovery.put(region, pitr);
    return withReplica(region, status);
  }

  InMemoryGlobalTableGateway withBackupsNotReady(String region) {
    backupsNotReady.add(region);
    return this;
  }

  InMemoryGlobalTableGateway busy() {
    busy = true;
    return this;
  }

  InMemoryGlobalTableGateway failingWith(RuntimeException exception) {
    failure = exception;
    return this;
  }

  /** Finishes every replica transition: CREATING becomes ACTIVE, DELETING disappears. */
  void settle() {
    replicas.values().removeIf(replica -> replica.status() == ReplicaStatus.DELETING);
    replicas.replaceAll(
        (region, replica) ->
            replica.status() == ReplicaStatus.CREATING
                ? new ReplicaState(region, ReplicaStatus.ACTIVE, "")
                : replica);
  }

  List<String> changes() {
    return changes;
  }

  Map<String, ReplicaState> replicas() {
    return replicas;
  }

  PointInTimeRecoveryStatus pointInTimeRecoveryOf(String region) {
    return pointInTimeRecovery.getOrDefault(region, PointInTimeRecoveryStatus.DISABLED);
  }

  @Override
  public Optional<TableState> describeTable(String name) {
    failIfAsked();
    if (!tableExists || !tableName.equals(name)) {
      return Optional.empty();
    }
    return Optional.of(TableState.of(name, tableStatus, replicas));
  }

  @Override
  public ReplicaChange addReplica(String name, String region, Optional<String> kmsMasterKeyId) {
    failIfAsked();
    if (busy) {
      return ReplicaChange.TABLE_BUSY;
    }
    changes.add("add " + region + kmsMasterKeyId.map(key -> " with " + key).orElse(""));
    replicas.put(region, new ReplicaState(region, ReplicaStatus.CREATING, ""));
    return ReplicaChange.STARTED;
  }

  @Override
  public ReplicaChange removeReplica(String name, String region) {
    failIfAsked();
    if (busy) {
      return ReplicaChange.TABLE_BUSY;
    }
    changes.add("remove " + region);
    replicas.put(region, new ReplicaState(region, ReplicaStatus.DELETING, ""));
    return ReplicaChange.STARTED;
  }

  @Override
  public PointInTimeRecoveryStatus pointInTimeRecovery(String name, String region) {
    failIfAsked();
    return backupsNotReady.contains(region)
        ? PointInTimeRecoveryStatus.NOT_READY
        : pointInTimeRecoveryOf(region);
  }

  @Override
  public PointInTimeRecoveryStatus enablePointInTimeRecovery(String name, String region) {
    failIfAsked();
    if (backupsNotReady.contains(region)) {
      return PointInTimeRecoveryStatus.NOT_READY;
    }
    changes.add("enable pitr " + region);
    pointInTimeRecovery.put(region, PointInTimeRecoveryStatus.ENABLED);
    return PointInTimeRecoveryStatus.ENABLED;
  }

  private void failIfAsked() {
    if (failure != null) {
      throw failure;
    }
  }
}

package com.tradeprocessing.globaltable.replica;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One pass of bringing a table's replicas to a {@link ReplicaPlan}. A pass reads the table, then
 * makes at most one replica change (DynamoDB accepts one replica change at a time and refuses any
 * while the table or a replica is in transition), or, once every wanted replica is ACTIVE, turns on
 * point-in-time recovery where it is off. Passes are idempotent: re-running one after a crash or a
 * duplicate invocation never repeats a change that DynamoDB already accepted.
 */
public final class ReplicaReconciler {

  private final GlobalTableGateway gateway;
  private final String primaryRegion;

  public ReplicaReconciler(GlobalTableGateway gateway, String primaryRegion) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.primaryRegion = Objects.requireNonNull(primaryRegion, "primaryRegion");
  }

  public ReconcileResult reconcileOnce(ReplicaPlan plan) {
    String table = plan.tableName();
    Optional<TableState> described = gateway.describeTable(table);
    if (described.isEmpty() || described.get().isBeingDeleted()) {
      return plan.tableMayBeAbsent()
          ? new ReconcileResult.Converged(
              "Table "
                  + table
                  + " no longer exists in "
                  + primaryRegion
                  + "; no replica to remove.")
          : new ReconcileResult.Failed(
              "Table "
                  + table
                  + " does not exist in "
                  + primaryRegion
                  + "; create it before its replicas.");
    }
    TableState state = described.get();

    List<ReplicaState> broken = new ArrayList<>();
    List<ReplicaState> inTransition = new ArrayList<>();
    for (String region : plan.wanted()) {
      state
          .replica(region)
          .ifPresent(
              replica -> {
                if (replica.status().isBroken()) {
                  broken.add(replica);
                } else if (replica.status().isInTransition()) {
                  inTransition.add(replica);
                }
              });
    }
    if (!broken.isEmpty()) {
      return new ReconcileResult.Failed(
          "Replica of table " + table + " cannot become ACTIVE: " + join(broken) + ".");
    }
    for (String region : plan.unwanted()) {
      state
          .replica(region)
          .filter(replica -> replica.status().isInTransition())
          .ifPresent(inTransition::add);
    }
    if (!inTransition.isEmpty()) {
      return new ReconcileResult.Pending(
          "Waiting for replicas of table " + table + ": " + join(inTransition) + ".");
    }
    if (!state.isActive()) {
      return new ReconcileResult.Pending(
          "Waiting for table " + table + " to become ACTIVE (it is " + state.status() + ").");
    }

    SortedSet<String> missing = new TreeSet<>(plan.wanted());
    missing.removeAll(state.replicas().keySet());
    if (!missing.isEmpty()) {
      String region = missing.first();
      return asked(
          gateway.addReplica(table, region, Optional.ofNullable(plan.replicaKmsKeyId())),
          table,
          region,
          "Creating",
          "add");
    }

    SortedSet<String> toRemove = new TreeSet<>(plan.unwanted());
    toRemove.retainAll(state.replicas().keySet());
    if (!toRemove.isEmpty()) {
      String region = toRemove.first();
      return asked(gateway.removeReplica(table, region), table, region, "Deleting", "remove");
    }

    List<String> notReady = new ArrayList<>();
    for (String region : plan.wanted()) {
      if (!pointInTimeRecoveryOn(table, region)) {
        notReady.add(region);
      }
    }
    if (!notReady.isEmpty()) {
      return new ReconcileResult.Pending(
          "Waiting to enable point-in-time recovery on the replica of table "
              + table
              + " in "
              + String.join(", ", notReady)
              + " (continuous backups not available yet).");
    }
    return plan.wanted().isEmpty()
        ? new ReconcileResult.Converged(
            "Table " + table + " has no replica in " + String.join(", ", plan.unwanted()) + ".")
        : new ReconcileResult.Converged(
            "Table "
                + table
                + " has ACTIVE replicas in "
                + String.join(", ", plan.wanted())
                + " with point-in-time recovery enabled.");
  }

  private boolean pointInTimeRecoveryOn(String table, String region) {
    return switch (gateway.pointInTimeRecovery(table, region)) {
      case ENABLED -> true;
      case NOT_READY -> false;
      case DISABLED ->
          gateway.enablePointInTimeRecovery(table, region) == PointInTimeRecoveryStatus.ENABLED;
    };
  }

  private static String join(List<ReplicaState> replicas) {
    return String.join(", ", replicas.stream().map(ReplicaState::toString).toList());
  }

  /**
   * The pass's answer once it has asked for one replica change: {@code doing} it, or asking again
   * on a later pass because the table was busy with another change.
   */
  private static ReconcileResult asked(
      ReplicaChange change, String table, String region, String doing, String verb) {
    return new ReconcileResult.Pending(
        switch (change) {
          case STARTED -> doing + " the replica of table " + table + " in " + region + ".";
          case TABLE_BUSY ->
              "Table " + table + " is busy; will ask again to " + verb + " " + region + ".";
        });
  }
}

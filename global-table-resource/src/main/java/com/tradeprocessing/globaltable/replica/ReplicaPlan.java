package com.tradeprocessing.globaltable.replica;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one request wants of the table: the regions that must end with an ACTIVE replica with
 * point-in-time recovery, and the regions whose replica this resource must remove. Replicas in
 * other regions are someone else's and are left alone. Immutable.
 *
 * @param tableMayBeAbsent true for a removal, where a missing table means there is nothing to do
 * @param replicaKmsKeyId the key a replica this plan creates is encrypted with; null for the key
 *     DynamoDB chooses
 */
public record ReplicaPlan(
    String tableName,
    SortedSet<String> wanted,
    SortedSet<String> unwanted,
    boolean tableMayBeAbsent,
    String replicaKmsKeyId) {

  public ReplicaPlan {
    Objects.requireNonNull(tableName, "tableName");
    wanted = Collections.unmodifiableSortedSet(new TreeSet<>(wanted));
    unwanted = Collections.unmodifiableSortedSet(new TreeSet<>(unwanted));
    if (!Collections.disjoint(wanted, unwanted)) {
      throw new IllegalArgumentException(
          "a region cannot be both wanted and unwanted: " + wanted + " / " + unwanted);
    }
  }

  /** A plan whose new replicas get the key DynamoDB chooses. */
  public ReplicaPlan(
      String tableName,
      SortedSet<String> wanted,
      SortedSet<String> unwanted,
      boolean tableMayBeAbsent) {
    this(tableName, wanted, unwanted, tableMayBeAbsent, null);
  }

  /** Create: the table gets the replicas. */
  public static ReplicaPlan create(ReplicaSpec spec) {
    return new ReplicaPlan(
        spec.tableName(), spec.replicaRegions(), new TreeSet<>(), false, spec.replicaKmsKeyId());
  }

  /**
   * Update: on the same table, regions dropped from the list are removed; on another table (a
   * replacement) the new table gets its replicas and CloudFormation's later Delete of the old
   * physical id removes the old table's.
   */
  public static ReplicaPlan update(ReplicaSpec previous, ReplicaSpec current) {
    SortedSet<String> dropped = new TreeSet<>();
    if (previous != null && previous.tableName().equals(current.tableName())) {
      dropped.addAll(previous.replicaRegions());
      dropped.removeAll(current.replicaRegions());
    }
    return new ReplicaPlan(
        current.tableName(), current.replicaRegions(), dropped, false, current.replicaKmsKeyId());
  }

  /**
   * Delete: the replicas this resource added are removed; a missing table or replica is success.
   */
  public static ReplicaPlan delete(ReplicaSpec spec) {
    return new ReplicaPlan(spec.tableName(), new TreeSet<>(), spec.replicaRegions(), true);
  }
}

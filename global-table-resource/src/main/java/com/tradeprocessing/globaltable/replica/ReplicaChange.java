package com.tradeprocessing.globaltable.replica;

/** What DynamoDB did with a request to add or remove a replica. */
public enum ReplicaChange {
  /** DynamoDB started the change; the replica moves through CREATING or DELETING. */
  STARTED,
  /**
   * The table is busy with another change (or too many control-plane calls run); ask again later.
   */
  TABLE_BUSY
}

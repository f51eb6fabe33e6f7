package com.tradeprocessing.globaltable.replica;

import java.util.Optional;

/**
 * What the replica logic needs from DynamoDB. Methods throw {@link GlobalTableAccessException} for
 * failures that waiting will not fix; conditions that pass by themselves are return values.
 */
public interface GlobalTableGateway {

  /** The table in the primary region; empty when it does not exist. */
  Optional<TableState> describeTable(String tableName);

  /**
   * Asks DynamoDB to create a replica of the table in {@code region}, encrypted with {@code
   * kmsMasterKeyId} (a key of that region), or with the key DynamoDB chooses when it is empty.
   */
  ReplicaChange addReplica(String tableName, String region, Optional<String> kmsMasterKeyId);

  /** Asks DynamoDB to delete the table's replica in {@code region}. */
  ReplicaChange removeReplica(String tableName, String region);

  /** Point-in-time recovery on the replica, asked in the replica's own region. */
  PointInTimeRecoveryStatus pointInTimeRecovery(String tableName, String region);

  /** Turns point-in-time recovery on for the replica, in the replica's own region. */
  PointInTimeRecoveryStatus enablePointInTimeRecovery(String tableName, String region);
}

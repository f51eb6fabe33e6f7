package com.tradeprocessing.globaltable.replica;

/** Point-in-time recovery on one replica, as far as this resource needs to know it. */
public enum PointInTimeRecoveryStatus {
  ENABLED,
  DISABLED,
  /**
   * The replica cannot take the setting yet: DynamoDB still reports continuous backups as being
   * enabled, or the new replica is not yet visible in its own region. Asking again later succeeds.
   */
  NOT_READY
}

package com.tradeprocessing.globaltable.replica;

/** The status DynamoDB reports for one replica of a global table (version 2019.11.21). */
public enum ReplicaStatus {
  CREATING,
  CREATION_FAILED,
  UPDATING,
  DELETING,
  ACTIVE,
  REGION_DISABLED,
  INACCESSIBLE_ENCRYPTION_CREDENTIALS,
  ARCHIVING,
  ARCHIVED,
  REPLICATION_NOT_AUTHORIZED,
  /** A status this code does not know yet; waited on like a transition, within the wait limit. */
  UNKNOWN;

  /** The status named by DynamoDB's wire value. */
  public static ReplicaStatus fromWireValue(String value) {
    for (ReplicaStatus status : values()) {
      if (status.name().equals(value)) {
        return status;
      }
    }
    return UNKNOWN;
  }

  /** True while DynamoDB is still working on the replica and another change would be refused. */
  public boolean isInTransition() {
    return this == CREATING
        || this == UPDATING
        || this == DELETING
        || this == ARCHIVING
        || this == UNKNOWN;
  }

  /**
   * True when the replica cannot become ACTIVE without someone fixing its region, key or
   * permissions.
   */
  public boolean isBroken() {
    return this == CREATION_FAILED
        || this == REGION_DISABLED
        || this == INACCESSIBLE_ENCRYPTION_CREDENTIALS
        || this == ARCHIVED
        || this == REPLICATION_NOT_AUTHORIZED;
  }
}

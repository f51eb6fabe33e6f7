package com.tradeprocessing.globaltable.replica;

import java.util.Objects;

/** One replica of the table as DynamoDB describes it; the description may be empty. */
public record ReplicaState(String region, ReplicaStatus status, String statusDescription) {

  public ReplicaState {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(status, "status");
    statusDescription = statusDescription == null ? "" : statusDescription;
  }

  @Override
  public String toString() {
    return statusDescription.isEmpty()
        ? region + " " + status
        : region + " " + status + " (" + statusDescription + ")";
  }
}

package com.tradeprocessing.globaltable.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.globaltable.cloudformation.RequestType;
import java.util.Objects;

/**
 * The parts of a CloudFormation request that decide what to do with the replicas.
 *
 * @param properties {@code ResourceProperties} as sent
 * @param oldProperties {@code OldResourceProperties}; null except on Update
 * @param physicalResourceId the current physical id; null on Create
 */
public record ReplicaRequest(
    RequestType type, JsonNode properties, JsonNode oldProperties, String physicalResourceId) {

  public ReplicaRequest {
    Objects.requireNonNull(type, "type");
  }
}

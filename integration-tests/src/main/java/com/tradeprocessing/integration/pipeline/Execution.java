package com.tradeprocessing.integration.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One execution of the trade state machine, as DescribeExecution reports it.
 *
 * @param eventId the id of the EventBridge event it processes (its input's {@code id})
 * @param output the output once it succeeded: the recorder's answer
 */
public record Execution(
    String arn,
    String eventId,
    String status,
    JsonNode input,
    Optional<JsonNode> output,
    Optional<String> error,
    Optional<String> cause) {

  public boolean finished() {
    return !status.equals("RUNNING");
  }

  public boolean succeeded() {
    return status.equals("SUCCEEDED");
  }
}

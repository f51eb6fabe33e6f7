package com.tradeprocessing.enricher;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the enrich stage is invoked with, immutable: the state machine passes {@code {"event",
 * "executionId"}} (docs/stage-contracts.md, data flow step 3); a direct invocation passes the bare
 * EventBridge event, which has no execution id.
 *
 * @param event the EventBridge event, as received (whatever it holds; one that is not a trade is
 *     answered NOT_A_TRADE)
 * @param executionId the Step Functions execution id, {@code null} when not given
 */
record StageInput(JsonNode event, String executionId) {

  /**
   * Reads either shape. An EventBridge event never has a top-level {@code event} member, so an
   * object with one is the state machine's payload.
   */
  static StageInput of(JsonNode input) {
    if (input.isObject() && input.has("event")) {
      JsonNode executionId = input.path("executionId");
      return new StageInput(
          input.get("event"),
          executionId.isTextual() && !executionId.asText().isBlank() ? executionId.asText() : null);
    }
    return new StageInput(input, null);
  }
}

package com.tradeprocessing.recorder.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.model.Require;
import com.tradeprocessing.model.event.TradeEvent;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.recorder.RecorderInputException;

/**
 * The Record stage's input, immutable: the EventBridge event as the state machine received it, the
 * Step Functions execution id and the results of both parallel branches.
 *
 * @param event the event, read leniently (its envelope fields may be {@code null})
 * @param executionId the Step Functions execution id (an execution ARN)
 * @param validation the validator's output
 * @param enrichment the enricher's output as the rules read it
 * @param enrichmentJson the enricher's output as it arrived, stored verbatim in the record
 */
public record RecordRequest(
    TradeEvent event,
    String executionId,
    ValidationVerdict validation,
    EnrichmentResult enrichment,
    JsonNode enrichmentJson) {

  public RecordRequest {
    Require.nonNull(
        "event executionId validation enrichment enrichmentJson",
        event,
        executionId,
        validation,
        enrichment,
        enrichmentJson);
  }

  /**
   * Reads {@code {"event", "executionId", "validation", "enrichment"}}. Throws {@link
   * RecorderInputException} naming the first part that is missing or does not follow the stage
   * contract.
   */
  public static RecordRequest fromJson(JsonNode input) {
    if (input == null || !input.isObject()) {
      throw new RecorderInputException("the Record stage input must be a JSON object");
    }
    JsonNode event = input.get("event");
    if (event == null || !event.isObject()) {
      throw new RecorderInputException("the Record stage input has no 'event' object");
    }
    JsonNode executionId = input.get("executionId");
    if (executionId == null || !executionId.isTextual() || executionId.asText().isBlank()) {
      throw new RecorderInputException("the Record stage input has no 'executionId' string");
    }
    JsonNode enrichmentJson = objectField(input, "enrichment");
    return new RecordRequest(
        TradeEvent.fromJson(event),
        executionId.asText(),
        read(objectField(input, "validation"), "validation", ValidationVerdict.class),
        read(enrichmentJson, "enrichment", EnrichmentResult.class),
        enrichmentJson);
  }

  private static JsonNode objectField(JsonNode input, String field) {
    JsonNode node = input.get(field);
    if (node == null || !node.isObject()) {
      throw new RecorderInputException("the Record stage input has no '" + field + "' object");
    }
    return node;
  }

  private static <T> T read(JsonNode node, String field, Class<T> type) {
    try {
      return TradeJson.mapper().treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw contractViolation(field, e.getOriginalMessage(), e);
    } catch (IllegalArgumentException e) {
      throw contractViolation(field, e.getMessage(), e);
    }
  }

  private static RecorderInputException contractViolation(
      String field, String problem, Exception cause) {
    return new RecorderInputException(
        "the '" + field + "' result does not follow the stage contract: " + problem, cause);
  }
}

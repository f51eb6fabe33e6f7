package com.tradeprocessing.benchmarks.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.fixtures.EventFixtures;
import com.tradeprocessing.model.json.TradeJson;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The payloads of one trade through the three functions, as the state machine passes them
 * (docs/stage-contracts.md), and the check of each answer: the trade must be valid, enriched and
 * recorded as accepted for the first time, so a run that measured an error path is never counted.
 * Every trade has a trade id of its own (the recorder would otherwise find a replay) and was
 * executed a minute ago (the validator judges trade times against its clock).
 */
final class TradeFlow {

  private final ObjectNode event;
  private final String executionId;

  private TradeFlow(ObjectNode event, String executionId) {
    this.event = event;
    this.executionId = executionId;
  }

  static TradeFlow next(String stateMachineName) {
    ObjectNode event = EventFixtures.event(EventFixtures.OMS_VALID);
    ObjectNode detail = (ObjectNode) event.get("detail");
    String id = UUID.randomUUID().toString();
    detail.put("tradeId", "OMS-BENCH-" + id);
    detail.put(
        "executedAt",
        Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS).toString());
    event.put("id", id);
    return new TradeFlow(
        event, "arn:aws:states:us-east-1:123456789012:execution:" + stateMachineName + ":" + id);
  }

  /** The validator's and the enricher's payload: {@code {"event", "executionId"}}. */
  byte[] stageInput() {
    ObjectNode input = TradeJson.mapper().createObjectNode();
    input.set("event", event);
    input.put("executionId", executionId);
    return bytes(input);
  }

  /** The recorder's payload, from the answers of the two parallel branches. */
  byte[] recordInput(JsonNode validation, JsonNode enrichment) {
    ObjectNode input = TradeJson.mapper().createObjectNode();
    input.set("event", event);
    input.put("executionId", executionId);
    input.set("validation", validation);
    input.set("enrichment", enrichment);
    return bytes(input);
  }

  static void checkValidation(JsonNode answer) {
    check(answer.path("valid").asBoolean(false), "validator", answer);
  }

  static void checkEnrichment(JsonNode answer) {
    check("ENRICHED".equals(answer.path("status").asText()), "enricher", answer);
  }

  static void checkRecording(JsonNode answer) {
    check(
        "ACCEPTED".equals(answer.path("status").asText())
            && !answer.path("replayed").asBoolean(true),
        "recorder",
        answer);
  }

  private static void check(boolean expected, String function, JsonNode answer) {
    if (!expected) {
      throw new IllegalStateException("unexpected answer of the " + function + ": " + answer);
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return TradeJson.mapper().writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

package com.tradeprocessing.cli.dlq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.TradeId;
import com.tradeprocessing.model.event.TradeEvent;
import com.tradeprocessing.model.source.SourceAdapters;
import java.util.Optional;

/**
 * What a dead-letter message says, whichever queue holds it (docs/operations.md):
 *
 * <ul>
 *   <li>a stage queue's message (docs/stage-contracts.md, "Failure path"): {@code stage}, {@code
 *       error}, {@code cause}, {@code executionId} and the original {@code event};
 *   <li>the executions queue's Step Functions status change event: {@code detail.status}, {@code
 *       detail.error}, {@code detail.cause}, {@code detail.executionArn} and the original event as
 *       text in {@code detail.input} (absent when AWS left the input out);
 *   <li>the events queue's message: the event itself, EventBridge's {@code ERROR_CODE} and {@code
 *       ERROR_MESSAGE} attributes.
 * </ul>
 *
 * @param message the message as received
 * @param kind which of the three forms
 * @param stage the failed stage, or the execution's ending status, or {@code eventbridge}
 * @param error the error's name
 * @param cause the error's message or cause, {@code null} if none
 * @param executionArn the execution that failed, {@code null} for the events queue
 * @param originalEvent the trade event to redrive, if the message holds it
 * @param tradeId the trade id derived from the event's source and source trade id, if readable
 */
public record DeadLetterMessage(
    QueueMessage message,
    MessageForm kind,
    String stage,
    String error,
    String cause,
    String executionArn,
    Optional<JsonNode> originalEvent,
    Optional<String> tradeId) {

  /** The three forms of a dead-letter message. */
  public enum MessageForm {
    STAGE_FAILURE,
    EXECUTION_STATUS_CHANGE,
    UNDELIVERED_EVENT,
    UNREADABLE
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  public static DeadLetterMessage parse(QueueMessage message) {
    JsonNode body;
    try {
      body = JSON.readTree(message.body());
    } catch (JsonProcessingException e) {
      return unreadable(message, "the body is not JSON");
    }
    if (body == null || !body.isObject()) {
      return unreadable(message, "the body is not a JSON object");
    }
    if (body.has("stage") && body.has("event")) {
      JsonNode event = body.get("event");
      return new DeadLetterMessage(
          message,
          MessageForm.STAGE_FAILURE,
          body.path("stage").asText(),
          body.path("error").asText(null),
          body.path("cause").asText(null),
          body.path("executionId").asText(null),
          Optional.of(event),
          tradeIdOf(event));
    }
    if ("Step Functions Execution Status Change".equals(body.path("detail-type").asText())) {
      JsonNode detail = body.path("detail");
      Optional<JsonNode> event = Optional.empty();
      if (detail.path("input").isTextual()) {
        try {
          event = Optional.ofNullable(JSON.readTree(detail.path("input").asText()));
        } catch (JsonProcessingException e) {
          event = Optional.empty();
        }
      }
      return new DeadLetterMessage(
          message,
          MessageForm.EXECUTION_STATUS_CHANGE,
          detail.path("status").asText(null),
          detail.path("error").asText(null),
          detail.path("cause").asText(null),
          detail.path("executionArn").asText(null),
          event,
          event.flatMap(DeadLetterMessage::tradeIdOf));
    }
    if (body.has("source") && body.has("detail")) {
      return new DeadLetterMessage(
          message,
          MessageForm.UNDELIVERED_EVENT,
          "eventbridge",
          message.attributes().get("ERROR_CODE"),
          message.attributes().get("ERROR_MESSAGE"),
          null,
          Optional.of(body),
          tradeIdOf(body));
    }
    return unreadable(message, "neither a stage's message, a status change nor an event");
  }

  /** The trade id of an event, read with the platform's own source adapters. */
  public static Optional<String> tradeIdOf(JsonNode event) {
    TradeEvent parsed = TradeEvent.fromJson(event);
    Optional<SourceSystem> system = SourceSystem.fromEventSource(parsed.source());
    if (system.isEmpty()) {
      return Optional.empty();
    }
    String sourceTradeId =
        SourceAdapters.adapt(parsed.source(), parsed.detail()).candidate().sourceTradeId();
    if (sourceTradeId == null || sourceTradeId.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(TradeId.of(system.get(), sourceTradeId).value());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static DeadLetterMessage unreadable(QueueMessage message, String why) {
    return new DeadLetterMessage(
        message, MessageForm.UNREADABLE, null, why, null, null, Optional.empty(), Optional.empty());
  }
}

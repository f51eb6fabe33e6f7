package com.tradeprocessing.model.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.tradeprocessing.model.json.TradeJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What the validate and enrich stages are invoked with, immutable: the state machine passes {@code
 * {"event", "executionId"}} (docs/stage-contracts.md, data flow step 3); a direct invocation passes
 * the bare EventBridge event, which has no execution id.
 *
 * @param event the EventBridge event, as received (the stage judges whatever it holds); {@link
 *     MissingNode} when the input was empty or not JSON
 * @param executionId the Step Functions execution id, {@code null} when not given
 */
public record StageInput(JsonNode event, String executionId) {

  public StageInput {
    Objects.requireNonNull(event, "event");
  }

  /**
   * Reads a stage's input leniently. The state machine always passes JSON; anything else is read as
   * an empty event, so the stage answers it as it answers any malformed event instead of losing it
   * in a stack trace, and {@code notJson} is given the kind and place of the parser's error for the
   * stage to log. The parser's own message is not passed on: it quotes the offending token, which
   * is a piece of the payload and may be an account or trader field (docs/security.md).
   *
   * @throws IOException only when the stream itself cannot be read
   */
  public static StageInput read(InputStream input, Consumer<String> notJson) throws IOException {
    JsonNode json;
    try {
      json = TradeJson.mapper().readTree(input);
    } catch (JsonProcessingException e) {
      notJson.accept(
          e.getClass().getSimpleName()
              + (e.getLocation() == null
                  ? ""
                  : " at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()));
      json = null;
    }
    return of(json);
  }

  /**
   * Reads a stage's input leniently, as {@link #read(InputStream, Consumer)}, and its event. {@code
   * logContext} is given {@code executionId} and then {@code eventId} as soon as each is known, so
   * that a fault while reading the event is logged with the execution it belongs to.
   *
   * @throws IOException only when the stream itself cannot be read
   */
  public static TradeEvent readEvent(
      InputStream input, Consumer<String> notJson, BiConsumer<String, String> logContext)
      throws IOException {
    StageInput stageInput = read(input, notJson);
    logContext.accept("executionId", stageInput.executionId());
    TradeEvent event = TradeEvent.fromJson(stageInput.event());
    logContext.accept("eventId", event.id());
    return event;
  }

  /**
   * Reads either shape. An EventBridge event never has a top-level {@code event} member, so an
   * object with one is the state machine's payload. {@code null} is read as an empty event.
   */
  public static StageInput of(JsonNode input) {
    if (input == null) {
      return new StageInput(MissingNode.getInstance(), null);
    }
    if (input.isObject() && input.has("event")) {
      JsonNode executionId = input.path("executionId");
      return new StageInput(
          input.get("event"),
          executionId.isTextual() && !executionId.asText().isBlank() ? executionId.asText() : null);
    }
    return new StageInput(input, null);
  }
}

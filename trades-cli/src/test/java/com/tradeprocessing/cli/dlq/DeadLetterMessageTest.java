package com.tradeprocessing.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.TradeId;
import com.tradeprocessing.model.fixtures.EventFixtures;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three forms of dead-letter message that docs/operations.md describes. */
class DeadLetterMessageTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static QueueMessage message(String body, Map<String, String> attributes) {
    return new QueueMessage("m-1", "r-1", body, attributes, Instant.EPOCH, 1);
  }

  private static String tradeIdOfTheSample() {
    ObjectNode event = EventFixtures.event(EventFixtures.OMS_VALID);
    return TradeId.of(SourceSystem.OMS, event.path("detail").path("tradeId").asText()).value();
  }

  @Test
  void parse_stageQueueMessage_shouldGiveStageErrorExecutionAndTheEventsTradeId() throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("stage", "record");
    body.put("error", "com.tradeprocessing.recorder.TradeStoreUnavailableException");
    body.put("cause", "DynamoDB unavailable");
    body.put("executionId", "arn:aws:states:us-east-1:1:execution:sfn:1");
    body.set("event", EventFixtures.event(EventFixtures.OMS_VALID));

    DeadLetterMessage message =
        DeadLetterMessage.parse(message(JSON.writeValueAsString(body), Map.of()));

    assertThat(message.kind()).isEqualTo(DeadLetterMessage.MessageForm.STAGE_FAILURE);
    assertThat(message.stage()).isEqualTo("record");
    assertThat(message.error()).endsWith("TradeStoreUnavailableException");
    assertThat(message.executionArn()).endsWith("execution:sfn:1");
    assertThat(message.tradeId()).contains(tradeIdOfTheSample());
    assertThat(message.originalEvent()).contains(EventFixtures.event(EventFixtures.OMS_VALID));
  }

  @Test
  void parse_executionStatusChange_shouldReadTheEventFromTheInputText() throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("detail-type", "Step Functions Execution Status Change");
    ObjectNode detail = body.putObject("detail");
    detail.put("status", "TIMED_OUT");
    detail.put("executionArn", "arn:aws:states:us-east-1:1:execution:sfn:2");
    detail.put("input", JSON.writeValueAsString(EventFixtures.event(EventFixtures.OMS_VALID)));

    DeadLetterMessage message =
        DeadLetterMessage.parse(message(JSON.writeValueAsString(body), Map.of()));

    assertThat(message.kind()).isEqualTo(DeadLetterMessage.MessageForm.EXECUTION_STATUS_CHANGE);
    assertThat(message.stage()).isEqualTo("TIMED_OUT");
    assertThat(message.tradeId()).contains(tradeIdOfTheSample());
  }

  @Test
  void parse_statusChangeWhoseInputWasLeftOut_shouldHaveNoEventToRedrive() throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("detail-type", "Step Functions Execution Status Change");
    body.putObject("detail")
        .put("status", "FAILED")
        .putObject("inputDetails")
        .put("included", false);

    DeadLetterMessage message =
        DeadLetterMessage.parse(message(JSON.writeValueAsString(body), Map.of()));

    assertThat(message.originalEvent()).isEmpty();
    assertThat(message.tradeId()).isEmpty();
  }

  @Test
  void parse_eventQueueMessage_shouldTakeTheErrorFromEventBridgesAttributes() throws Exception {
    String body = JSON.writeValueAsString(EventFixtures.event(EventFixtures.OMS_VALID));

    DeadLetterMessage message =
        DeadLetterMessage.parse(
            message(body, Map.of("ERROR_CODE", "SDK_CLIENT_ERROR", "ERROR_MESSAGE", "denied")));

    assertThat(message.kind()).isEqualTo(DeadLetterMessage.MessageForm.UNDELIVERED_EVENT);
    assertThat(message.error()).isEqualTo("SDK_CLIENT_ERROR");
    assertThat(message.cause()).isEqualTo("denied");
    assertThat(message.tradeId()).contains(tradeIdOfTheSample());
  }

  @Test
  void parse_bodyThatIsNotJson_shouldBeUnreadableWithoutAnEvent() {
    DeadLetterMessage message = DeadLetterMessage.parse(message("not json", Map.of()));

    assertThat(message.kind()).isEqualTo(DeadLetterMessage.MessageForm.UNREADABLE);
    assertThat(message.originalEvent()).isEmpty();
  }
}

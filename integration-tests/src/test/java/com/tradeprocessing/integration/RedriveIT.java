package com.tradeprocessing.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.integration.pipeline.Execution;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Redriving a dead-lettered trade (publishing the message's original event again, as
 * docs/operations.md describes) records what a clean first delivery records: the same trade id,
 * verdict and reasons. A trade that failed after a stage's Catch is in two queues (the stage's, and
 * the executions queue the catch-all rule fills); redriving it from both records it once, the
 * second redrive being a replay of the first outcome (docs/trade-record.md).
 */
@ExtendWith(TestPlatform.class)
class RedriveIT {

  @Test
  void deadLetteredTrades_redrivenFromEitherQueue_shouldBeRecordedOnceAsAFirstDeliveryIs(
      Pipeline pipeline) throws Exception {
    // GIVEN one accepted and one rejected trade, each delivered cleanly
    ObjectNode acceptedFirst = accepted();
    ObjectNode rejectedFirst = rejected();
    JsonNode acceptedClean = pipeline.process(acceptedFirst).output().orElseThrow();
    JsonNode rejectedClean = pipeline.process(rejectedFirst).output().orElseThrow();
    assertThat(acceptedClean.path("status").asText()).isEqualTo("ACCEPTED");
    assertThat(rejectedClean.path("status").asText()).isEqualTo("REJECTED");

    // AND the same two trades (other trade ids) dead-lettered while the trade store is unreachable
    ObjectNode acceptedLost = accepted();
    ObjectNode rejectedLost = rejected();
    Execution acceptedFailed;
    Execution rejectedFailed;
    String recorder = pipeline.deployment().recorderFunction();
    try {
      pipeline.platform().updateFunctionEnvironment(recorder, unreachableTradeStore(pipeline));
      String acceptedEventId = pipeline.publish(acceptedLost);
      String rejectedEventId = pipeline.publish(rejectedLost);
      acceptedFailed = pipeline.awaitExecution(acceptedEventId);
      rejectedFailed = pipeline.awaitExecution(rejectedEventId);
    } finally {
      Map<String, String> restore = new HashMap<>();
      restore.put("AWS_ENDPOINT_URL_DYNAMODB", null);
      pipeline.platform().updateFunctionEnvironment(recorder, restore);
    }
    assertThat(List.of(acceptedFailed.status(), rejectedFailed.status())).containsOnly("FAILED");

    for (var trade :
        List.of(
            new Object[] {acceptedLost, acceptedFailed, acceptedClean},
            new Object[] {rejectedLost, rejectedFailed, rejectedClean})) {
      ObjectNode lostEvent = (ObjectNode) trade[0];
      Execution failed = (Execution) trade[1];
      JsonNode clean = (JsonNode) trade[2];
      String tradeId = ReferenceDataFailureIT.tradeIdOf(lostEvent);
      JsonNode stageMessage = pipeline.awaitDeadLetter("RecorderDeadLetterQueue", failed.arn());
      JsonNode statusChange = pipeline.awaitLostExecution(failed.arn());
      JsonNode fromStageQueue = stageMessage.path("event");
      JsonNode fromExecutionsQueue =
          Pipeline.parse(statusChange.path("detail").path("input").asText());
      assertThat(fromExecutionsQueue).isEqualTo(fromStageQueue);
      assertThat(pipeline.record(tradeId)).isEmpty();

      // WHEN the stage queue's event is republished, then the executions queue's
      Execution redrive = pipeline.process(fromStageQueue);
      JsonNode redriven = redrive.output().orElseThrow();
      JsonNode redrivenAgain = pipeline.process(fromExecutionsQueue).output().orElseThrow();

      // THEN the redrive decides as the clean delivery did, under the lost trade's id
      assertThat(redriven.path("tradeId").asText()).isEqualTo(tradeId);
      assertThat(redriven.path("status")).isEqualTo(clean.path("status"));
      assertThat(redriven.path("reasonCodes")).isEqualTo(clean.path("reasonCodes"));
      assertThat(redriven.path("replayed").asBoolean()).isFalse();
      Map<String, AttributeValue> record = pipeline.record(tradeId).orElseThrow();
      Map<String, AttributeValue> cleanRecord =
          pipeline.record(clean.path("tradeId").asText()).orElseThrow();
      assertThat(record.get("status")).isEqualTo(cleanRecord.get("status"));
      assertThat(record.get("reasonCodes")).isEqualTo(cleanRecord.get("reasonCodes"));
      // A republished event is a new EventBridge event: the record names the one that recorded it.
      assertThat(record.get("eventId").s()).isEqualTo(redrive.eventId());

      // AND the second redrive is a replay of the first outcome: one record, unchanged
      assertThat(redrivenAgain.path("replayed").asBoolean()).isTrue();
      assertThat(redrivenAgain.path("tradeId").asText()).isEqualTo(tradeId);
      assertThat(redrivenAgain.path("status")).isEqualTo(redriven.path("status"));
      assertThat(redrivenAgain.path("recordedAt")).isEqualTo(redriven.path("recordedAt"));
      assertThat(pipeline.recordsOf(tradeId)).hasSize(1);
    }
  }

  private static ObjectNode accepted() {
    return TradeEvents.with(
        TradeEvents.with(TradeEvents.valid(TradeEvents.OMS), "isin", "US0378331005"),
        "price",
        "190.50");
  }

  /** Priced 100 % over the instrument's reference price: REJECTED with PRICE_OUT_OF_BAND. */
  private static ObjectNode rejected() {
    return TradeEvents.with(
        TradeEvents.with(TradeEvents.valid(TradeEvents.OMS), "isin", "US0378331005"),
        "price",
        "380.00");
  }

  private static Map<String, String> unreachableTradeStore(Pipeline pipeline) throws Exception {
    // A port that was just free and is closed again: every connection to it is refused.
    InetAddress address = pipeline.platform().backend().addressForFunctions();
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, address)) {
      closedPort = socket.getLocalPort();
    }
    Map<String, String> pointAtFailure = new HashMap<>();
    pointAtFailure.put(
        "AWS_ENDPOINT_URL_DYNAMODB",
        "http://" + pipeline.platform().backend().hostForFunctions() + ":" + closedPort);
    return pointAtFailure;
  }
}

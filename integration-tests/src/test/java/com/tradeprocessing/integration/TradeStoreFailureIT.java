package com.tradeprocessing.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.integration.pipeline.Execution;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * DynamoDB failing (its endpoint refuses every connection) is retried by the state machine; after
 * the retries the trade lands in the recorder's dead-letter queue with its error and original
 * event. The recorder is pointed at the failing endpoint through its configuration
 * (UpdateFunctionConfiguration), as an operator would change it, then restored.
 */
@ExtendWith(TestPlatform.class)
class TradeStoreFailureIT {

  private static final String UNAVAILABLE =
      "com.tradeprocessing.recorder.TradeStoreUnavailableException";

  @Test
  void tradeStore_unreachable_shouldBeRetriedThenSendTheTradeToTheRecorderDeadLetterQueue(
      Pipeline pipeline) throws Exception {
    // GIVEN
    // A port that was just free and is closed again: every connection to it is refused.
    InetAddress address = pipeline.platform().backend().addressForFunctions();
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, address)) {
      closedPort = socket.getLocalPort();
    }
    String recorder = pipeline.deployment().recorderFunction();
    Map<String, String> pointAtFailure = new HashMap<>();
    pointAtFailure.put(
        "AWS_ENDPOINT_URL_DYNAMODB",
        "http://" + pipeline.platform().backend().hostForFunctions() + ":" + closedPort);
    ObjectNode event = TradeEvents.valid(TradeEvents.PRIME_BROKER);
    Execution execution;
    try {
      pipeline.platform().updateFunctionEnvironment(recorder, pointAtFailure);

      // WHEN
      execution = pipeline.process(event);
    } finally {
      Map<String, String> restore = new HashMap<>();
      restore.put("AWS_ENDPOINT_URL_DYNAMODB", null);
      pipeline.platform().updateFunctionEnvironment(recorder, restore);
    }

    // THEN
    assertThat(execution.status()).isEqualTo("FAILED");
    assertThat(execution.error()).contains(UNAVAILABLE);
    long recordAttempts =
        pipeline.history(execution.arn()).stream()
            .filter(e -> e.type() == HistoryEventType.TASK_FAILED)
            .filter(e -> UNAVAILABLE.equals(e.taskFailedEventDetails().error()))
            .count();
    assertThat(recordAttempts).as("attempts of the Record task").isGreaterThan(1);
    JsonNode message = pipeline.awaitDeadLetter("RecorderDeadLetterQueue", execution.arn());
    assertThat(message.path("stage").asText()).isEqualTo("record");
    assertThat(message.path("error").asText()).isEqualTo(UNAVAILABLE);
    assertThat(message.path("cause").asText()).contains(UNAVAILABLE);
    assertThat(message.path("event").path("detail")).isEqualTo(event.path("detail"));
    assertThat(pipeline.record(ReferenceDataFailureIT.tradeIdOf(event))).isEmpty();

    // AND the restored recorder records again
    Execution after = pipeline.process(TradeEvents.valid(TradeEvents.PRIME_BROKER));
    assertThat(after.output().orElseThrow().path("status").asText()).isEqualTo("ACCEPTED");
  }
}

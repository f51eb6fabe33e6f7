package com.tradeprocessing.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.integration.pipeline.Execution;
import com.tradeprocessing.integration.referencedata.ReferenceDataFault;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.TradeId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * The reference-data API failing is retried by the state machine; after the retries the trade lands
 * in the enricher's dead-letter queue with its error and the original event, and nothing is
 * recorded. Each test breaks one instrument only, which no other test uses.
 */
@ExtendWith(TestPlatform.class)
class ReferenceDataFailureIT {

  private static final String UNAVAILABLE =
      "com.tradeprocessing.enricher.ReferenceDataUnavailableException";

  @RegisterExtension final BrokenInstruments brokenInstruments = new BrokenInstruments();

  @Test
  void referenceDataApi_answering503_shouldBeRetriedThenSendTheTradeToTheEnricherDeadLetterQueue(
      Pipeline pipeline) {
    // GIVEN
    String isin = "US67066G1040";
    brokenInstruments.inject(pipeline, isin, ReferenceDataFault.status(503));
    ObjectNode event = TradeEvents.trade(TradeEvents.OMS, isin, "180.50");

    // WHEN
    String eventId = pipeline.publish(event);
    Execution execution = pipeline.awaitExecution(eventId);

    // THEN
    assertThat(execution.status()).isEqualTo("FAILED");
    assertThat(execution.error()).contains(UNAVAILABLE);
    List<HistoryEvent> history = pipeline.history(execution.arn());
    long enrichAttempts = failedAttempts(history, UNAVAILABLE);
    assertThat(enrichAttempts).as("attempts of the Enrich task").isGreaterThan(1);
    assertThat(pipeline.referenceData().instrumentRequests(isin)).isEqualTo((int) enrichAttempts);
    assertDeadLetter(pipeline, execution, eventId, event);
    assertThat(pipeline.record(tradeIdOf(event))).isEmpty();
  }

  @Test
  void
      referenceDataApi_slowerThanTheEnricherTimeout_shouldBeRetriedThenDeadLetteredWhileValidationRanInParallel(
          Pipeline pipeline) {
    // GIVEN
    String isin = "US0231351067";
    brokenInstruments.inject(pipeline, isin, ReferenceDataFault.delay(Duration.ofMillis(3500)));
    ObjectNode event = TradeEvents.trade(TradeEvents.FIX_GATEWAY, isin, "225.10");
    // A configuration change gives the validator new sandboxes, so its task lasts a cold start:
    // long enough that the branches overlap visibly, where a warm validator answers in a few
    // milliseconds, less than the time between the two branches' starts.
    String validator = pipeline.deployment().validatorFunction();
    Map<String, String> coldStart = new HashMap<>();
    coldStart.put("TEST_SANDBOX_GENERATION", UUID.randomUUID().toString());
    Execution execution;
    try {
      pipeline.platform().updateFunctionEnvironment(validator, coldStart);

      // WHEN
      String eventId = pipeline.publish(event);
      execution = pipeline.awaitExecution(eventId);
      assertDeadLetter(pipeline, execution, eventId, event);
    } finally {
      coldStart.put("TEST_SANDBOX_GENERATION", null);
      pipeline.platform().updateFunctionEnvironment(validator, coldStart);
    }

    // THEN
    assertThat(execution.status()).isEqualTo("FAILED");
    assertThat(execution.error()).contains(UNAVAILABLE);
    List<HistoryEvent> history = pipeline.history(execution.arn());
    assertThat(failedAttempts(history, UNAVAILABLE)).isGreaterThan(1);

    // The validator's task and the enricher's first attempt ran at the same time: each started
    // before the other ended.
    assertThat(history).anyMatch(e -> e.type() == HistoryEventType.PARALLEL_STATE_STARTED);
    Instant validateStarted = firstScheduled(history, validator);
    Instant enrichStarted = firstScheduled(history, pipeline.deployment().enricherFunction());
    Instant validated = first(history, HistoryEventType.TASK_SUCCEEDED);
    Instant firstEnrichFailure = first(history, HistoryEventType.TASK_FAILED);
    assertThat(validateStarted).isBefore(firstEnrichFailure);
    assertThat(enrichStarted).isBefore(validated);
  }

  private static Instant firstScheduled(List<HistoryEvent> history, String functionName) {
    return history.stream()
        .filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED)
        .filter(e -> e.taskScheduledEventDetails().parameters().contains(functionName))
        .findFirst()
        .orElseThrow()
        .timestamp();
  }

  private static Instant first(List<HistoryEvent> history, HistoryEventType type) {
    return history.stream().filter(e -> e.type() == type).findFirst().orElseThrow().timestamp();
  }

  private static void assertDeadLetter(
      Pipeline pipeline, Execution execution, String eventId, ObjectNode event) {
    JsonNode message = pipeline.awaitDeadLetter("EnricherDeadLetterQueue", execution.arn());
    assertThat(message.path("stage").asText()).isEqualTo("enrich");
    assertThat(message.path("error").asText()).isEqualTo(UNAVAILABLE);
    assertThat(message.path("cause").asText()).contains(UNAVAILABLE);
    assertThat(message.path("event").path("id").asText()).isEqualTo(eventId);
    assertThat(message.path("event").path("source").asText())
        .isEqualTo(event.path("source").asText());
    assertThat(message.path("event").path("detail")).isEqualTo(event.path("detail"));
  }

  private static long failedAttempts(List<HistoryEvent> history, String error) {
    return history.stream()
        .filter(e -> e.type() == HistoryEventType.TASK_FAILED)
        .filter(e -> error.equals(e.taskFailedEventDetails().error()))
        .count();
  }

  static String tradeIdOf(ObjectNode event) {
    SourceSystem system = SourceSystem.fromEventSource(event.path("source").asText()).orElseThrow();
    return TradeId.of(system, TradeEvents.sourceTradeId(event)).value();
  }
}

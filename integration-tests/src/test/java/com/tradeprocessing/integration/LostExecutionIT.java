package com.tradeprocessing.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.integration.pipeline.Execution;
import com.tradeprocessing.integration.referencedata.ReferenceDataFault;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Executions that end outside the stages' Catches (a data limit, which States.ALL does not catch;
 * an operator's StopExecution) still leave the trade in a dead-letter queue: the catch-all rule
 * sends their status change, whose input is the original event, to the executions dead-letter
 * queue. Each test breaks one instrument that no other test uses.
 */
@ExtendWith(TestPlatform.class)
class LostExecutionIT {

  @RegisterExtension final BrokenInstruments brokenInstruments = new BrokenInstruments();

  @Test
  void
      enrichment_overTheStateDataLimit_shouldFailTheExecutionAndSendTheOriginalEventToTheExecutionsQueue(
          Pipeline pipeline) {
    // GIVEN the reference-data API answering an instrument whose name is 300,000 bytes, so the
    // enricher's answer is over Step Functions' 256 KiB state data limit
    String isin = "US78462F1030";
    String oversized =
        "{\"isin\":\"US78462F1030\",\"symbol\":\"SPY\",\"name\":\""
            + "S".repeat(300_000)
            + "\",\"mic\":\"XNYS\",\"currency\":\"USD\",\"assetClass\":\"ETF\",\"sector\":null,"
            + "\"lotSize\":1,\"referencePrice\":\"600.00\",\"referencePriceAsOf\":\"2026-11-24\"}";
    brokenInstruments.inject(pipeline, isin, ReferenceDataFault.answer(oversized));
    ObjectNode event = TradeEvents.trade(TradeEvents.OMS, isin, "601.00");

    // WHEN
    String eventId = pipeline.publish(event);
    Execution execution = pipeline.awaitExecution(eventId);

    // THEN the execution failed with the uncatchable error, and no stage queue got the trade
    assertThat(execution.status()).isEqualTo("FAILED");
    assertThat(execution.error()).contains("States.DataLimitExceeded");
    JsonNode lost = pipeline.awaitLostExecution(execution.arn());
    assertThat(lost.path("detail").path("status").asText()).isEqualTo("FAILED");
    assertThat(lost.path("detail").path("error").asText()).isEqualTo("States.DataLimitExceeded");
    assertThat(lost.path("detail").path("cause").asText()).isNotBlank();
    JsonNode original = Pipeline.parse(lost.path("detail").path("input").asText());
    assertThat(original.path("id").asText()).isEqualTo(eventId);
    assertThat(original.path("detail")).isEqualTo(event.path("detail"));
    assertThat(pipeline.record(ReferenceDataFailureIT.tradeIdOf(event))).isEmpty();
  }

  @Test
  void execution_stoppedByAnOperator_shouldSendTheOriginalEventToTheExecutionsQueue(
      Pipeline pipeline) {
    // GIVEN an execution held in its Enrich stage by a reference-data API slower than the
    // enricher's timeout (retried), so it is still running when the operator stops it
    String isin = "DE0007164600";
    brokenInstruments.inject(pipeline, isin, ReferenceDataFault.delay(Duration.ofSeconds(5)));
    ObjectNode event =
        TradeEvents.with(
            TradeEvents.with(
                TradeEvents.with(TradeEvents.valid(TradeEvents.FIX_GATEWAY), "isin", isin),
                "currency",
                "EUR"),
            "price",
            "231.00");
    String eventId = pipeline.publish(event);
    Execution running = awaitStarted(pipeline, eventId);

    // WHEN
    pipeline.stop(running.arn(), "Operator.Stopped", "stopped while reference data was slow");

    // THEN
    JsonNode lost = pipeline.awaitLostExecution(running.arn());
    assertThat(lost.path("source").asText()).isEqualTo("aws.states");
    assertThat(lost.path("detail").path("status").asText()).isEqualTo("ABORTED");
    assertThat(lost.path("detail").path("inputDetails").path("included").asBoolean()).isTrue();
    JsonNode original = Pipeline.parse(lost.path("detail").path("input").asText());
    assertThat(original.path("id").asText()).isEqualTo(eventId);
    assertThat(original.path("detail")).isEqualTo(event.path("detail"));
    assertThat(pipeline.awaitExecution(eventId).status()).isEqualTo("ABORTED");
    assertThat(pipeline.record(ReferenceDataFailureIT.tradeIdOf(event))).isEmpty();
  }

  static Execution awaitStarted(Pipeline pipeline, String eventId) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      Optional<Execution> execution = pipeline.executionOf(eventId);
      if (execution.isPresent()) {
        return execution.get();
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("no execution of " + eventId + " within 30 s");
  }
}

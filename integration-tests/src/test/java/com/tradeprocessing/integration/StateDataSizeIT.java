package com.tradeprocessing.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.integration.pipeline.Execution;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The real state machine carries the largest trade the validator accepts (a detail of 32,000 of its
 * 32,768 bytes, the padding in {@code trader}, which the canonical trade copies, so the validation
 * result repeats it) through every state without nearing Step Functions' 256 KiB limit on a state's
 * data, which the emulator enforces as AWS does (emulator/limits_patches.py). The arithmetic for
 * every state is in ADR 0027.
 */
@ExtendWith(TestPlatform.class)
class StateDataSizeIT {

  static final int STATE_DATA_LIMIT = 256 * 1024;
  static final int DETAIL_BYTES = 32_000;

  @Test
  void maximalAcceptedTrade_throughEveryState_shouldStayUnderTheStateDataLimit(Pipeline pipeline) {
    // GIVEN
    ObjectNode event =
        TradeEvents.with(
            TradeEvents.with(TradeEvents.valid(TradeEvents.OMS), "isin", "US5949181045"),
            "price",
            "420.00");
    ObjectNode detail = (ObjectNode) event.get("detail");
    detail.put("trader", "");
    int padding = DETAIL_BYTES - detail.toString().getBytes(StandardCharsets.UTF_8).length;
    detail.put("trader", "T".repeat(padding));
    assertThat(detail.toString().getBytes(StandardCharsets.UTF_8)).hasSize(DETAIL_BYTES);

    // WHEN
    Execution execution = pipeline.process(event);

    // THEN the trade is accepted, its padding carried into the record
    assertThat(execution.status()).isEqualTo("SUCCEEDED");
    JsonNode output = execution.output().orElseThrow();
    assertThat(output.path("status").asText()).isEqualTo("ACCEPTED");
    Map<String, AttributeValue> record =
        pipeline.record(output.path("tradeId").asText()).orElseThrow();
    assertThat(record.toString()).contains("T".repeat(padding));

    // AND the largest data any state received, passed or produced is under the limit, though it
    // holds the detail at least twice (the event and the validator's canonical trade)
    List<Integer> sizes = new ArrayList<>();
    for (HistoryEvent step : pipeline.history(execution.arn())) {
      for (String data : stateData(step)) {
        sizes.add(data.getBytes(StandardCharsets.UTF_8).length);
      }
    }
    int largest = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
    System.out.printf("largest state data of a %d-byte detail: %d bytes%n", DETAIL_BYTES, largest);
    assertThat(largest).isGreaterThan(2 * DETAIL_BYTES).isLessThan(STATE_DATA_LIMIT);
  }

  private static List<String> stateData(HistoryEvent step) {
    List<String> data = new ArrayList<>();
    if (step.stateEnteredEventDetails() != null
        && step.stateEnteredEventDetails().input() != null) {
      data.add(step.stateEnteredEventDetails().input());
    }
    if (step.stateExitedEventDetails() != null && step.stateExitedEventDetails().output() != null) {
      data.add(step.stateExitedEventDetails().output());
    }
    if (step.taskScheduledEventDetails() != null) {
      data.add(step.taskScheduledEventDetails().parameters());
    }
    if (step.taskSucceededEventDetails() != null
        && step.taskSucceededEventDetails().output() != null) {
      data.add(step.taskSucceededEventDetails().output());
    }
    return data;
  }
}

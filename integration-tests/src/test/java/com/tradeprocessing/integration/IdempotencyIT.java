package com.tradeprocessing.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.integration.pipeline.Execution;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Replays leave one record; other content under a known trade id is a DUPLICATE_TRADE. */
@ExtendWith(TestPlatform.class)
class IdempotencyIT {

  @Test
  void sameEvent_publishedTwice_shouldLeaveOneRecordAndReplayTheFirstOutcome(Pipeline pipeline) {
    // GIVEN
    ObjectNode event = TradeEvents.valid(TradeEvents.FIX_GATEWAY);
    Execution first = pipeline.process(event);

    // WHEN
    Execution second = pipeline.process(event);

    // THEN
    JsonNode firstOutput = first.output().orElseThrow();
    JsonNode secondOutput = second.output().orElseThrow();
    assertThat(firstOutput.path("replayed").asBoolean()).isFalse();
    assertThat(secondOutput.path("replayed").asBoolean()).isTrue();
    assertThat(secondOutput.path("tradeId").asText())
        .isEqualTo(firstOutput.path("tradeId").asText());
    assertThat(secondOutput.path("status").asText()).isEqualTo("ACCEPTED");
    assertThat(secondOutput.path("recordedAt").asText())
        .isEqualTo(firstOutput.path("recordedAt").asText());
    List<Map<String, AttributeValue>> records =
        pipeline.recordsOf(firstOutput.path("tradeId").asText());
    assertThat(records).hasSize(1);
    assertThat(records.get(0).get("executionId").s()).isEqualTo(first.arn());
  }

  @Test
  void sameTradeId_withOtherContent_shouldBeRecordedAsDuplicateTradeBesideTheOriginal(
      Pipeline pipeline) {
    // GIVEN
    ObjectNode original = TradeEvents.valid(TradeEvents.OMS);
    Execution first = pipeline.process(original);
    ObjectNode amended = original.deepCopy();
    TradeEvents.with(amended, "quantity", "150");

    // WHEN
    Execution second = pipeline.process(amended);

    // THEN
    String tradeId = first.output().orElseThrow().path("tradeId").asText();
    JsonNode duplicate = second.output().orElseThrow();
    assertThat(duplicate.path("status").asText()).isEqualTo("REJECTED");
    assertThat(duplicate.path("reasonCodes").toString()).contains("DUPLICATE_TRADE");
    assertThat(duplicate.path("tradeId").asText()).startsWith(tradeId + "#DUPLICATE#");
    Map<String, AttributeValue> duplicateRecord =
        pipeline.record(duplicate.path("tradeId").asText()).orElseThrow();
    assertThat(duplicateRecord.get("recordKind").s()).isEqualTo("DUPLICATE");
    assertThat(duplicateRecord.get("originalTradeId").s()).isEqualTo(tradeId);
    Map<String, AttributeValue> originalRecord = pipeline.record(tradeId).orElseThrow();
    assertThat(originalRecord.get("status").s()).isEqualTo("ACCEPTED");
    assertThat(originalRecord.get("executionId").s()).isEqualTo(first.arn());
    assertThat(pipeline.recordsOf(tradeId)).hasSize(2);
  }
}

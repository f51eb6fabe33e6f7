package com.tradeprocessing.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.integration.pipeline.Execution;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A valid trade of each source goes through the whole pipeline and is recorded as ACCEPTED. */
@ExtendWith(TestPlatform.class)
class AcceptedTradeIT {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {TradeEvents.OMS, TradeEvents.FIX_GATEWAY, TradeEvents.PRIME_BROKER})
  void validTrade_publishedOnTheBus_shouldBeAcceptedAndRecordedWithEveryAuditField(
      String source, Pipeline pipeline) throws Exception {
    // GIVEN
    ObjectNode event = TradeEvents.valid(source);

    // WHEN
    String eventId = pipeline.publish(event);
    Execution execution = pipeline.awaitExecution(eventId);

    // THEN
    assertThat(execution.status())
        .as("execution %s: %s", execution.arn(), execution.cause())
        .isEqualTo("SUCCEEDED");
    JsonNode output = execution.output().orElseThrow();
    assertThat(output.path("status").asText()).isEqualTo("ACCEPTED");
    assertThat(output.path("reasonCodes")).isEmpty();
    assertThat(output.path("replayed").asBoolean()).isFalse();
    String tradeId = output.path("tradeId").asText();
    assertThat(tradeId).matches("TRD-[0-9a-f]{32}");

    Map<String, AttributeValue> record = pipeline.record(tradeId).orElseThrow();
    assertThat(record.get("recordKind").s()).isEqualTo("TRADE");
    assertThat(record.get("status").s()).isEqualTo("ACCEPTED");
    assertThat(record.get("reasonCodes").l()).isEmpty();
    assertThat(record.get("sourceSystem").s()).isEqualTo(event.path("source").asText());
    assertThat(record.get("sourceTradeId").s()).isEqualTo(TradeEvents.sourceTradeId(event));
    assertThat(record.get("eventId").s()).isEqualTo(eventId);
    assertThat(record.get("executionId").s()).isEqualTo(execution.arn());
    assertThat(record.get("region").s()).isEqualTo(pipeline.platform().backend().region().id());
    assertThat(record.get("enrichmentStatus").s()).isEqualTo("ENRICHED");
    assertThat(record.get("isin").s()).isEqualTo(isinOf(event));
    assertThat(record.get("executedAt").s())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    assertThat(record.get("statusDate").s()).isEqualTo("ACCEPTED#" + record.get("tradeDate").s());
    assertThat(record.get("canonicalTrade").s()).contains(TradeEvents.sourceTradeId(event));
    assertThat(record.get("enrichment").s()).contains("\"status\":\"ENRICHED\"");
    assertThat(record.get("rawPayloadSha256").s()).isEqualTo(sha256(record.get("rawPayload").s()));
    assertThat(record.get("contentHash").s()).matches("[0-9a-f]{64}");
    assertThat(record.get("contentHashBasis").s()).isEqualTo("ECONOMIC_FIELDS");
    assertThat(record.get("receivedAt").s()).isNotBlank();
    assertThat(record.get("recordedAt").s()).isEqualTo(output.path("recordedAt").asText());
    assertThat(record.get("validationRuleSetVersion").s()).isNotBlank();
    assertThat(record.get("decisionRulesVersion").s()).isNotBlank();
    assertThat(record.get("priceBandPercent").n()).isEqualTo("10");
    assertThat(record.get("priceDeviationPercent").n()).isNotBlank();
    assertThat(record.get("schemaVersion").n()).isEqualTo("1");
    assertThat(record).containsKey("problems");
  }

  private static String isinOf(ObjectNode event) {
    JsonNode detail = event.path("detail");
    if (detail.has("isin")) {
      return detail.path("isin").asText();
    }
    if (detail.has("SecurityID")) {
      return detail.path("SecurityID").asText();
    }
    return detail.path("instrument").path("isin").asText();
  }

  private static String sha256(String text) throws NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}

package com.tradeprocessing.cli.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.cli.record.Finding.FindingKind;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.TradeId;
import com.tradeprocessing.model.fixtures.EventFixtures;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.model.source.SourceAdapters;
import com.tradeprocessing.recorder.record.TradeContent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A record is checked against its own stored payload: a changed payload, a verdict that does not
 * follow from its reasons, a missing attribute or a key that does not follow from the trade is a
 * finding. The records of the real pipeline are verified in TradesCommandLineIT.
 */
class RecordVerifierTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An accepted OMS trade as the recorder stores it. */
  private static ObjectNode accepted() throws Exception {
    JsonNode detail = EventFixtures.detail(EventFixtures.OMS_VALID);
    String rawPayload = TradeJson.mapper().writeValueAsString(detail);
    Trade trade = SourceAdapters.adapt("trading.oms", detail).trade().orElseThrow();
    ObjectNode record = JSON.createObjectNode();
    record.put("tradeId", TradeId.of(SourceSystem.OMS, trade.sourceTradeId()).value());
    record.put("recordKind", "TRADE");
    record.put("sourceSystem", "trading.oms");
    record.put("sourceTradeId", trade.sourceTradeId());
    record.put("status", "ACCEPTED");
    record.putArray("reasonCodes");
    record.putArray("problems");
    record.put("tradeDate", "2026-11-25");
    record.put("statusDate", "ACCEPTED#2026-11-25");
    record.put("canonicalTrade", TradeJson.mapper().writeValueAsString(trade));
    record.put("enrichmentStatus", "ENRICHED");
    record.put("enrichment", "{}");
    record.put("rawPayload", rawPayload);
    record.put("rawPayloadSha256", TradeContent.ofRawPayload(rawPayload).hash());
    record.put("contentHash", TradeContent.ofTrade(trade).hash());
    record.put("contentHashBasis", "ECONOMIC_FIELDS");
    record.put("recordedAt", "2026-11-25T14:30:00.123Z");
    record.put("executionId", "arn:aws:states:us-east-1:111122223333:execution:sfn:1");
    record.put("region", "us-east-1");
    record.put("decisionRulesVersion", "recorder-decision-1");
    record.put("priceBandPercent", 10);
    record.put("schemaVersion", 1);
    return record;
  }

  private static List<Finding> verify(ObjectNode record) {
    return new RecordVerifier().verify(new StoredRecord(record));
  }

  @Test
  void verify_intactRecord_shouldFindNothing() throws Exception {
    assertThat(verify(accepted())).isEmpty();
  }

  @Test
  void verify_payloadChangedAfterRecording_shouldFindBothHashesAndTheCanonicalTradeWrong()
      throws Exception {
    // GIVEN a record whose stored payload was changed: another quantity
    ObjectNode record = accepted();
    ObjectNode detail = (ObjectNode) JSON.readTree(record.path("rawPayload").asText());
    detail.put("quantity", detail.path("quantity").asLong() + 1);
    record.put("rawPayload", JSON.writeValueAsString(detail));

    // WHEN
    List<Finding> findings = verify(record);

    // THEN
    assertThat(findings)
        .extracting(Finding::kind)
        .containsExactlyInAnyOrder(
            FindingKind.PAYLOAD_HASH_MISMATCH,
            FindingKind.CONTENT_HASH_MISMATCH,
            FindingKind.CANONICAL_TRADE_MISMATCH);
    assertThat(findings).allMatch(f -> f.tradeId().equals(record.path("tradeId").asText()));
  }

  @Test
  void verify_acceptedWithAReasonCode_shouldFindTheVerdictWrong() throws Exception {
    ObjectNode record = accepted();
    record.putArray("reasonCodes").add("PRICE_OUT_OF_BAND");

    assertThat(verify(record))
        .extracting(Finding::kind, Finding::detail)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                FindingKind.VERDICT_MISMATCH, "ACCEPTED with reason codes [PRICE_OUT_OF_BAND]"));
  }

  @Test
  void verify_rejectedWithoutReasons_shouldFindTheVerdictAndItsStatusDateWrong() throws Exception {
    ObjectNode record = accepted();
    record.put("status", "REJECTED");

    assertThat(verify(record))
        .extracting(Finding::detail)
        .containsExactlyInAnyOrder(
            "REJECTED without a reason code",
            "statusDate ACCEPTED#2026-11-25 is not REJECTED#2026-11-25");
  }

  @Test
  void verify_missingExecutionId_shouldNameTheAttribute() throws Exception {
    ObjectNode record = accepted();
    record.remove("executionId");

    assertThat(verify(record))
        .containsExactly(
            new Finding(
                record.path("tradeId").asText(),
                FindingKind.MISSING_FIELD,
                "executionId is absent"));
  }

  @Test
  void verify_keyOfAnotherTrade_shouldFindTheKeyWrong() throws Exception {
    ObjectNode record = accepted();
    record.put("tradeId", "TRD-00000000000000000000000000000000");

    assertThat(verify(record)).extracting(Finding::kind).containsExactly(FindingKind.KEY_MISMATCH);
  }
}

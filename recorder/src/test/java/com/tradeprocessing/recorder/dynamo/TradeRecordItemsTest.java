package com.tradeprocessing.recorder.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.event.TradeEvent;
import com.tradeprocessing.model.fixtures.EventFixtures;
import com.tradeprocessing.model.fixtures.TradeFixtures;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.recorder.ComplianceRecorder;
import com.tradeprocessing.recorder.InMemoryTradeRecordStore;
import com.tradeprocessing.recorder.RecorderFixtures;
import com.tradeprocessing.recorder.RecordingMetricsSpy;
import com.tradeprocessing.recorder.RecordingResult;
import com.tradeprocessing.recorder.TradeRecordFixtures;
import com.tradeprocessing.recorder.decision.FinalDecisionPolicy;
import com.tradeprocessing.recorder.decision.PriceBand;
import com.tradeprocessing.recorder.input.EnrichmentResult;
import com.tradeprocessing.recorder.input.RecordRequest;
import com.tradeprocessing.recorder.record.RecordKind;
import com.tradeprocessing.recorder.record.TradeRecord;
import com.tradeprocessing.testing.MutableClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TradeRecordItemsTest {

  @Test
  void fromItem_itemOfAnAcceptedRecord_shouldGiveTheRecordBack() {
    // GIVEN
    TradeRecord record = TradeRecordFixtures.accepted();

    // WHEN
    TradeRecord read = TradeRecordItems.fromItem(TradeRecordItems.toItem(record));

    // THEN
    assertThat(read).isEqualTo(record);
  }

  @Test
  void fromItem_itemOfAnUnidentifiedRecord_shouldGiveTheRecordBack() {
    // GIVEN
    TradeRecord record = TradeRecordFixtures.unidentified();

    // WHEN
    TradeRecord read = TradeRecordItems.fromItem(TradeRecordItems.toItem(record));

    // THEN
    assertThat(read).isEqualTo(record);
  }

  @Test
  void fromItem_itemOfADuplicateRecord_shouldKeepTheOriginalTradeId() {
    // GIVEN a duplicate record as the recorder writes it
    InMemoryTradeRecordStore store = new InMemoryTradeRecordStore();
    ComplianceRecorder recorder =
        new ComplianceRecorder(
            store,
            () -> PriceBand.DEFAULT,
            new FinalDecisionPolicy(),
            new RecordingMetricsSpy(),
            new MutableClock(Instant.parse("2026-11-25T14:30:02Z")),
            "us-east-1");
    Trade original = TradeFixtures.omsTrade();
    recorder.record(request(original));
    RecordingResult duplicate =
        recorder.record(request(TradeFixtures.from(original).withQuantity("300").build()));
    TradeRecord record = store.get(duplicate.tradeId()).orElseThrow();

    // WHEN
    Map<String, AttributeValue> item = TradeRecordItems.toItem(record);
    TradeRecord read = TradeRecordItems.fromItem(item);

    // THEN
    assertThat(read).isEqualTo(record);
    assertThat(read.kind()).isEqualTo(RecordKind.DUPLICATE);
    assertThat(item.get("originalTradeId").s()).isEqualTo(original.tradeId().value());
  }

  @Test
  void toItem_recordWithoutTrade_shouldHaveTheStatusDateKeysButNotTheInstrumentKeys() {
    // GIVEN a payload that never became a trade: no ISIN, no execution time
    TradeRecord record = TradeRecordFixtures.unidentified();

    // WHEN
    Map<String, AttributeValue> item = TradeRecordItems.toItem(record);

    // THEN by-status-date lists it, by-instrument does not
    assertThat(item.get("statusDate")).isEqualTo(AttributeValue.fromS("REJECTED#2026-11-25"));
    assertThat(item.get("recordedAt")).isEqualTo(AttributeValue.fromS("2026-11-25T14:30:02.345Z"));
    assertThat(item).doesNotContainKeys("isin", "executedAt");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "2026-11-25T14:30:02Z,           2026-11-25T14:30:02.000Z",
    "2026-11-25T14:30:02.1Z,         2026-11-25T14:30:02.100Z",
    "2026-11-25T14:30:02.345678901Z, 2026-11-25T14:30:02.345Z",
    "2026-11-25T23:59:59.999999Z,    2026-11-25T23:59:59.999Z"
  })
  void toItem_anyRecordingInstant_shouldWriteRecordedAtAsUtcWithMilliseconds(
      Instant recordedAt, String expected) {
    // GIVEN
    TradeRecord record = recordedAt(TradeRecordFixtures.unidentified(), recordedAt);

    // WHEN
    Map<String, AttributeValue> item = TradeRecordItems.toItem(record);

    // THEN the fixed width keeps string order equal to time order in the index
    assertThat(item.get("recordedAt").s()).isEqualTo(expected).hasSize(24);
  }

  @Test
  void fromItem_itemThatIsNoTradeRecord_shouldThrowNamingTheKey() {
    // GIVEN
    Map<String, AttributeValue> item =
        Map.of("tradeId", AttributeValue.fromS("TRD-x"), "status", AttributeValue.fromS("MAYBE"));

    // WHEN / THEN
    assertThatThrownBy(() -> TradeRecordItems.fromItem(item))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TRD-x");
  }

  private static TradeRecord recordedAt(TradeRecord r, Instant recordedAt) {
    return new TradeRecord(
        r.tradeId(),
        r.kind(),
        r.originalTradeId(),
        r.sourceSystem(),
        r.sourceTradeId(),
        r.eventId(),
        r.status(),
        r.reasonCodes(),
        r.problems(),
        r.isin(),
        r.executedAt(),
        r.tradeDate(),
        r.canonicalTrade(),
        r.enrichmentStatus(),
        r.enrichment(),
        r.rawPayload(),
        r.rawPayloadSha256(),
        r.content(),
        r.receivedAt(),
        recordedAt,
        r.executionId(),
        r.region(),
        r.validationRuleSetVersion(),
        r.decisionRulesVersion(),
        r.priceBandPercent(),
        r.priceDeviationPercent());
  }

  private static RecordRequest request(Trade trade) {
    EnrichmentResult enrichment = RecorderFixtures.enriched(trade, "189.25");
    return new RecordRequest(
        TradeEvent.fromJson(EventFixtures.event(EventFixtures.OMS_VALID)),
        "arn:aws:states:us-east-1:123456789012:execution:sfn-trades-dev:x",
        RecorderFixtures.validResult(trade),
        enrichment,
        TradeJson.mapper().valueToTree(enrichment));
  }
}

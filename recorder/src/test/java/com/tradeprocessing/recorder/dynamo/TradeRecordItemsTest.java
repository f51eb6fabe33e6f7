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
import com.tradeprocessing.recorder.MutableClock;
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
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
  void fromItem_itemThatIsNoTradeRecord_shouldThrowNamingTheKey() {
    // GIVEN
    Map<String, AttributeValue> item =
        Map.of("tradeId", AttributeValue.fromS("TRD-x"), "status", AttributeValue.fromS("MAYBE"));

    // WHEN / THEN
    assertThatThrownBy(() -> TradeRecordItems.fromItem(item))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TRD-x");
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

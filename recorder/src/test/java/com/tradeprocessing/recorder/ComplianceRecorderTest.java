package com.tradeprocessing.recorder;

import static com.tradeprocessing.model.ReasonCode.DUPLICATE_TRADE;
import static com.tradeprocessing.model.ReasonCode.INVALID_PRICE;
import static com.tradeprocessing.model.ReasonCode.MISSING_FIELD;
import static com.tradeprocessing.model.ReasonCode.PRICE_OUT_OF_BAND;
import static com.tradeprocessing.model.ReasonCode.STALE_TRADE;
import static com.tradeprocessing.recorder.RecorderFixtures.RULE_SET_VERSION;
import static com.tradeprocessing.recorder.RecorderFixtures.enriched;
import static com.tradeprocessing.recorder.RecorderFixtures.problem;
import static com.tradeprocessing.recorder.RecorderFixtures.rejectedResult;
import static com.tradeprocessing.recorder.RecorderFixtures.unidentifiedResult;
import static com.tradeprocessing.recorder.RecorderFixtures.validResult;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.event.TradeEvent;
import com.tradeprocessing.model.fixtures.EventFixtures;
import com.tradeprocessing.model.fixtures.TradeFixtures;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.recorder.decision.FinalDecisionPolicy;
import com.tradeprocessing.recorder.decision.PriceBand;
import com.tradeprocessing.recorder.decision.TradeStatus;
import com.tradeprocessing.recorder.input.EnrichmentOutcome;
import com.tradeprocessing.recorder.input.EnrichmentResult;
import com.tradeprocessing.recorder.input.RecordRequest;
import com.tradeprocessing.recorder.input.ValidationVerdict;
import com.tradeprocessing.recorder.record.ContentBasis;
import com.tradeprocessing.recorder.record.RecordKind;
import com.tradeprocessing.recorder.record.TradeContent;
import com.tradeprocessing.recorder.record.TradeRecord;
import com.tradeprocessing.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ComplianceRecorderTest {

  private static final Instant NOW = Instant.parse("2026-11-25T14:30:02.345678Z");
  private static final String EXECUTION_1 =
      "arn:aws:states:us-east-1:123456789012:execution:sfn-trades-dev:e1";
  private static final String EXECUTION_2 =
      "arn:aws:states:us-east-1:123456789012:execution:sfn-trades-dev:e2";

  private final InMemoryTradeRecordStore store = new InMemoryTradeRecordStore();
  private final RecordingMetricsSpy metrics = new RecordingMetricsSpy();
  private final MutableClock clock = new MutableClock(NOW);
  private final AtomicReference<PriceBand> band = new AtomicReference<>(PriceBand.DEFAULT);
  private final ComplianceRecorder recorder =
      new ComplianceRecorder(
          store, band::get, new FinalDecisionPolicy(), metrics, clock, "us-east-1");

  @Test
  void record_firstEvent_shouldWriteOneCompleteRecordUnderTheTradeId() throws Exception {
    // GIVEN
    Trade trade = TradeFixtures.omsTrade();
    RecordRequest request = omsValid(validResult(trade), enriched(trade, "190.00"), EXECUTION_1);

    // WHEN
    RecordingResult result = recorder.record(request);

    // THEN
    assertThat(result)
        .isEqualTo(
            new RecordingResult(
                trade.tradeId().value(),
                TradeStatus.ACCEPTED,
                List.of(),
                false,
                Instant.parse("2026-11-25T14:30:02.345Z")));
    assertThat(store.all()).hasSize(1);
    TradeRecord record = store.get(trade.tradeId().value()).orElseThrow();
    String rawPayload =
        TradeJson.mapper().writeValueAsString(EventFixtures.detail(EventFixtures.OMS_VALID));
    assertThat(record.kind()).isEqualTo(RecordKind.TRADE);
    assertThat(record.originalTradeId()).isNull();
    assertThat(record.sourceSystem()).isEqualTo("trading.oms");
    assertThat(record.sourceTradeId()).isEqualTo("OMS-20261125-000123");
    assertThat(record.eventId()).isEqualTo("df1e79a3-7244-549f-8235-723e3144efd1");
    assertThat(record.isin()).isEqualTo("US0378331005");
    assertThat(record.executedAt()).isEqualTo(TradeFixtures.OMS_EXECUTED_AT);
    assertThat(record.tradeDate()).isEqualTo(LocalDate.parse("2026-11-25"));
    assertThat(record.statusDate()).isEqualTo("ACCEPTED#2026-11-25");
    assertThat(TradeJson.mapper().readValue(record.canonicalTrade(), Trade.class)).isEqualTo(trade);
    assertThat(record.rawPayload()).isEqualTo(rawPayload);
    assertThat(record.rawPayloadSha256()).isEqualTo(sha256(rawPayload));
    assertThat(record.content()).isEqualTo(TradeContent.ofTrade(trade));
    assertThat(record.receivedAt()).isEqualTo(Instant.parse("2026-11-25T14:30:01Z"));
    assertThat(record.recordedAt()).isEqualTo(Instant.parse("2026-11-25T14:30:02.345Z"));
    assertThat(record.executionId()).isEqualTo(EXECUTION_1);
    assertThat(record.region()).isEqualTo("us-east-1");
    assertThat(record.validationRuleSetVersion()).isEqualTo(RULE_SET_VERSION);
    assertThat(record.decisionRulesVersion()).isEqualTo(FinalDecisionPolicy.RULES_VERSION);
    assertThat(record.priceBandPercent()).isEqualByComparingTo("10");
    assertThat(record.priceDeviationPercent()).isEqualByComparingTo("-0.3947");
    assertThat(TradeJson.mapper().readTree(record.enrichment()).get("status").asText())
        .isEqualTo("ENRICHED");
    assertThat(metrics.recorded).containsExactly(record);
    assertThat(metrics.replayed).isEmpty();
  }

  @Test
  void record_rejectedTrade_shouldBeRecordedWithItsProblems() {
    // GIVEN
    Trade trade = TradeFixtures.omsTrade();
    ValidationVerdict validation = rejectedResult(trade, problem(STALE_TRADE, "executedAt"));

    // WHEN
    RecordingResult result =
        recorder.record(omsValid(validation, enriched(trade, "150"), EXECUTION_1));

    // THEN
    assertThat(result.status()).isEqualTo(TradeStatus.REJECTED);
    assertThat(result.reasonCodes()).containsExactly(STALE_TRADE, PRICE_OUT_OF_BAND);
    TradeRecord record = store.get(trade.tradeId().value()).orElseThrow();
    assertThat(record.statusDate()).isEqualTo("REJECTED#2026-11-25");
    assertThat(record.problems())
        .extracting(p -> p.code() + ":" + p.field())
        .containsExactly("STALE_TRADE:executedAt", "PRICE_OUT_OF_BAND:price");
  }

  @Test
  void record_sameEventTwice_shouldLeaveOneRecordAndReturnTheFirstOutcomeReplayed() {
    // GIVEN
    Trade trade = TradeFixtures.omsTrade();
    RecordingResult first =
        recorder.record(omsValid(validResult(trade), enriched(trade, "189.25"), EXECUTION_1));
    clock.advance(Duration.ofMinutes(3));
    // A replay decided now would be rejected: the band has narrowed since.
    band.set(PriceBand.ofPercent("0.0001"));

    // WHEN
    RecordingResult replay =
        recorder.record(omsValid(validResult(trade), enriched(trade, "180"), EXECUTION_2));

    // THEN
    assertThat(replay.replayed()).isTrue();
    assertThat(replay.tradeId()).isEqualTo(first.tradeId());
    assertThat(replay.status()).isEqualTo(TradeStatus.ACCEPTED);
    assertThat(replay.reasonCodes()).isEmpty();
    assertThat(replay.recordedAt()).isEqualTo(first.recordedAt());
    assertThat(store.all())
        .singleElement()
        .satisfies(r -> assertThat(r.executionId()).isEqualTo(EXECUTION_1));
    assertThat(metrics.recorded).hasSize(1);
    assertThat(metrics.replayed).hasSize(1);
  }

  @Test
  void record_sameTradeAsDetailString_shouldBeAReplayOfTheObjectEvent() {
    // GIVEN the same trade published once with an object detail, once with a JSON string detail
    Trade trade = TradeFixtures.omsTrade();
    recorder.record(omsValid(validResult(trade), enriched(trade, "189.25"), EXECUTION_1));

    // WHEN
    RecordingResult second =
        recorder.record(
            request(
                EventFixtures.event("oms_detail-as-string"),
                validResult(trade),
                enriched(trade, "189.25"),
                EXECUTION_2));

    // THEN
    assertThat(second.replayed()).isTrue();
    assertThat(store.all()).hasSize(1);
  }

  @Test
  void record_sameEconomicsOtherTrader_shouldBeAReplay() {
    // GIVEN
    Trade trade = TradeFixtures.omsTrade();
    recorder.record(omsValid(validResult(trade), enriched(trade, "189.25"), EXECUTION_1));
    Trade relabelled = TradeFixtures.from(trade).withTrader("asmith").withSymbol("AAPL.O").build();
    ObjectNode event = EventFixtures.event(EventFixtures.OMS_VALID);
    ((ObjectNode) event.get("detail")).put("trader", "asmith").put("symbol", "AAPL.O");

    // WHEN
    RecordingResult second =
        recorder.record(
            request(event, validResult(relabelled), enriched(relabelled, "189.25"), EXECUTION_2));

    // THEN
    assertThat(second.replayed()).isTrue();
    assertThat(second.tradeId()).isEqualTo(trade.tradeId().value());
    assertThat(store.all()).hasSize(1);
  }

  @Test
  void record_sameTradeIdOtherEconomicContent_shouldRecordADuplicateUnderTheDuplicateKey() {
    // GIVEN
    Trade original = TradeFixtures.omsTrade();
    RecordingResult first =
        recorder.record(omsValid(validResult(original), enriched(original, "189.25"), EXECUTION_1));
    Trade changed = TradeFixtures.from(original).withQuantity("200").build();
    ObjectNode event = EventFixtures.event(EventFixtures.OMS_VALID);
    ((ObjectNode) event.get("detail")).put("quantity", "200");
    clock.advance(Duration.ofSeconds(5));

    // WHEN
    RecordingResult duplicate =
        recorder.record(
            request(event, validResult(changed), enriched(changed, "189.25"), EXECUTION_2));

    // THEN
    String duplicateKey =
        original.tradeId().value()
            + "#DUPLICATE#"
            + TradeContent.ofTrade(changed).hash().substring(0, 16);
    assertThat(duplicate.tradeId()).isEqualTo(duplicateKey);
    assertThat(duplicate.status()).isEqualTo(TradeStatus.REJECTED);
    assertThat(duplicate.reasonCodes()).containsExactly(DUPLICATE_TRADE);
    assertThat(duplicate.replayed()).isFalse();
    assertThat(duplicate.recordedAt()).isEqualTo(NOW.plusSeconds(5).truncatedTo(ChronoUnit.MILLIS));
    assertThat(store.all()).hasSize(2);
    TradeRecord record = store.get(duplicateKey).orElseThrow();
    assertThat(record.kind()).isEqualTo(RecordKind.DUPLICATE);
    assertThat(record.originalTradeId()).isEqualTo(first.tradeId());
    assertThat(record.sourceTradeId()).isEqualTo(original.sourceTradeId());
    assertThat(record.executionId()).isEqualTo(EXECUTION_2);
    assertThat(record.statusDate()).isEqualTo("REJECTED#2026-11-25");
    assertThat(record.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains(first.tradeId()));
    assertThat(store.get(first.tradeId()).orElseThrow().status()).isEqualTo(TradeStatus.ACCEPTED);
    assertThat(metrics.recorded)
        .extracting(TradeRecord::kind)
        .containsExactly(RecordKind.TRADE, RecordKind.DUPLICATE);
  }

  @Test
  void record_sameDuplicateReplayed_shouldReturnTheDuplicatesFirstOutcome() {
    // GIVEN
    Trade original = TradeFixtures.omsTrade();
    recorder.record(omsValid(validResult(original), enriched(original, "189.25"), EXECUTION_1));
    Trade changed = TradeFixtures.from(original).withPrice("189.30").build();
    RecordingResult duplicate =
        recorder.record(omsValid(validResult(changed), enriched(changed, "189.25"), EXECUTION_2));
    clock.advance(Duration.ofHours(1));

    // WHEN
    RecordingResult replay =
        recorder.record(omsValid(validResult(changed), enriched(changed, "189.25"), "arn:e3"));

    // THEN
    assertThat(replay.replayed()).isTrue();
    assertThat(replay.tradeId()).isEqualTo(duplicate.tradeId());
    assertThat(replay.reasonCodes()).containsExactly(DUPLICATE_TRADE);
    assertThat(replay.recordedAt()).isEqualTo(duplicate.recordedAt());
    assertThat(store.all()).hasSize(2);
  }

  @Test
  void record_twoDifferentCorrections_shouldRecordTwoDuplicates() {
    // GIVEN
    Trade original = TradeFixtures.omsTrade();
    recorder.record(omsValid(validResult(original), enriched(original, "189.25"), EXECUTION_1));
    Trade second = TradeFixtures.from(original).withQuantity("101").build();
    Trade third = TradeFixtures.from(original).withQuantity("102").build();

    // WHEN
    RecordingResult a =
        recorder.record(omsValid(validResult(second), enriched(second, "189.25"), EXECUTION_2));
    RecordingResult b =
        recorder.record(omsValid(validResult(third), enriched(third, "189.25"), "arn:e3"));

    // THEN
    assertThat(a.tradeId()).isNotEqualTo(b.tradeId());
    assertThat(store.all()).hasSize(3);
    assertThat(store.all())
        .filteredOn(r -> r.kind() == RecordKind.DUPLICATE)
        .extracting(TradeRecord::originalTradeId)
        .containsOnly(original.tradeId().value());
  }

  @Test
  void record_unidentifiedPayload_shouldRecordUnderTheHashOfSourceAndPayload() throws Exception {
    // GIVEN
    ObjectNode event = EventFixtures.event("oms_missing-field");
    ValidationVerdict validation = unidentifiedResult(problem(MISSING_FIELD, "tradeId"));
    String rawPayload = TradeJson.mapper().writeValueAsString(event.get("detail"));

    // WHEN
    RecordingResult result =
        recorder.record(request(event, validation, EnrichmentResult.notATrade(), EXECUTION_1));

    // THEN
    String key = "UNIDENTIFIED#" + sha256("trading.oms\u0000" + rawPayload);
    assertThat(result.tradeId()).isEqualTo(key);
    assertThat(result.status()).isEqualTo(TradeStatus.REJECTED);
    assertThat(result.reasonCodes()).containsExactly(MISSING_FIELD);
    TradeRecord record = store.get(key).orElseThrow();
    assertThat(record.kind()).isEqualTo(RecordKind.UNIDENTIFIED);
    assertThat(record.sourceSystem()).isEqualTo("trading.oms");
    assertThat(record.sourceTradeId()).isNull();
    assertThat(record.isin()).isNull();
    assertThat(record.executedAt()).isNull();
    assertThat(record.canonicalTrade()).isNull();
    assertThat(record.content().basis()).isEqualTo(ContentBasis.RAW_PAYLOAD);
    // No trade and no venue date: the UTC date of the event time.
    assertThat(record.statusDate()).isEqualTo("REJECTED#2026-11-25");
  }

  @Test
  void record_unidentifiedPayloadReplayed_shouldKeepOneRecord() {
    // GIVEN
    ValidationVerdict validation = unidentifiedResult(problem(MISSING_FIELD, "tradeId"));
    RecordingResult first =
        recorder.record(
            request(
                EventFixtures.event("oms_missing-field"),
                validation,
                EnrichmentResult.notATrade(),
                EXECUTION_1));

    // WHEN
    RecordingResult replay =
        recorder.record(
            request(
                EventFixtures.event("oms_missing-field"),
                validation,
                EnrichmentResult.notATrade(),
                EXECUTION_2));
    RecordingResult otherSource =
        recorder.record(
            request(
                EventFixtures.event("oms_missing-field").put("source", "trading.prime-broker"),
                validation,
                EnrichmentResult.notATrade(),
                EXECUTION_2));

    // THEN
    assertThat(replay.replayed()).isTrue();
    assertThat(replay.tradeId()).isEqualTo(first.tradeId());
    assertThat(otherSource.replayed()).isFalse();
    assertThat(otherSource.tradeId()).isNotEqualTo(first.tradeId());
    assertThat(store.all()).hasSize(2);
  }

  @Test
  void record_tradeIdReadableButNoCompleteTrade_shouldHashTheRawPayloadAndDetectACorrection() {
    // GIVEN a payload with a readable id but an unreadable price, then its corrected version
    Trade corrected = TradeFixtures.omsTrade();
    ObjectNode broken = EventFixtures.event("oms_invalid-price");
    ValidationVerdict invalid =
        new ValidationVerdict(
            false,
            corrected.tradeId(),
            corrected.sourceSystem(),
            corrected.sourceTradeId(),
            List.of(INVALID_PRICE),
            List.of(problem(INVALID_PRICE, "price")),
            null,
            RULE_SET_VERSION);
    RecordingResult first =
        recorder.record(request(broken, invalid, EnrichmentResult.notATrade(), EXECUTION_1));

    // WHEN
    RecordingResult replay =
        recorder.record(
            request(
                EventFixtures.event("oms_invalid-price"),
                invalid,
                EnrichmentResult.notATrade(),
                EXECUTION_2));
    RecordingResult correction =
        recorder.record(omsValid(validResult(corrected), enriched(corrected, "189.25"), "arn:e3"));

    // THEN
    assertThat(store.get(first.tradeId()).orElseThrow().content().basis())
        .isEqualTo(ContentBasis.RAW_PAYLOAD);
    assertThat(replay.replayed()).isTrue();
    assertThat(correction.reasonCodes()).containsExactly(DUPLICATE_TRADE);
    assertThat(correction.tradeId()).startsWith(corrected.tradeId().value() + "#DUPLICATE#");
  }

  @Test
  void record_tradeDate_shouldPreferTheVenueDateThenTheExecutionDate() {
    // GIVEN a trade executed late on 25 Nov UTC, which is 26 Nov at a venue east of UTC
    Trade late = TradeFixtures.aTrade().withExecutedAt("2026-11-25T23:30:00Z").build();
    EnrichmentResult venueDate =
        new EnrichmentResult(
            EnrichmentOutcome.ENRICHED,
            new EnrichmentResult.TradedInstrument("US0378331005", late.currency()),
            LocalDate.parse("2026-11-26"),
            null);
    Trade other =
        TradeFixtures.aTrade()
            .withSourceTradeId("OMS-2")
            .withExecutedAt("2026-11-24T23:30:00Z")
            .build();
    EnrichmentResult noDate =
        new EnrichmentResult(EnrichmentOutcome.UNKNOWN_INSTRUMENT, null, null, null);

    // WHEN
    RecordingResult withVenueDate =
        recorder.record(omsValid(validResult(late), venueDate, EXECUTION_1));
    RecordingResult withoutVenueDate =
        recorder.record(omsValid(validResult(other), noDate, EXECUTION_2));

    // THEN
    assertThat(store.get(withVenueDate.tradeId()).orElseThrow().statusDate())
        .isEqualTo("ACCEPTED#2026-11-26");
    assertThat(store.get(withoutVenueDate.tradeId()).orElseThrow().statusDate())
        .isEqualTo("REJECTED#2026-11-24");
  }

  @Test
  void record_eventWithoutTime_shouldDateAnUnidentifiedPayloadByTheRecordingTime() {
    // GIVEN
    ObjectNode event = EventFixtures.event("oms_missing-field");
    event.remove("time");
    clock.advance(Duration.ofDays(2));

    // WHEN
    RecordingResult result =
        recorder.record(
            request(
                event,
                unidentifiedResult(problem(MISSING_FIELD, "tradeId")),
                EnrichmentResult.notATrade(),
                EXECUTION_1));

    // THEN
    TradeRecord record = store.get(result.tradeId()).orElseThrow();
    assertThat(record.receivedAt()).isNull();
    assertThat(record.statusDate()).isEqualTo("REJECTED#2026-11-27");
  }

  private static RecordRequest omsValid(
      ValidationVerdict validation, EnrichmentResult enrichment, String executionId) {
    return request(
        EventFixtures.event(EventFixtures.OMS_VALID), validation, enrichment, executionId);
  }

  private static RecordRequest request(
      JsonNode event,
      ValidationVerdict validation,
      EnrichmentResult enrichment,
      String executionId) {
    return new RecordRequest(
        TradeEvent.fromJson(event),
        executionId,
        validation,
        enrichment,
        TradeJson.mapper().valueToTree(enrichment));
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}

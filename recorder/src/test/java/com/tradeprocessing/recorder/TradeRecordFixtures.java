package com.tradeprocessing.recorder;

import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.model.fixtures.EventFixtures;
import com.tradeprocessing.model.fixtures.TradeFixtures;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.recorder.decision.FinalDecisionPolicy;
import com.tradeprocessing.recorder.decision.TradeStatus;
import com.tradeprocessing.recorder.input.EnrichmentOutcome;
import com.tradeprocessing.recorder.record.RecordKeys;
import com.tradeprocessing.recorder.record.RecordKind;
import com.tradeprocessing.recorder.record.TradeContent;
import com.tradeprocessing.recorder.record.TradeRecord;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Complete compliance records of the OMS fixture trade, as the recorder would write them. */
public final class TradeRecordFixtures {

  public static final Instant RECORDED_AT = Instant.parse("2026-11-25T14:30:02.345Z");
  public static final String EXECUTION_ID =
      "arn:aws:states:us-east-1:123456789012:execution:sfn-trades-dev:5b1c6a2e";

  private TradeRecordFixtures() {}

  /** The accepted record of the {@code oms_valid} trade. */
  public static TradeRecord accepted() {
    Trade trade = TradeFixtures.omsTrade();
    String raw = json(EventFixtures.detail(EventFixtures.OMS_VALID));
    return new TradeRecord(
        RecordKeys.trade(trade.tradeId()),
        RecordKind.TRADE,
        null,
        "trading.oms",
        trade.sourceTradeId(),
        "df1e79a3-7244-549f-8235-723e3144efd1",
        TradeStatus.ACCEPTED,
        List.of(),
        List.of(),
        trade.isin().value(),
        trade.executedAt(),
        LocalDate.parse("2026-11-25"),
        json(trade),
        EnrichmentOutcome.ENRICHED,
        "{\"status\":\"ENRICHED\",\"tradeDate\":\"2026-11-25\"}",
        raw,
        TradeContent.ofRawPayload(raw).hash(),
        TradeContent.ofTrade(trade),
        Instant.parse("2026-11-25T14:30:01Z"),
        RECORDED_AT,
        EXECUTION_ID,
        "us-east-1",
        RecorderFixtures.RULE_SET_VERSION,
        FinalDecisionPolicy.RULES_VERSION,
        BigDecimal.TEN,
        new BigDecimal("-0.3947"));
  }

  /** A rejected record of a payload without a readable trade id. */
  public static TradeRecord unidentified() {
    String raw = json(EventFixtures.detail("oms_missing-field"));
    return new TradeRecord(
        RecordKeys.unidentified("trading.oms", raw),
        RecordKind.UNIDENTIFIED,
        null,
        "trading.oms",
        null,
        "4baf8431-28f9-5f54-ac3b-da19994af21a",
        TradeStatus.REJECTED,
        List.of(ReasonCode.MISSING_FIELD),
        List.of(ValidationProblem.of(ReasonCode.MISSING_FIELD, "tradeId", "tradeId is missing")),
        null,
        null,
        LocalDate.parse("2026-11-25"),
        null,
        EnrichmentOutcome.NOT_A_TRADE,
        "{\"status\":\"NOT_A_TRADE\"}",
        raw,
        TradeContent.ofRawPayload(raw).hash(),
        TradeContent.ofRawPayload(raw),
        Instant.parse("2026-11-25T14:30:01Z"),
        RECORDED_AT,
        EXECUTION_ID,
        "eu-west-1",
        null,
        FinalDecisionPolicy.RULES_VERSION,
        BigDecimal.TEN,
        null);
  }

  /** {@code record} with another decision and kind, as a rejected or duplicate record would be. */
  public static TradeRecord withDecision(
      TradeRecord record,
      RecordKind kind,
      String originalTradeId,
      List<ValidationProblem> problems) {
    List<ReasonCode> codes = problems.stream().map(ValidationProblem::code).distinct().toList();
    return new TradeRecord(
        record.tradeId(),
        kind,
        originalTradeId,
        record.sourceSystem(),
        record.sourceTradeId(),
        record.eventId(),
        codes.isEmpty() ? TradeStatus.ACCEPTED : TradeStatus.REJECTED,
        codes,
        problems,
        record.isin(),
        record.executedAt(),
        record.tradeDate(),
        record.canonicalTrade(),
        record.enrichmentStatus(),
        record.enrichment(),
        record.rawPayload(),
        record.rawPayloadSha256(),
        record.content(),
        record.receivedAt(),
        record.recordedAt(),
        record.executionId(),
        record.region(),
        record.validationRuleSetVersion(),
        record.decisionRulesVersion(),
        record.priceBandPercent(),
        record.priceDeviationPercent());
  }

  private static String json(Object value) {
    try {
      return TradeJson.mapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package com.tradeprocessing.recorder.dynamo;

import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.recorder.decision.TradeStatus;
import com.tradeprocessing.recorder.input.EnrichmentOutcome;
import com.tradeprocessing.recorder.record.ContentBasis;
import com.tradeprocessing.recorder.record.RecordInstants;
import com.tradeprocessing.recorder.record.RecordKind;
import com.tradeprocessing.recorder.record.TradeContent;
import com.tradeprocessing.recorder.record.TradeRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps a {@link TradeRecord} to a DynamoDB item and back, by hand (no reflection on the init path).
 * Attributes of absent optional values are left out, which keeps records without an ISIN or
 * execution time out of the by-instrument index. The by-status-date keys ({@code statusDate},
 * {@code recordedAt}) are always written, so that index holds every record. docs/trade-record.md
 * lists every attribute.
 */
public final class TradeRecordItems {

  /** Increases when the item layout changes incompatibly. */
  public static final int SCHEMA_VERSION = 1;

  public static final String TRADE_ID = "tradeId";
  public static final String RECORD_KIND = "recordKind";
  public static final String ORIGINAL_TRADE_ID = "originalTradeId";
  public static final String SOURCE_SYSTEM = "sourceSystem";
  public static final String SOURCE_TRADE_ID = "sourceTradeId";
  public static final String EVENT_ID = "eventId";
  public static final String STATUS = "status";
  public static final String REASON_CODES = "reasonCodes";
  public static final String PROBLEMS = "problems";
  public static final String ISIN = "isin";
  public static final String EXECUTED_AT = "executedAt";
  public static final String TRADE_DATE = "tradeDate";
  public static final String STATUS_DATE = "statusDate";
  public static final String CANONICAL_TRADE = "canonicalTrade";
  public static final String ENRICHMENT_STATUS = "enrichmentStatus";
  public static final String ENRICHMENT = "enrichment";
  public static final String RAW_PAYLOAD = "rawPayload";
  public static final String RAW_PAYLOAD_SHA256 = "rawPayloadSha256";
  public static final String CONTENT_HASH = "contentHash";
  public static final String CONTENT_HASH_BASIS = "contentHashBasis";
  public static final String RECEIVED_AT = "receivedAt";
  public static final String RECORDED_AT = "recordedAt";
  public static final String EXECUTION_ID = "executionId";
  public static final String REGION = "region";
  public static final String VALIDATION_RULE_SET_VERSION = "validationRuleSetVersion";
  public static final String DECISION_RULES_VERSION = "decisionRulesVersion";
  public static final String PRICE_BAND_PERCENT = "priceBandPercent";
  public static final String PRICE_DEVIATION_PERCENT = "priceDeviationPercent";
  public static final String SCHEMA_VERSION_ATTRIBUTE = "schemaVersion";

  private static final String PROBLEM_CODE = "code";
  private static final String PROBLEM_FIELD = "field";
  private static final String PROBLEM_MESSAGE = "message";

  private TradeRecordItems() {}

  public static Map<String, AttributeValue> toItem(TradeRecord record) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    putString(item, TRADE_ID, record.tradeId());
    putString(item, RECORD_KIND, record.kind().name());
    putString(item, ORIGINAL_TRADE_ID, record.originalTradeId());
    putString(item, SOURCE_SYSTEM, record.sourceSystem());
    putString(item, SOURCE_TRADE_ID, record.sourceTradeId());
    putString(item, EVENT_ID, record.eventId());
    putString(item, STATUS, record.status().name());
    item.put(
        REASON_CODES,
        AttributeValue.fromL(
            record.reasonCodes().stream().map(code -> AttributeValue.fromS(code.name())).toList()));
    item.put(
        PROBLEMS,
        AttributeValue.fromL(record.problems().stream().map(TradeRecordItems::problem).toList()));
    putString(item, ISIN, record.isin());
    putString(item, EXECUTED_AT, instant(record.executedAt()));
    putString(item, TRADE_DATE, record.tradeDate().toString());
    item.put(STATUS_DATE, AttributeValue.fromS(record.statusDate()));
    putString(item, CANONICAL_TRADE, record.canonicalTrade());
    putString(item, ENRICHMENT_STATUS, record.enrichmentStatus().name());
    putString(item, ENRICHMENT, record.enrichment());
    putString(item, RAW_PAYLOAD, record.rawPayload());
    putString(item, RAW_PAYLOAD_SHA256, record.rawPayloadSha256());
    putString(item, CONTENT_HASH, record.content().hash());
    putString(item, CONTENT_HASH_BASIS, record.content().basis().name());
    putString(item, RECEIVED_AT, instant(record.receivedAt()));
    item.put(RECORDED_AT, AttributeValue.fromS(RecordInstants.format(record.recordedAt())));
    putString(item, EXECUTION_ID, record.executionId());
    putString(item, REGION, record.region());
    putString(item, VALIDATION_RULE_SET_VERSION, record.validationRuleSetVersion());
    putString(item, DECISION_RULES_VERSION, record.decisionRulesVersion());
    putNumber(item, PRICE_BAND_PERCENT, record.priceBandPercent());
    putNumber(item, PRICE_DEVIATION_PERCENT, record.priceDeviationPercent());
    item.put(SCHEMA_VERSION_ATTRIBUTE, AttributeValue.fromN(Integer.toString(SCHEMA_VERSION)));
    return item;
  }

  /** Reads an item this class wrote. Throws {@link IllegalArgumentException} for any other item. */
  public static TradeRecord fromItem(Map<String, AttributeValue> item) {
    try {
      return new TradeRecord(
          requiredString(item, TRADE_ID),
          RecordKind.valueOf(requiredString(item, RECORD_KIND)),
          string(item, ORIGINAL_TRADE_ID),
          string(item, SOURCE_SYSTEM),
          string(item, SOURCE_TRADE_ID),
          string(item, EVENT_ID),
          TradeStatus.valueOf(requiredString(item, STATUS)),
          list(item, REASON_CODES).stream().map(v -> ReasonCode.valueOf(v.s())).toList(),
          list(item, PROBLEMS).stream().map(TradeRecordItems::problem).toList(),
          string(item, ISIN),
          parseInstant(string(item, EXECUTED_AT)),
          LocalDate.parse(requiredString(item, TRADE_DATE)),
          string(item, CANONICAL_TRADE),
          EnrichmentOutcome.valueOf(requiredString(item, ENRICHMENT_STATUS)),
          requiredString(item, ENRICHMENT),
          requiredString(item, RAW_PAYLOAD),
          requiredString(item, RAW_PAYLOAD_SHA256),
          new TradeContent(
              ContentBasis.valueOf(requiredString(item, CONTENT_HASH_BASIS)),
              requiredString(item, CONTENT_HASH)),
          parseInstant(string(item, RECEIVED_AT)),
          parseInstant(requiredString(item, RECORDED_AT)),
          requiredString(item, EXECUTION_ID),
          requiredString(item, REGION),
          string(item, VALIDATION_RULE_SET_VERSION),
          requiredString(item, DECISION_RULES_VERSION),
          new BigDecimal(requiredNumber(item, PRICE_BAND_PERCENT)),
          number(item, PRICE_DEVIATION_PERCENT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "item " + item.get(TRADE_ID) + " is not a trade record: " + e.getMessage(), e);
    }
  }

  private static AttributeValue problem(ValidationProblem problem) {
    return AttributeValue.fromM(
        Map.of(
            PROBLEM_CODE, AttributeValue.fromS(problem.code().name()),
            PROBLEM_FIELD, AttributeValue.fromS(problem.field()),
            PROBLEM_MESSAGE, AttributeValue.fromS(problem.message())));
  }

  private static ValidationProblem problem(AttributeValue value) {
    Map<String, AttributeValue> map = value.m();
    return ValidationProblem.of(
        ReasonCode.valueOf(requiredString(map, PROBLEM_CODE)),
        string(map, PROBLEM_FIELD),
        requiredString(map, PROBLEM_MESSAGE));
  }

  private static void putString(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, AttributeValue.fromS(value));
    }
  }

  private static void putNumber(Map<String, AttributeValue> item, String name, BigDecimal value) {
    if (value != null) {
      item.put(name, AttributeValue.fromN(value.toPlainString()));
    }
  }

  private static String instant(Instant instant) {
    return instant == null ? null : RecordInstants.format(instant);
  }

  private static Instant parseInstant(String text) {
    return text == null ? null : RecordInstants.parse(text);
  }

  private static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static String requiredString(Map<String, AttributeValue> item, String name) {
    String value = string(item, name);
    if (value == null) {
      throw new IllegalArgumentException("no string attribute " + name);
    }
    return value;
  }

  private static BigDecimal number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? null : new BigDecimal(value.n());
  }

  private static String requiredNumber(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null || value.n() == null) {
      throw new IllegalArgumentException("no number attribute " + name);
    }
    return value.n();
  }

  private static List<AttributeValue> list(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null || !value.hasL()) {
      throw new IllegalArgumentException("no list attribute " + name);
    }
    return value.l();
  }
}

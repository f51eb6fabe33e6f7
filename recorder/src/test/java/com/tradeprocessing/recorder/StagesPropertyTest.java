package com.tradeprocessing.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.enricher.EnrichTradeHandler;
import com.tradeprocessing.enricher.TradeEnricher;
import com.tradeprocessing.enricher.market.MarketSessionSchedule;
import com.tradeprocessing.enricher.market.SettlementCalendar;
import com.tradeprocessing.enricher.referencedata.Instrument;
import com.tradeprocessing.enricher.referencedata.ReferenceData;
import com.tradeprocessing.enricher.referencedata.Venue;
import com.tradeprocessing.model.Currency;
import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.Mic;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.SourceTradeIds;
import com.tradeprocessing.model.event.EventLimits;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.model.source.HostileEvents;
import com.tradeprocessing.model.source.HostileEvents.Generated;
import com.tradeprocessing.recorder.decision.FinalDecisionPolicy;
import com.tradeprocessing.recorder.decision.PriceBand;
import com.tradeprocessing.recorder.dynamo.TradeRecordItems;
import com.tradeprocessing.recorder.record.RecordingMetrics;
import com.tradeprocessing.recorder.record.TradeRecord;
import com.tradeprocessing.testing.TestLambdaContext;
import com.tradeprocessing.validator.TradeValidator;
import com.tradeprocessing.validator.ValidateTradeHandler;
import com.tradeprocessing.validator.thresholds.ValidationThresholds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Ten thousand generated events per source, ordinary and hostile (HostileEvents), through the three
 * stages' handlers in one JVM, wired as the state machine wires them: the validator and the
 * enricher get Prepare's {@code {event, executionId}}, the recorder gets the event with both
 * outputs. For every event no handler throws, each output follows docs/stage-contracts.md, the
 * Record task's input stays within Step Functions' 262,144 bytes, and the event ends as exactly one
 * compliance record whose keys and size DynamoDB accepts.
 *
 * <p>The AWS limits checked: Step Functions task input 262,144 bytes
 * (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html); DynamoDB partition
 * key 1 to 2,048 bytes, sort key 1 to 1,024 bytes, item 400 KB, item size as the sum of attribute
 * names and values
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html).
 */
class StagesPropertyTest {

  // jqwik logs at INFO that these generators have more edge cases than tries, which is expected
  // (edge cases are mixed in, not exhausted). Held in a field: JUL keeps loggers weakly.
  private static final Logger EDGE_CASE_NOTICES = quiet("net.jqwik.engine.properties");

  private static final int TRIES = 10_000;
  private static final Instant NOW = Instant.parse("2026-11-25T14:31:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String EXECUTION_ID =
      "arn:aws:states:us-east-1:123456789012:execution:sfn-trade-processing-dev:property";
  private static final TestLambdaContext CONTEXT = new TestLambdaContext("lambda-stages-test");

  private static final int STEP_FUNCTIONS_MAX_PAYLOAD_BYTES = 262_144;
  private static final int DYNAMODB_MAX_PARTITION_KEY_BYTES = 2048;
  private static final int DYNAMODB_MAX_SORT_KEY_BYTES = 1024;
  private static final int DYNAMODB_MAX_ITEM_BYTES = 400 * 1024;

  /** Besides the canonical trade (at most the detail), a validator output is a few problems. */
  private static final int MAX_VALIDATOR_OUTPUT_OVERHEAD = 8 * 1024;

  private static final int MAX_ENRICHER_OUTPUT_BYTES = 8 * 1024;

  private static final Pattern TRADE_ID = Pattern.compile("TRD-[0-9a-f]{32}");
  private static final Set<String> REASON_CODES =
      Arrays.stream(ReasonCode.values()).map(Enum::name).collect(Collectors.toSet());

  private final InMemoryTradeRecordStore store = new InMemoryTradeRecordStore();
  private final ValidateTradeHandler validator =
      new ValidateTradeHandler(new TradeValidator(() -> ValidationThresholds.DEFAULTS, CLOCK));
  private final EnrichTradeHandler enricher =
      new EnrichTradeHandler(
          new TradeEnricher(
              new SomeReferenceData(),
              MarketSessionSchedule.DEFAULT,
              SettlementCalendar.T_PLUS_ONE));
  private final RecordTradeHandler recorder =
      new RecordTradeHandler(
          new ComplianceRecorder(
              store,
              () -> PriceBand.DEFAULT,
              new FinalDecisionPolicy(),
              new NoMetrics(),
              CLOCK,
              "us-east-1"));

  /** As many tries as TRIES for each of the three source systems. */
  @Property(tries = TRIES * 3)
  void stages_anyEventOfAnySource_shouldEndAsOneRecordWithinTheAwsLimits(
      @ForAll("events") Generated generated) throws IOException {
    assertEndsAsOneRecord(generated);
  }

  @Provide
  Arbitrary<Generated> events() {
    return Arbitraries.oneOf(
        Arrays.stream(SourceSystem.values())
            .map(
                system ->
                    HostileEvents.events(system, NOW)
                        .map(event -> new Generated(system + " " + event.kind(), event.event())))
            .toList());
  }

  private void assertEndsAsOneRecord(Generated generated) throws IOException {
    // GIVEN: the payload Prepare gives the Validate and Enrich tasks
    ObjectNode prepared = TradeJson.mapper().createObjectNode();
    prepared.set("event", generated.event());
    prepared.put("executionId", EXECUTION_ID);
    byte[] stageInput = TradeJson.mapper().writeValueAsBytes(prepared);
    JsonNode detail = generated.event().path("detail");

    // WHEN
    byte[] validation = invoke(validator::handleRequest, stageInput);
    byte[] enrichment = invoke(enricher::handleRequest, stageInput);
    ObjectNode recordInput = prepared.deepCopy();
    recordInput.set("validation", TradeJson.mapper().readTree(validation));
    recordInput.set("enrichment", TradeJson.mapper().readTree(enrichment));
    byte[] recordTaskInput = TradeJson.mapper().writeValueAsBytes(recordInput);
    JsonNode recorded =
        TradeJson.mapper().readTree(invoke(recorder::handleRequest, recordTaskInput));

    // THEN
    JsonNode validated = recordInput.get("validation");
    assertValidatorContract(validated);
    assertThat(validation.length)
        .as("validator output bytes")
        .isLessThanOrEqualTo(
            (int) Math.min(EventLimits.detailBytes(detail), EventLimits.MAX_DETAIL_BYTES)
                + MAX_VALIDATOR_OUTPUT_OVERHEAD);
    assertThat(recordInput.get("enrichment").path("status").asText())
        .isIn("ENRICHED", "UNKNOWN_INSTRUMENT", "NOT_A_TRADE");
    assertThat(enrichment.length).as("enricher output bytes").isLessThan(MAX_ENRICHER_OUTPUT_BYTES);
    assertThat(recordTaskInput.length)
        .as("Record task input bytes")
        .isLessThanOrEqualTo(STEP_FUNCTIONS_MAX_PAYLOAD_BYTES);

    String status = recorded.path("status").asText();
    Statistics.collect(generated.kind().split(":")[0], status);
    Statistics.coverage(
        coverage -> {
          for (SourceSystem system : SourceSystem.values()) {
            coverage.check(system + " fresh trade", "ACCEPTED").count(n -> n > 0);
            coverage.check(system + " hostile id", "REJECTED").count(n -> n > 0);
            coverage.check(system + " size", "ACCEPTED").count(n -> n > 0);
            coverage.check(system + " size", "REJECTED").count(n -> n > 0);
          }
        });
    assertThat(status).isIn("ACCEPTED", "REJECTED");
    if (status.equals("ACCEPTED")) {
      assertThat(validated.get("valid").asBoolean()).as("accepted, so valid").isTrue();
    }
    java.util.List<String> validatorCodes = codes(validated);
    java.util.List<String> recordedCodes = codes(recorded);
    assertThat(recordedCodes).hasSizeGreaterThanOrEqualTo(validatorCodes.size());
    assertThat(recordedCodes.subList(0, validatorCodes.size()))
        .as("the validator's codes first, in its order")
        .isEqualTo(validatorCodes);
    TradeRecord record = store.get(recorded.path("tradeId").asText()).orElseThrow();
    assertThat(record.status().name()).isEqualTo(status);
    assertWritableToDynamoDb(record);
  }

  private static void assertValidatorContract(JsonNode validation) {
    assertThat(validation.get("valid").asBoolean())
        .isEqualTo(validation.get("reasonCodes").isEmpty());
    assertThat(codes(validation)).allSatisfy(code -> assertThat(REASON_CODES).contains(code));
    if (validation.get("valid").asBoolean()) {
      assertThat(validation.get("trade").isObject()).isTrue();
    }
    JsonNode tradeId = validation.get("tradeId");
    assertThat(tradeId.isNull() || TRADE_ID.matcher(tradeId.asText()).matches()).isTrue();
    JsonNode sourceTradeId = validation.get("sourceTradeId");
    assertThat(sourceTradeId.isNull() || SourceTradeIds.isValid(sourceTradeId.asText())).isTrue();
    validation
        .get("problems")
        .forEach(problem -> assertThat(problem.get("message").asText()).hasSizeLessThan(400));
  }

  private static void assertWritableToDynamoDb(TradeRecord record) {
    Map<String, AttributeValue> item = TradeRecordItems.toItem(record);
    assertKey(item, TradeRecordItems.TRADE_ID, DYNAMODB_MAX_PARTITION_KEY_BYTES, true);
    assertKey(item, TradeRecordItems.STATUS_DATE, DYNAMODB_MAX_PARTITION_KEY_BYTES, true);
    assertKey(item, TradeRecordItems.RECORDED_AT, DYNAMODB_MAX_SORT_KEY_BYTES, true);
    assertKey(item, TradeRecordItems.ISIN, DYNAMODB_MAX_PARTITION_KEY_BYTES, false);
    assertKey(item, TradeRecordItems.EXECUTED_AT, DYNAMODB_MAX_SORT_KEY_BYTES, false);
    assertThat(itemBytes(item)).as("item bytes").isLessThanOrEqualTo(DYNAMODB_MAX_ITEM_BYTES);
  }

  private static void assertKey(
      Map<String, AttributeValue> item, String name, int maxBytes, boolean always) {
    AttributeValue value = item.get(name);
    if (value == null) {
      assertThat(always).as("%s is written on every record", name).isFalse();
      return;
    }
    assertThat(value.s()).as(name).isNotNull();
    assertThat(utf8(value.s())).as("%s bytes", name).isBetween(1, maxBytes);
  }

  /** The item size as DynamoDB counts it (CapacityUnitCalculations.html), numbers rounded up. */
  private static long itemBytes(Map<String, AttributeValue> item) {
    long bytes = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      bytes += utf8(attribute.getKey()) + valueBytes(attribute.getValue());
    }
    return bytes;
  }

  private static long valueBytes(AttributeValue value) {
    if (value.s() != null) {
      return utf8(value.s());
    }
    if (value.n() != null) {
      return value.n().length() / 2 + 2;
    }
    if (value.hasL()) {
      return 3 + value.l().stream().mapToLong(element -> 1 + valueBytes(element)).sum();
    }
    if (value.hasM()) {
      return 3
          + value.m().entrySet().stream()
              .mapToLong(entry -> 1 + utf8(entry.getKey()) + valueBytes(entry.getValue()))
              .sum();
    }
    return 1;
  }

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static java.util.List<String> codes(JsonNode output) {
    java.util.List<String> codes = new java.util.ArrayList<>();
    output.path("reasonCodes").forEach(code -> codes.add(code.asText()));
    return codes;
  }

  @FunctionalInterface
  private interface Handler {
    void handleRequest(
        java.io.InputStream input,
        java.io.OutputStream output,
        com.amazonaws.services.lambda.runtime.Context context)
        throws IOException;
  }

  private static byte[] invoke(Handler handler, byte[] input) throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(input), output, CONTEXT);
    return output.toByteArray();
  }

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.WARNING);
    return logger;
  }

  /**
   * Reference data knowing two ISINs in three (a USD instrument priced 100) and the five venues, so
   * that generated trades are enriched, unknown, in and out of the price band.
   */
  private static final class SomeReferenceData implements ReferenceData {
    private static final Map<String, String> ZONES =
        Map.of(
            "XNAS", "America/New_York",
            "XNYS", "America/New_York",
            "XLON", "Europe/London",
            "XETR", "Europe/Berlin",
            "XAMS", "Europe/Amsterdam");

    @Override
    public Optional<Instrument> instrument(Isin isin) {
      if (Math.floorMod(isin.value().hashCode(), 3) == 0) {
        return Optional.empty();
      }
      return Optional.of(
          new Instrument(
              isin,
              "SYM",
              "Some instrument",
              Mic.parse("XNAS"),
              Currency.parse("USD"),
              "EQUITY",
              null,
              1,
              new BigDecimal("100.00"),
              LocalDate.parse("2026-11-24")));
    }

    @Override
    public Optional<Venue> venue(Mic mic) {
      String zone = ZONES.get(mic.value());
      return zone == null
          ? Optional.empty()
          : Optional.of(
              new Venue(
                  mic,
                  mic.value() + " exchange",
                  ZoneId.of(zone),
                  LocalTime.of(9, 0),
                  LocalTime.of(17, 0),
                  Set.of()));
    }
  }

  private static final class NoMetrics implements RecordingMetrics {
    @Override
    public void recorded(TradeRecord record) {}

    @Override
    public void replayed(TradeRecord existing) {}
  }
}

package com.tradeprocessing.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.TradeId;
import com.tradeprocessing.model.fixtures.EventFixtures;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.recorder.decision.FinalDecisionPolicy;
import com.tradeprocessing.recorder.decision.PriceBand;
import com.tradeprocessing.recorder.dynamo.TradeRecordItems;
import com.tradeprocessing.testing.CapturedLogs;
import com.tradeprocessing.testing.MutableClock;
import com.tradeprocessing.testing.TestLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The Record task end to end in one JVM: stage input JSON in, stage output JSON out. */
class RecordTradeHandlerTest {

  private static final String OMS_ACCEPTED = "records/oms_accepted.json";
  private static final String PRIME_BROKER_OUT_OF_BAND =
      "records/prime-broker_price-out-of-band.json";
  private static final String OMS_UNIDENTIFIED = "records/oms_unidentified.json";
  private static final String PRIME_BROKER_HUGE_QUANTITY =
      "records/prime-broker_huge-quantity.json";
  private static final TestLambdaContext CONTEXT = new TestLambdaContext("lambda-recorder-test");

  private final InMemoryTradeRecordStore store = new InMemoryTradeRecordStore();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T14:30:02.345Z"));
  private final RecordTradeHandler handler = handlerOn(store);

  @Test
  void handleRequest_acceptedOmsTrade_shouldAnswerTheRecordStageOutput() throws IOException {
    // GIVEN
    String input = resource(OMS_ACCEPTED);

    // WHEN
    JsonNode output = invoke(handler, input);

    // THEN
    assertThat(output)
        .isEqualTo(firstRecording("TRD-869ea5d4d46f5840a94387bd496f29c8", "ACCEPTED", List.of()));
    assertThat(store.all())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.executionId()).endsWith("9f0c1d2e-0b6a-4c1e-9a57-3f1d2c4b5a60");
              assertThat(json(record.enrichment()))
                  .isEqualTo(json(resource(OMS_ACCEPTED)).get("enrichment"));
              assertThat(json(record.rawPayload()))
                  .isEqualTo(json(resource(OMS_ACCEPTED)).at("/event/detail"));
            });
  }

  @Test
  void handleRequest_sameInputTwice_shouldAnswerTheFirstOutcomeReplayed() throws IOException {
    // GIVEN
    String input = resource(OMS_ACCEPTED);
    JsonNode first = invoke(handler, input);
    clock.advance(java.time.Duration.ofSeconds(40));

    // WHEN
    JsonNode second = invoke(handler, input);

    // THEN
    assertThat(second.get("replayed").asBoolean()).isTrue();
    ((ObjectNode) second).put("replayed", false);
    assertThat(second).isEqualTo(first);
    assertThat(store.all()).hasSize(1);
  }

  @Test
  void handleRequest_primeBrokerPriceOutOfBand_shouldAnswerRejectedWithTheReason()
      throws IOException {
    // WHEN
    JsonNode output = invoke(handler, resource(PRIME_BROKER_OUT_OF_BAND));

    // THEN
    assertThat(output)
        .isEqualTo(
            firstRecording(
                "TRD-6ebfd4a0a803bd343dc9bb6501e9475e", "REJECTED", List.of("PRICE_OUT_OF_BAND")));
    assertThat(store.get("TRD-6ebfd4a0a803bd343dc9bb6501e9475e").orElseThrow().statusDate())
        .isEqualTo("REJECTED#2026-11-25");
  }

  @Test
  void handleRequest_payloadWithoutTradeId_shouldAnswerRejectedUnderTheUnidentifiedKey()
      throws IOException {
    // WHEN
    JsonNode output = invoke(handler, resource(OMS_UNIDENTIFIED));

    // THEN
    assertThat(output.get("tradeId").asText()).matches("UNIDENTIFIED#[0-9a-f]{64}");
    assertThat(output.get("status").asText()).isEqualTo("REJECTED");
    assertThat(output.get("reasonCodes")).isEqualTo(json("[\"MISSING_FIELD\"]"));
    assertThat(output.get("replayed").asBoolean()).isFalse();
    assertThat(store.get(output.get("tradeId").asText())).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "oms_trade-id-too-long",
        "oms_invalid-trade-id",
        "fix-gateway_trade-id-too-long",
        "prime-broker_invalid-trade-id"
      })
  void handleRequest_tradeIdOfAnotherForm_shouldRecordItUnderAHashKeyWithTheIdOnlyInThePayload(
      String fixture) throws IOException {
    // GIVEN the validator's answer for an id of 3,000 characters or with NUL and U+001F
    ObjectNode input = (ObjectNode) json(resource(OMS_UNIDENTIFIED));
    ObjectNode event = EventFixtures.event(fixture);
    input.set("event", event);
    ObjectNode validation = (ObjectNode) input.get("validation");
    validation.put("sourceSystem", event.get("source").asText());
    validation.putArray("reasonCodes").add("INVALID_TRADE_ID");
    validation
        .putArray("problems")
        .addObject()
        .put("code", "INVALID_TRADE_ID")
        .put("field", "tradeId")
        .put("message", "tradeId: '...' is 3000 characters long, more than 64");

    // WHEN
    JsonNode output = invoke(handler, input.toString());

    // THEN the key is 77 bytes whatever the id, far below DynamoDB's 2,048 for a partition key
    String key = output.get("tradeId").asText();
    assertThat(key).matches("UNIDENTIFIED#[0-9a-f]{64}");
    assertThat(output.get("reasonCodes")).isEqualTo(json("[\"INVALID_TRADE_ID\"]"));
    Map<String, AttributeValue> item = TradeRecordItems.toItem(store.get(key).orElseThrow());
    assertThat(item.get("tradeId").s().getBytes(StandardCharsets.UTF_8)).hasSize(77);
    assertThat(item).doesNotContainKeys("sourceTradeId", "isin", "executedAt");
    assertThat(item.get("statusDate").s()).isEqualTo("REJECTED#2026-11-25");
    assertThat(json(item.get("rawPayload").s())).isEqualTo(event.get("detail"));
  }

  @Test
  void handleRequest_overLongIdWithATradeId_shouldKeyTheRecordByTheHashAndKeepTheIdAnAttribute()
      throws IOException {
    // GIVEN an older validator's answer that kept a 3,000-character id and derived a trade id
    ObjectNode input = (ObjectNode) json(resource(OMS_UNIDENTIFIED));
    String id = "OMS-" + "9".repeat(2996);
    input.set("event", EventFixtures.event("oms_trade-id-too-long"));
    ((ObjectNode) input.at("/event/detail")).put("tradeId", id);
    ((ObjectNode) input.get("validation"))
        .put("tradeId", TradeId.of(SourceSystem.OMS, id).value())
        .put("sourceTradeId", id);

    // WHEN
    JsonNode output = invoke(handler, input.toString());

    // THEN
    assertThat(output.get("tradeId").asText()).isEqualTo(TradeId.of(SourceSystem.OMS, id).value());
    Map<String, AttributeValue> item =
        TradeRecordItems.toItem(store.get(output.get("tradeId").asText()).orElseThrow());
    assertThat(item.get("tradeId").s()).hasSize(36);
    assertThat(item.get("sourceTradeId").s()).isEqualTo(id);
  }

  @Test
  void handleRequest_quantityBeyondAnyPlainDecimal_shouldRecordTheRawPayloadAsRejected() {
    // GIVEN a payload number (1e999999999) too large to write in plain decimal form
    String input = resource(PRIME_BROKER_HUGE_QUANTITY);

    // WHEN
    JsonNode output = invoke(handler, input);

    // THEN
    assertThat(output)
        .isEqualTo(
            firstRecording(
                "TRD-6ebfd4a0a803bd343dc9bb6501e9475e", "REJECTED", List.of("INVALID_QUANTITY")));
    assertThat(store.get("TRD-6ebfd4a0a803bd343dc9bb6501e9475e"))
        .hasValueSatisfying(
            record -> {
              assertThat(record.statusDate()).isEqualTo("REJECTED#2026-11-25");
              assertThat(record.canonicalTrade()).isNull();
              assertThat(json(record.rawPayload())).isEqualTo(json(input).at("/event/detail"));
              assertThat(json(record.rawPayload()).get("qty").decimalValue())
                  .isEqualByComparingTo(new BigDecimal("1e999999999"));
            });
  }

  @Test
  void handleRequest_recordedTrade_shouldLogOneInfoLineWithTheOutcomeAndIds() throws IOException {
    // GIVEN
    String input = resource(OMS_ACCEPTED);

    // WHEN
    List<JsonNode> logs = CapturedLogs.during(() -> invoke(handler, input));

    // THEN
    JsonNode line = CapturedLogs.onlyLine(logs, "level", "INFO");
    assertThat(line.get("message").asText()).isEqualTo("trade recorded");
    assertThat(line.get("tradeId").asText()).isEqualTo("TRD-869ea5d4d46f5840a94387bd496f29c8");
    assertThat(line.get("executionId").asText()).startsWith("arn:aws:states:");
    assertThat(line.get("eventId").asText()).isEqualTo("df1e79a3-7244-549f-8235-723e3144efd1");
    assertThat(line.get("status").asText()).isEqualTo("ACCEPTED");
    assertThat(line.get("function_request_id").asText()).isEqualTo(TestLambdaContext.REQUEST_ID);
  }

  @Test
  void handleRequest_inputWithoutValidation_shouldThrowRecorderInputException() throws IOException {
    // GIVEN
    ObjectNode input = (ObjectNode) json(resource(OMS_ACCEPTED));
    input.remove("validation");

    // WHEN / THEN
    assertThatThrownBy(() -> invoke(handler, input.toString()))
        .isExactlyInstanceOf(RecorderInputException.class)
        .hasMessageContaining("'validation'");
    assertThat(store.all()).isEmpty();
  }

  @Test
  void handleRequest_validationContradictingItself_shouldThrowRecorderInputException()
      throws IOException {
    // GIVEN a validator output that says valid but gives a reason code
    ObjectNode input = (ObjectNode) json(resource(OMS_ACCEPTED));
    ((ObjectNode) input.get("validation")).putArray("reasonCodes").add("STALE_TRADE");

    // WHEN / THEN
    assertThatThrownBy(() -> invoke(handler, input.toString()))
        .isExactlyInstanceOf(RecorderInputException.class)
        .hasMessageContaining("validation");
  }

  @Test
  void handleRequest_inputNotJson_shouldThrowRecorderInputException() {
    // WHEN / THEN
    assertThatThrownBy(() -> invoke(handler, "{\"event\": "))
        .isExactlyInstanceOf(RecorderInputException.class);
  }

  @Test
  void handleRequest_storeUnavailable_shouldThrowTheRetryableFault() {
    // GIVEN
    RecordTradeHandler unavailable =
        handlerOn(
            record -> {
              throw new TradeStoreUnavailableException("throttled", null);
            });

    // WHEN / THEN the state machine retries on exactly this class name
    assertThatThrownBy(() -> invoke(unavailable, resource(OMS_ACCEPTED)))
        .isExactlyInstanceOf(TradeStoreUnavailableException.class);
    assertThat(TradeStoreUnavailableException.class.getName())
        .isEqualTo("com.tradeprocessing.recorder.TradeStoreUnavailableException");
  }

  @Test
  void handleRequest_fault_shouldLogTheErrorTypeWithTradeAndExecutionIds() throws IOException {
    // GIVEN
    RecordTradeHandler unavailable =
        handlerOn(
            record -> {
              throw new TradeStoreUnavailableException("throttled", null);
            });

    // WHEN
    List<JsonNode> logs =
        CapturedLogs.during(
            () ->
                assertThatThrownBy(() -> invoke(unavailable, resource(OMS_ACCEPTED)))
                    .isInstanceOf(TradeStoreUnavailableException.class));

    // THEN
    JsonNode line = CapturedLogs.onlyLine(logs, "level", "ERROR");
    assertThat(line.get("message").asText())
        .isEqualTo(
            "Recording failed with"
                + " com.tradeprocessing.recorder.TradeStoreUnavailableException");
    assertThat(line.at("/error/name").asText())
        .isEqualTo("com.tradeprocessing.recorder.TradeStoreUnavailableException");
    assertThat(line.get("tradeId").asText()).isEqualTo("TRD-869ea5d4d46f5840a94387bd496f29c8");
    assertThat(line.get("executionId").asText()).startsWith("arn:aws:states:");
  }

  private RecordTradeHandler handlerOn(com.tradeprocessing.recorder.record.TradeRecordStore store) {
    return new RecordTradeHandler(
        new ComplianceRecorder(
            store,
            () -> PriceBand.DEFAULT,
            new FinalDecisionPolicy(),
            new RecordingMetricsSpy(),
            clock,
            "us-east-1"));
  }

  private static JsonNode invoke(RecordTradeHandler handler, String input) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try {
      handler.handleRequest(
          new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), output, CONTEXT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return json(output.toString(StandardCharsets.UTF_8));
  }

  private static String resource(String name) {
    try (InputStream in = RecordTradeHandlerTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The stage's output for a trade recorded for the first time at the test clock's instant: {@code
   * {"tradeId", "status", "reasonCodes", "replayed": false, "recordedAt"}}.
   */
  private static JsonNode firstRecording(String tradeId, String status, List<String> reasonCodes) {
    ObjectNode output = TradeJson.mapper().createObjectNode();
    output.put("tradeId", tradeId);
    output.put("status", status);
    reasonCodes.forEach(output.putArray("reasonCodes")::add);
    output.put("replayed", false);
    output.put("recordedAt", "2026-11-25T14:30:02.345Z");
    return output;
  }

  private static JsonNode json(String text) {
    try {
      return TradeJson.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + text, e);
    }
  }
}

package com.tradeprocessing.enricher;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.tradeprocessing.model.fixtures.EventFixtures.EXECUTION_ID;
import static com.tradeprocessing.model.fixtures.EventFixtures.stageInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.tradeprocessing.enricher.market.MarketSessionSchedule;
import com.tradeprocessing.enricher.market.SettlementCalendar;
import com.tradeprocessing.enricher.referencedata.CachingReferenceData;
import com.tradeprocessing.enricher.referencedata.HttpReferenceDataClient;
import com.tradeprocessing.enricher.referencedata.ReferenceDataFixtures;
import com.tradeprocessing.model.fixtures.EventFixtures;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.testing.CapturedLogs;
import com.tradeprocessing.testing.MutableClock;
import com.tradeprocessing.testing.StreamHandlers;
import com.tradeprocessing.testing.TestLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole EventBridge events in, whole enricher outputs out, against a loopback reference-data API.
 */
class EnrichTradeHandlerTest {

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final TestLambdaContext CONTEXT = new TestLambdaContext("lambda-enricher-test");

  private EnrichTradeHandler handler;

  @BeforeEach
  void wireHandler() {
    ReferenceDataFixtures.serveAll(API);
    HttpReferenceDataClient client =
        new HttpReferenceDataClient(
            HttpReferenceDataClient.newHttpClient(HttpReferenceDataClient.DEFAULT_CONNECT_TIMEOUT),
            () -> URI.create(API.baseUrl()),
            Duration.ofSeconds(5));
    handler =
        new EnrichTradeHandler(
            new TradeEnricher(
                new CachingReferenceData(
                    client, new MutableClock(Instant.parse("2026-11-25T14:31:00Z"))),
                MarketSessionSchedule.DEFAULT,
                SettlementCalendar.T_PLUS_ONE));
  }

  private JsonNode handle(String eventJson) throws IOException {
    return StreamHandlers.invoke(handler, eventJson, CONTEXT);
  }

  private static JsonNode expected(String name) {
    String resource = "/expected/" + name + ".json";
    try (InputStream in = EnrichTradeHandlerTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no expected output " + resource);
      }
      return TradeJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"oms_valid", "fix-gateway_valid", "prime-broker_valid", "oms_detail-as-string"})
  void handleRequest_validEventOfEachSource_shouldWriteTheWholeEnrichment(String fixture)
      throws IOException {
    // GIVEN
    String event = EventFixtures.json(fixture);

    // WHEN
    JsonNode output = handle(event);

    // THEN
    assertThat(output).isEqualTo(expected(fixture));
  }

  @Test
  void handleRequest_stateMachinePayload_shouldEnrichTheEventItCarries() throws IOException {
    // GIVEN
    String input = stageInput(EventFixtures.json(EventFixtures.OMS_VALID));

    // WHEN
    JsonNode output = handle(input);

    // THEN
    assertThat(output).isEqualTo(expected(EventFixtures.OMS_VALID));
  }

  @Test
  void handleRequest_stateMachinePayload_shouldLogWithTheExecutionId() throws IOException {
    // GIVEN
    String input = stageInput(EventFixtures.json(EventFixtures.OMS_VALID));

    // WHEN
    List<JsonNode> logs = CapturedLogs.during(() -> handle(input));

    // THEN every line of the invocation names the execution; the outcome line names the trade
    assertThat(logs)
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line.path("executionId").asText()).isEqualTo(EXECUTION_ID));
    JsonNode line = CapturedLogs.onlyLine(logs, "message", "trade enriched");
    assertThat(line.get("tradeId").asText()).isEqualTo("TRD-869ea5d4d46f5840a94387bd496f29c8");
    assertThat(line.get("eventId").asText()).isEqualTo("df1e79a3-7244-549f-8235-723e3144efd1");
    assertThat(line.get("function_request_id").asText()).isEqualTo(TestLambdaContext.REQUEST_ID);
  }

  @Test
  void handleRequest_bareEvent_shouldLogWithoutAnExecutionId() throws IOException {
    // GIVEN a direct invocation with the EventBridge event itself
    String input = EventFixtures.json(EventFixtures.OMS_VALID);

    // WHEN
    List<JsonNode> logs = CapturedLogs.during(() -> handle(input));

    // THEN
    JsonNode line = CapturedLogs.onlyLine(logs, "message", "trade enriched");
    assertThat(line.has("executionId")).isFalse();
    assertThat(line.get("tradeId").asText()).isEqualTo("TRD-869ea5d4d46f5840a94387bd496f29c8");
  }

  @Test
  void handleRequest_stateMachinePayloadOfAPayloadThatIsNoTrade_shouldLogWithTheExecutionId()
      throws IOException {
    // GIVEN
    String input = stageInput(EventFixtures.json("oms_missing-field"));

    // WHEN
    JsonNode output;
    List<JsonNode> logs;
    try (CapturedLogs captured = CapturedLogs.start()) {
      output = handle(input);
      logs = captured.lines();
    }

    // THEN
    assertThat(output).isEqualTo(expected("not-a-trade"));
    assertThat(logs)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("message").asText()).startsWith("payload is not a trade");
              assertThat(line.get("executionId").asText()).isEqualTo(EXECUTION_ID);
            });
  }

  @Test
  void handleRequest_sourceSettlementDateOtherThanExpected_shouldKeepAndFlagIt()
      throws IOException {
    // GIVEN
    ObjectNode event = EventFixtures.event(EventFixtures.PRIME_BROKER_VALID);
    ((ObjectNode) event.get("detail")).put("settlementDate", "2026-11-27");

    // WHEN
    JsonNode output = handle(event.toString());

    // THEN
    ObjectNode expected = (ObjectNode) expected(EventFixtures.PRIME_BROKER_VALID);
    expected.put("sourceSettlementDate", "2026-11-27");
    expected.put("settlementDateDiffers", true);
    assertThat(output).isEqualTo(expected);
  }

  @Test
  void handleRequest_instrumentUnknownToTheApi_shouldAnswerUnknownInstrument() throws IOException {
    // GIVEN a well-formed ISIN the reference-data API answers 404 for
    // WHEN an event carries it
    JsonNode output = handleWith(EventFixtures.OMS_VALID, "isin", "US0000000002");

    // THEN
    ObjectNode expected = (ObjectNode) expected(EventFixtures.OMS_VALID);
    expected.put("status", "UNKNOWN_INSTRUMENT");
    expected.putNull("instrument");
    expected.putNull("referencePrice");
    expected.putNull("priceDeviationPercent");
    assertThat(output).isEqualTo(expected);
  }

  @Test
  void handleRequest_venueUnknownToTheApi_shouldLeaveVenueDerivedFieldsNull() throws IOException {
    // GIVEN a well-formed MIC the reference-data API answers 404 for
    // WHEN an event carries it
    JsonNode output = handleWith(EventFixtures.PRIME_BROKER_VALID, "exchange", "XPAR");

    // THEN
    ObjectNode expected = (ObjectNode) expected(EventFixtures.PRIME_BROKER_VALID);
    ObjectNode venue = expected.putObject("venue");
    venue.put("mic", "XPAR");
    venue.putNull("name");
    venue.putNull("timeZone");
    expected.putNull("tradeDate");
    expected.putNull("marketSession");
    expected.putNull("settlementDate");
    expected.putNull("settlementDateDiffers");
    assertThat(output).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "oms_malformed-payload",
        "oms_missing-field",
        "oms_invalid-venue",
        "fix-gateway_invalid-isin",
        "fix-gateway_invalid-trade-time",
        "prime-broker_invalid-price",
        "prime-broker_invalid-settlement-date"
      })
  void handleRequest_payloadThatIsNotACanonicalTrade_shouldAnswerNotATradeWithoutCallingTheApi(
      String fixture) throws IOException {
    // GIVEN
    String event = EventFixtures.json(fixture);

    // WHEN
    JsonNode output = handle(event);

    // THEN
    assertThat(output).isEqualTo(expected("not-a-trade"));
    API.verify(0, anyRequestedFor(anyUrl()));
  }

  @ParameterizedTest(name = "input {0}")
  @ValueSource(strings = {"not json at all", "", "[]", "{\"source\":\"trading.unknown\"}"})
  void handleRequest_inputThatIsNotAnEvent_shouldAnswerNotATrade(String input) throws IOException {
    // GIVEN the input as the parameter spells it
    // WHEN
    JsonNode output = handle(input);

    // THEN
    assertThat(output).isEqualTo(expected("not-a-trade"));
  }

  @Test
  void handleRequest_referenceDataApiFailing_shouldThrowTheRetryableErrorType() {
    // GIVEN
    API.stubFor(
        get(urlEqualTo("/instruments/US0378331005")).willReturn(aResponse().withStatus(503)));
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    byte[] event = EventFixtures.json(EventFixtures.OMS_VALID).getBytes(StandardCharsets.UTF_8);

    // WHEN / THEN
    assertThatThrownBy(
            () -> handler.handleRequest(new ByteArrayInputStream(event), output, CONTEXT))
        .isExactlyInstanceOf(ReferenceDataUnavailableException.class)
        .hasMessageContaining("answered 503");
    assertThat(ReferenceDataUnavailableException.class.getName())
        .isEqualTo("com.tradeprocessing.enricher.ReferenceDataUnavailableException");
    assertThat(output.size()).isZero();
  }

  @Test
  void handleRequest_referenceDataApiFailing_shouldLogTheErrorTypeWithTheExecutionId()
      throws IOException {
    // GIVEN
    API.stubFor(
        get(urlEqualTo("/instruments/US0378331005")).willReturn(aResponse().withStatus(503)));
    byte[] input =
        stageInput(EventFixtures.json(EventFixtures.OMS_VALID)).getBytes(StandardCharsets.UTF_8);

    // WHEN
    List<JsonNode> logs =
        CapturedLogs.during(
            () ->
                assertThatThrownBy(
                        () ->
                            handler.handleRequest(
                                new ByteArrayInputStream(input),
                                new ByteArrayOutputStream(),
                                CONTEXT))
                    .isInstanceOf(ReferenceDataUnavailableException.class));

    // THEN
    JsonNode line = CapturedLogs.onlyLine(logs, "level", "ERROR");
    assertThat(line.get("errorType").asText())
        .isEqualTo("com.tradeprocessing.enricher.ReferenceDataUnavailableException");
    assertThat(line.get("executionId").asText()).isEqualTo(EXECUTION_ID);
    assertThat(line.get("tradeId").asText()).isEqualTo("TRD-869ea5d4d46f5840a94387bd496f29c8");
  }

  @Test
  void handleRequest_referenceDataApiBreakingItsContract_shouldThrowTheNonRetryableErrorType() {
    // GIVEN
    API.stubFor(
        get(urlEqualTo("/venues/XNAS"))
            .willReturn(aResponse().withStatus(200).withBody("{\"mic\":\"XNAS\"}")));
    byte[] event = EventFixtures.json(EventFixtures.OMS_VALID).getBytes(StandardCharsets.UTF_8);

    // WHEN / THEN
    assertThatThrownBy(
            () ->
                handler.handleRequest(
                    new ByteArrayInputStream(event), new ByteArrayOutputStream(), CONTEXT))
        .isExactlyInstanceOf(ReferenceDataContractException.class)
        .hasMessageContaining("venue XNAS: missing field name");
  }

  /** The output for the event fixture {@code fixture} with its detail's {@code field} replaced. */
  private JsonNode handleWith(String fixture, String field, String value) throws IOException {
    ObjectNode event = EventFixtures.event(fixture);
    ((ObjectNode) event.get("detail")).put(field, value);
    return handle(event.toString());
  }
}

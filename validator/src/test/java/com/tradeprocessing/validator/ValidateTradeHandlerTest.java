package com.tradeprocessing.validator;

import static com.tradeprocessing.model.fixtures.EventFixtures.EXECUTION_ID;
import static com.tradeprocessing.model.fixtures.EventFixtures.stageInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.TradeId;
import com.tradeprocessing.model.fixtures.EventFixtures;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.testing.CapturedLogs;
import com.tradeprocessing.testing.MutableClock;
import com.tradeprocessing.testing.StreamHandlers;
import com.tradeprocessing.testing.TestLambdaContext;
import com.tradeprocessing.validator.config.ValidatorWiring;
import com.tradeprocessing.validator.rules.RuleSet;
import com.tradeprocessing.validator.thresholds.InvalidThresholdException;
import com.tradeprocessing.validator.thresholds.ThresholdsUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ssm.model.SsmException;

class ValidateTradeHandlerTest {

  private static final String PATH = "/trade-processing/test/thresholds/";
  private static final TestLambdaContext CONTEXT = new TestLambdaContext("lambda-validator-test");

  private final FakeSsmClient ssm = new FakeSsmClient(10);
  private final MutableClock clock = new MutableClock(TestValidators.NOW);
  private final ValidateTradeHandler handler =
      new ValidateTradeHandler(ValidatorWiring.validator(ssm, PATH, clock));

  private JsonNode invoke(String input) throws IOException {
    return StreamHandlers.invoke(handler, input, CONTEXT);
  }

  private static JsonNode json(String text) throws IOException {
    return TradeJson.mapper().readTree(text);
  }

  /** The log lines of one invocation. */
  private List<JsonNode> logsOf(String input) throws IOException {
    return CapturedLogs.during(() -> invoke(input));
  }

  @Test
  void handleRequest_tradeIdWithControlCharacters_shouldAnswerWithoutAnyIdAndLogNone()
      throws IOException {
    // GIVEN
    String input = stageInput(EventFixtures.json("fix-gateway_invalid-trade-id"));

    // WHEN
    JsonNode output = invoke(input);
    List<JsonNode> logs = logsOf(input);

    // THEN
    assertThat(output.get("reasonCodes")).isEqualTo(json("[\"INVALID_TRADE_ID\"]"));
    assertThat(output.get("tradeId").isNull()).isTrue();
    assertThat(output.get("sourceTradeId").isNull()).isTrue();
    assertThat(output.get("sourceSystem").asText()).isEqualTo("trading.fix-gateway");
    assertThat(logs).allSatisfy(line -> assertThat(line.has("sourceTradeId")).isFalse());
  }

  @Test
  void handleRequest_detailOf200KiB_shouldRejectItWithAnOutputOfAFewHundredBytes()
      throws IOException {
    // GIVEN
    ObjectNode event = EventFixtures.event(EventFixtures.OMS_VALID);
    ((ObjectNode) event.get("detail")).put("trader", "x".repeat(200 * 1024));
    String input = stageInput(event.toString());

    // WHEN
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), output, CONTEXT);

    // THEN
    JsonNode answer = TradeJson.mapper().readTree(output.toByteArray());
    assertThat(answer.get("reasonCodes")).isEqualTo(json("[\"EVENT_TOO_LARGE\"]"));
    assertThat(answer.get("trade").isNull()).isTrue();
    assertThat(answer.get("sourceTradeId").asText()).isEqualTo("OMS-20261125-000123");
    assertThat(output.size()).isLessThan(1024);
  }

  @Test
  void handleRequest_stateMachinePayload_shouldValidateTheEventItCarries() throws IOException {
    // GIVEN
    String event = EventFixtures.json("prime-broker_notional-above-limit");

    // WHEN
    JsonNode output = invoke(stageInput(event));

    // THEN the same output as for the bare event
    assertThat(output).isEqualTo(invoke(event));
    assertThat(output.get("reasonCodes")).isEqualTo(json("[\"NOTIONAL_LIMIT_EXCEEDED\"]"));
  }

  @Test
  void handleRequest_stateMachinePayload_shouldLogWithTheExecutionId() throws IOException {
    // GIVEN
    String input = stageInput(EventFixtures.json(EventFixtures.OMS_VALID));

    // WHEN
    List<JsonNode> logs = logsOf(input);

    // THEN
    assertThat(logs)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("message").asText()).isEqualTo("trade valid");
              assertThat(line.get("executionId").asText()).isEqualTo(EXECUTION_ID);
              assertThat(line.get("tradeId").asText())
                  .isEqualTo(TradeId.of(SourceSystem.OMS, "OMS-20261125-000123").value());
              assertThat(line.get("eventId").asText())
                  .isEqualTo("df1e79a3-7244-549f-8235-723e3144efd1");
              assertThat(line.get("function_request_id").asText())
                  .isEqualTo(TestLambdaContext.REQUEST_ID);
            });
  }

  @Test
  void handleRequest_bareEvent_shouldLogWithoutAnExecutionId() throws IOException {
    // GIVEN a direct invocation with the EventBridge event itself
    String input = EventFixtures.json(EventFixtures.OMS_VALID);

    // WHEN
    List<JsonNode> logs = logsOf(input);

    // THEN
    assertThat(logs)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.has("executionId")).isFalse();
              assertThat(line.get("eventId").asText())
                  .isEqualTo("df1e79a3-7244-549f-8235-723e3144efd1");
            });
  }

  @Test
  void handleRequest_stateMachinePayloadWhoseEventIsNoObject_shouldRejectItAsMalformed()
      throws IOException {
    // GIVEN
    String input = "{\"event\": \"trade,AAPL,100\", \"executionId\": \"" + EXECUTION_ID + "\"}";

    // WHEN
    List<JsonNode> logs;
    JsonNode output;
    try (CapturedLogs captured = CapturedLogs.start()) {
      output = invoke(input);
      logs = captured.lines();
    }

    // THEN
    assertThat(output.get("reasonCodes")).isEqualTo(json("[\"MALFORMED_PAYLOAD\"]"));
    assertThat(logs)
        .singleElement()
        .satisfies(line -> assertThat(line.get("executionId").asText()).isEqualTo(EXECUTION_ID));
  }

  @Test
  void handleRequest_validOmsEvent_shouldWriteTheContractOutputWithTheTrade() throws IOException {
    // GIVEN
    String event = EventFixtures.json(EventFixtures.OMS_VALID);
    String tradeId = TradeId.of(SourceSystem.OMS, "OMS-20261125-000123").value();

    // WHEN
    JsonNode output = invoke(event);

    // THEN
    assertThat(output)
        .isEqualTo(
            json(
                """
        {"valid": true,
         "tradeId": "%s",
         "sourceSystem": "trading.oms",
         "sourceTradeId": "OMS-20261125-000123",
         "reasonCodes": [],
         "problems": [],
         "trade": {
           "tradeId": "%s",
           "sourceSystem": "trading.oms",
           "sourceTradeId": "OMS-20261125-000123",
           "isin": "US0378331005",
           "symbol": "AAPL",
           "side": "BUY",
           "quantity": "100",
           "price": {"amount": "189.25", "currency": "USD"},
           "venue": "XNAS",
           "executedAt": "2026-11-25T14:30:00.123Z",
           "account": "ACC-001",
           "trader": "jdoe"},
         "ruleSetVersion": "%s"}
        """
                    .formatted(tradeId, tradeId, RuleSet.VERSION)));
  }

  @Test
  void handleRequest_primeBrokerEvent_shouldCarryTheBrokersSettlementDate() throws IOException {
    // GIVEN
    String event = EventFixtures.json(EventFixtures.PRIME_BROKER_VALID);

    // WHEN
    JsonNode output = invoke(event);

    // THEN
    assertThat(output.get("valid").booleanValue()).isTrue();
    assertThat(output.at("/trade/settlementDate").textValue()).isEqualTo("2026-11-26");
    assertThat(output.at("/trade/executedAt").textValue()).isEqualTo("2026-11-25T14:30:00.123Z");
    assertThat(output.at("/trade/quantity").textValue()).isEqualTo("250");
  }

  @Test
  void handleRequest_eventWithSeveralProblems_shouldListEveryCodeAndProblem() throws IOException {
    // GIVEN
    String event = EventFixtures.json("fix-gateway_many-problems");

    // WHEN
    JsonNode output = invoke(event);

    // THEN
    assertThat(output.get("valid").booleanValue()).isFalse();
    assertThat(output.get("tradeId").textValue())
        .isEqualTo(TradeId.of(SourceSystem.FIX_GATEWAY, "FIX-8841").value());
    assertThat(output.get("sourceSystem").textValue()).isEqualTo("trading.fix-gateway");
    assertThat(output.get("sourceTradeId").textValue()).isEqualTo("FIX-8841");
    assertThat(output.get("reasonCodes"))
        .isEqualTo(
            json(
                """
        ["MALFORMED_PAYLOAD", "INVALID_ISIN", "INVALID_QUANTITY", "NOTIONAL_LIMIT_EXCEEDED",
         "INVALID_VENUE", "FUTURE_TRADE_TIME"]"""));
    assertThat(output.get("problems")).hasSize(6);
    assertThat(output.at("/problems/1"))
        .isEqualTo(
            json(
                """
        {"code": "INVALID_ISIN", "field": "SecurityID",
         "message": "SecurityID: ISIN check digit of US5949181046 should be 5"}"""));
    assertThat(output.get("trade").isNull()).isTrue();
    assertThat(output.get("ruleSetVersion").textValue()).isEqualTo(RuleSet.VERSION);
  }

  @Test
  void handleRequest_thresholdRuleBroken_shouldStillCarryTheTrade() throws IOException {
    // GIVEN
    String event = EventFixtures.json("prime-broker_notional-above-limit");

    // WHEN
    JsonNode output = invoke(event);

    // THEN
    assertThat(output.get("valid").booleanValue()).isFalse();
    assertThat(output.get("reasonCodes")).isEqualTo(json("[\"NOTIONAL_LIMIT_EXCEEDED\"]"));
    assertThat(output.at("/problems/0/field").textValue()).isEqualTo("qty,px");
    assertThat(output.at("/trade/sourceTradeId").textValue()).isEqualTo("PB-77120");
  }

  @Test
  void handleRequest_unknownSource_shouldWriteNullsForWhatCouldNotBeRead() throws IOException {
    // GIVEN
    String event =
        EventFixtures.json(EventFixtures.OMS_VALID)
            .replace("\"trading.oms\"", "\"trading.unknown\"");

    // WHEN
    JsonNode output = invoke(event);

    // THEN
    assertThat(output.get("valid").booleanValue()).isFalse();
    assertThat(output.get("reasonCodes")).isEqualTo(json("[\"MALFORMED_PAYLOAD\"]"));
    for (String field : new String[] {"tradeId", "sourceSystem", "sourceTradeId", "trade"}) {
      assertThat(output.has(field)).as(field).isTrue();
      assertThat(output.get(field).isNull()).as(field).isTrue();
    }
  }

  @Test
  void handleRequest_inputNotJson_shouldRejectItAsMalformed() throws IOException {
    // GIVEN
    String input = "trade,AAPL,100";

    // WHEN
    JsonNode output = invoke(input);

    // THEN
    assertThat(output.get("valid").booleanValue()).isFalse();
    assertThat(output.get("reasonCodes")).isEqualTo(json("[\"MALFORMED_PAYLOAD\"]"));
  }

  @Test
  void handleRequest_thresholdOverriddenInParameterStore_shouldApplyIt() throws IOException {
    // GIVEN
    ssm.put(PATH + "max-quantity", "50");
    String event = EventFixtures.json(EventFixtures.OMS_VALID);

    // WHEN
    JsonNode output = invoke(event);

    // THEN
    assertThat(output.get("reasonCodes")).isEqualTo(json("[\"INVALID_QUANTITY\"]"));
    assertThat(output.at("/problems/0/message").textValue()).contains("maximum quantity 50");
  }

  @Test
  void handleRequest_unparsableThresholdInParameterStore_shouldFailTheInvocation() {
    // GIVEN
    ssm.put(PATH + "max-notional", "fifty million");
    String event = EventFixtures.json(EventFixtures.OMS_VALID);

    // WHEN / THEN
    assertThatThrownBy(() -> invoke(event))
        .isInstanceOf(InvalidThresholdException.class)
        .hasMessageContaining(PATH + "max-notional");
  }

  @Test
  void handleRequest_parameterStoreThrottling_shouldThrowTheRetryableErrorType()
      throws IOException {
    // GIVEN a cold container whose first read of the thresholds is throttled
    ssm.failWith(
        SsmException.builder()
            .statusCode(400)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build())
            .message("Rate exceeded")
            .build());
    String input = stageInput(EventFixtures.json(EventFixtures.OMS_VALID));

    // WHEN / THEN the state machine retries on exactly this class name
    assertThatThrownBy(() -> invoke(input))
        .isExactlyInstanceOf(ThresholdsUnavailableException.class)
        .hasMessageContaining(PATH);
    assertThat(ThresholdsUnavailableException.class.getName())
        .isEqualTo("com.tradeprocessing.validator.thresholds.ThresholdsUnavailableException");
  }

  @Test
  void handleRequest_warmInvocationsWithinTheTtl_shouldReadParameterStoreOnce() throws IOException {
    // GIVEN
    String event = EventFixtures.json(EventFixtures.FIX_GATEWAY_VALID);
    invoke(event);

    // WHEN
    clock.advance(Duration.ofMinutes(4));
    invoke(event);
    int readsWithinTtl = ssm.requests().size();
    clock.advance(Duration.ofMinutes(1));
    invoke(event);

    // THEN
    assertThat(readsWithinTtl).isEqualTo(1);
    assertThat(ssm.requests()).hasSize(2);
  }

  @Test
  void
      handleRequest_parameterStoreThrottledAfterAGoodRead_shouldValidateWithTheThresholdsReadEarlier()
          throws IOException {
    // GIVEN a warm container whose refresh of the thresholds is throttled
    ssm.put(PATH + "max-quantity", "50");
    String event = EventFixtures.json(EventFixtures.OMS_VALID);
    invoke(event);
    ssm.failWith(throttling());
    clock.advance(Duration.ofMinutes(5));

    // WHEN
    JsonNode output = invoke(event);

    // THEN the thresholds read before still apply
    assertThat(output.get("reasonCodes")).isEqualTo(json("[\"INVALID_QUANTITY\"]"));
    assertThat(ssm.requests()).hasSize(2);
  }

  @Test
  void handleRequest_parameterStoreThrottledPastTheStalenessBound_shouldThrowTheRetryableErrorType()
      throws IOException {
    // GIVEN thresholds read 15 minutes ago (5 of time to live, 10 of staleness)
    String event = EventFixtures.json(EventFixtures.OMS_VALID);
    invoke(event);
    ssm.failWith(throttling());
    clock.advance(Duration.ofMinutes(15));

    // WHEN / THEN
    assertThatThrownBy(() -> invoke(event))
        .isExactlyInstanceOf(ThresholdsUnavailableException.class);
  }

  private static SsmException throttling() {
    return (SsmException)
        SsmException.builder()
            .statusCode(400)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build())
            .message("Rate exceeded")
            .build();
  }
}

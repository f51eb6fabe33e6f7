package com.tradeprocessing.recorder.dynamo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.tradeprocessing.function.testing.LoopbackClients;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.recorder.TradeRecordFixtures;
import com.tradeprocessing.recorder.TradeStoreRequestRejectedException;
import com.tradeprocessing.recorder.TradeStoreUnavailableException;
import com.tradeprocessing.recorder.record.PutOutcome;
import com.tradeprocessing.recorder.record.TradeRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The store with the real SDK client against a scripted DynamoDB JSON API on a loopback port. */
class DynamoTradeRecordStoreTest {

  private static final String TABLE = "dynamodb-trades-test";
  private static final String PUT_ITEM = "DynamoDB_20120810.PutItem";
  private static final String GET_ITEM = "DynamoDB_20120810.GetItem";
  private static final String JSON_1_0 = "application/x-amz-json-1.0";
  private static final int MAX_ATTEMPTS = 3;

  @RegisterExtension
  static final WireMockExtension DYNAMODB =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private DynamoDbClient client;
  private DynamoTradeRecordStore store;

  @BeforeEach
  void createStore() {
    // The client's own retry conditions, without waiting between attempts.
    client = LoopbackClients.retryingAt(DynamoDbClient.builder(), DYNAMODB.baseUrl(), MAX_ATTEMPTS);
    store = new DynamoTradeRecordStore(client, TABLE);
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void putIfAbsent_newRecord_shouldPutTheCompleteItemUnderTheExistenceCondition() {
    // GIVEN
    DYNAMODB.stubFor(operation(PUT_ITEM).willReturn(ok("{}")));
    TradeRecord record = TradeRecordFixtures.accepted();

    // WHEN
    PutOutcome outcome = store.putIfAbsent(record);

    // THEN
    assertThat(outcome).isEqualTo(new PutOutcome.Written(record));
    JsonNode request = body(single(PUT_ITEM));
    assertThat(request.get("TableName").asText()).isEqualTo(TABLE);
    assertThat(request.get("ConditionExpression").asText())
        .isEqualTo("attribute_not_exists(tradeId)");
    assertThat(request.get("ReturnValuesOnConditionCheckFailure").asText()).isEqualTo("ALL_OLD");
    JsonNode item = request.get("Item");
    assertThat(item.at("/tradeId/S").asText()).isEqualTo(record.tradeId()).startsWith("TRD-");
    assertThat(item.at("/recordKind/S").asText()).isEqualTo("TRADE");
    assertThat(item.at("/status/S").asText()).isEqualTo("ACCEPTED");
    assertThat(item.at("/reasonCodes/L").isArray()).isTrue();
    assertThat(item.at("/reasonCodes/L")).isEmpty();
    assertThat(item.at("/isin/S").asText()).isEqualTo("US0378331005");
    assertThat(item.at("/executedAt/S").asText()).isEqualTo("2026-11-25T14:30:00.123Z");
    assertThat(item.at("/statusDate/S").asText()).isEqualTo("ACCEPTED#2026-11-25");
    assertThat(item.at("/tradeDate/S").asText()).isEqualTo("2026-11-25");
    assertThat(item.at("/receivedAt/S").asText()).isEqualTo("2026-11-25T14:30:01.000Z");
    assertThat(item.at("/recordedAt/S").asText()).isEqualTo("2026-11-25T14:30:02.345Z");
    assertThat(item.at("/sourceSystem/S").asText()).isEqualTo("trading.oms");
    assertThat(item.at("/sourceTradeId/S").asText()).isEqualTo("OMS-20261125-000123");
    assertThat(item.at("/executionId/S").asText()).isEqualTo(TradeRecordFixtures.EXECUTION_ID);
    assertThat(item.at("/region/S").asText()).isEqualTo("us-east-1");
    assertThat(item.at("/rawPayload/S").asText()).isEqualTo(record.rawPayload());
    assertThat(item.at("/rawPayloadSha256/S").asText()).isEqualTo(record.rawPayloadSha256());
    assertThat(item.at("/contentHash/S").asText()).isEqualTo(record.content().hash());
    assertThat(item.at("/contentHashBasis/S").asText()).isEqualTo("ECONOMIC_FIELDS");
    assertThat(item.at("/canonicalTrade/S").asText()).contains("\"isin\":\"US0378331005\"");
    assertThat(item.at("/validationRuleSetVersion/S").asText())
        .isEqualTo(record.validationRuleSetVersion());
    assertThat(item.at("/decisionRulesVersion/S").asText())
        .isEqualTo(record.decisionRulesVersion());
    assertThat(item.at("/priceBandPercent/N").asText()).isEqualTo("10");
    assertThat(item.at("/priceDeviationPercent/N").asText()).isEqualTo("-0.3947");
    assertThat(item.at("/schemaVersion/N").asText()).isEqualTo("1");
    assertThat(item.has("originalTradeId")).isFalse();
  }

  @Test
  void putIfAbsent_recordWithoutTrade_shouldLeaveTheIndexKeysOfTheMissingTradeOut() {
    // GIVEN
    DYNAMODB.stubFor(operation(PUT_ITEM).willReturn(ok("{}")));
    TradeRecord record = TradeRecordFixtures.unidentified();

    // WHEN
    store.putIfAbsent(record);

    // THEN the record is in by-status-date only
    JsonNode item = body(single(PUT_ITEM)).get("Item");
    assertThat(item.at("/tradeId/S").asText()).startsWith("UNIDENTIFIED#");
    assertThat(item.properties())
        .extracting(Map.Entry::getKey)
        .doesNotContain("isin", "executedAt", "canonicalTrade", "priceDeviationPercent");
    assertThat(item.at("/statusDate/S").asText()).isEqualTo("REJECTED#2026-11-25");
    assertThat(item.at("/reasonCodes/L/0/S").asText()).isEqualTo("MISSING_FIELD");
    assertThat(item.at("/problems/L/0/M/code/S").asText()).isEqualTo("MISSING_FIELD");
    assertThat(item.at("/problems/L/0/M/field/S").asText()).isEqualTo("tradeId");
    assertThat(item.at("/problems/L/0/M/message/S").asText()).isEqualTo("tradeId is missing");
  }

  @Test
  void putIfAbsent_conditionFailsWithTheOldItem_shouldReturnItWithoutReadingAgain() {
    // GIVEN a record written earlier by another execution
    TradeRecord existing = TradeRecordFixtures.accepted();
    ObjectNode error = error("ConditionalCheckFailedException", "The conditional request failed");
    error.set("Item", DynamoJson.item(TradeRecordItems.toItem(existing)));
    DYNAMODB.stubFor(operation(PUT_ITEM).willReturn(status(400, error)));
    DYNAMODB.stubFor(operation(GET_ITEM).willReturn(ok("{}")));

    // WHEN
    PutOutcome outcome = store.putIfAbsent(TradeRecordFixtures.accepted());

    // THEN
    assertThat(outcome).isEqualTo(new PutOutcome.AlreadyRecorded(existing));
    assertThat(DYNAMODB.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(1);
  }

  @Test
  void putIfAbsent_conditionFailsWithoutTheOldItem_shouldReadItBackConsistently() {
    // GIVEN
    TradeRecord existing = TradeRecordFixtures.accepted();
    stubPutConditionFailsWithoutTheOldItem();
    ObjectNode found = TradeJson.mapper().createObjectNode();
    found.set("Item", DynamoJson.item(TradeRecordItems.toItem(existing)));
    DYNAMODB.stubFor(operation(GET_ITEM).willReturn(ok(found.toString())));

    // WHEN
    PutOutcome outcome = store.putIfAbsent(existing);

    // THEN
    assertThat(outcome).isEqualTo(new PutOutcome.AlreadyRecorded(existing));
    JsonNode get = body(single(GET_ITEM));
    assertThat(get.get("TableName").asText()).isEqualTo(TABLE);
    assertThat(get.at("/Key/tradeId/S").asText()).isEqualTo(existing.tradeId());
    assertThat(get.get("ConsistentRead").asBoolean()).isTrue();
  }

  @Test
  void putIfAbsent_throttledOnEveryAttempt_shouldRetryThenThrowTradeStoreUnavailable() {
    // GIVEN
    DYNAMODB.stubFor(
        operation(PUT_ITEM)
            .willReturn(
                status(
                    400,
                    error(
                        "ProvisionedThroughputExceededException",
                        "The level of configured provisioned throughput for the table was"
                            + " exceeded."))));

    // WHEN / THEN
    assertThatThrownBy(() -> store.putIfAbsent(TradeRecordFixtures.accepted()))
        .isExactlyInstanceOf(TradeStoreUnavailableException.class)
        .hasMessageContaining(TABLE);
    assertThat(requests(PUT_ITEM)).hasSize(MAX_ATTEMPTS);
  }

  @Test
  void putIfAbsent_throttledOnce_shouldSucceedOnTheClientsRetry() {
    // GIVEN
    DYNAMODB.stubFor(
        operation(PUT_ITEM)
            .inScenario("throttling")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(status(400, error("ThrottlingException", "Rate of requests exceeded")))
            .willSetStateTo("recovered"));
    DYNAMODB.stubFor(
        operation(PUT_ITEM)
            .inScenario("throttling")
            .whenScenarioStateIs("recovered")
            .willReturn(ok("{}")));
    TradeRecord record = TradeRecordFixtures.accepted();

    // WHEN
    PutOutcome outcome = store.putIfAbsent(record);

    // THEN
    assertThat(outcome).isEqualTo(new PutOutcome.Written(record));
    assertThat(requests(PUT_ITEM)).hasSize(2);
  }

  @Test
  void putIfAbsent_serverError_shouldThrowTradeStoreUnavailable() {
    // GIVEN
    DYNAMODB.stubFor(
        operation(PUT_ITEM)
            .willReturn(status(500, error("InternalServerError", "Internal server error"))));

    // WHEN / THEN
    assertThatThrownBy(() -> store.putIfAbsent(TradeRecordFixtures.accepted()))
        .isExactlyInstanceOf(TradeStoreUnavailableException.class);
    assertThat(requests(PUT_ITEM)).hasSize(MAX_ATTEMPTS);
  }

  @Test
  void putIfAbsent_connectionReset_shouldThrowTradeStoreUnavailable() {
    // GIVEN
    DYNAMODB.stubFor(
        operation(PUT_ITEM).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    // WHEN / THEN
    assertThatThrownBy(() -> store.putIfAbsent(TradeRecordFixtures.accepted()))
        .isExactlyInstanceOf(TradeStoreUnavailableException.class);
  }

  @Test
  void putIfAbsent_tableMissing_shouldThrowRequestRejectedWithoutRetrying() {
    // GIVEN
    DYNAMODB.stubFor(
        operation(PUT_ITEM)
            .willReturn(
                status(400, error("ResourceNotFoundException", "Requested resource not found"))));

    // WHEN / THEN
    assertThatThrownBy(() -> store.putIfAbsent(TradeRecordFixtures.accepted()))
        .isExactlyInstanceOf(TradeStoreRequestRejectedException.class)
        .hasMessageContaining("Requested resource not found");
    assertThat(requests(PUT_ITEM)).hasSize(1);
  }

  @Test
  void putIfAbsent_readBackThrottled_shouldThrowTradeStoreUnavailable() {
    // GIVEN
    stubPutConditionFailsWithoutTheOldItem();
    DYNAMODB.stubFor(
        operation(GET_ITEM)
            .willReturn(status(400, error("ThrottlingException", "Rate of requests exceeded"))));

    // WHEN / THEN
    assertThatThrownBy(() -> store.putIfAbsent(TradeRecordFixtures.accepted()))
        .isExactlyInstanceOf(TradeStoreUnavailableException.class)
        .hasMessageContaining("read back");
    assertThat(requests(GET_ITEM)).hasSize(MAX_ATTEMPTS);
  }

  private static MappingBuilder operation(String target) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
  }

  private static ResponseDefinitionBuilder ok(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", JSON_1_0).withBody(body);
  }

  private static ResponseDefinitionBuilder status(int status, ObjectNode body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", JSON_1_0)
        .withBody(body.toString());
  }

  private static ObjectNode error(String type, String message) {
    ObjectNode error = TradeJson.mapper().createObjectNode();
    error.put("__type", "com.amazonaws.dynamodb.v20120810#" + type);
    error.put("message", message);
    return error;
  }

  private static List<LoggedRequest> requests(String target) {
    return DYNAMODB.findAll(
        postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)));
  }

  private static LoggedRequest single(String target) {
    List<LoggedRequest> requests = requests(target);
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  private static JsonNode body(LoggedRequest request) {
    try {
      return TradeJson.mapper().readTree(request.getBodyAsString());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError("request body is not JSON", e);
    }
  }

  /** PutItem's condition fails and the error carries no old item: the store must read it back. */
  private static void stubPutConditionFailsWithoutTheOldItem() {
    DYNAMODB.stubFor(
        operation(PUT_ITEM)
            .willReturn(
                status(
                    400,
                    error("ConditionalCheckFailedException", "The conditional request failed"))));
  }
}

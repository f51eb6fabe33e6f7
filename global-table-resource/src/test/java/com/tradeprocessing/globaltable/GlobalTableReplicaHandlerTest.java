package com.tradeprocessing.globaltable;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.tradeprocessing.globaltable.aws.DynamoDbClientsByRegion;
import com.tradeprocessing.globaltable.aws.DynamoGlobalTableGateway;
import com.tradeprocessing.globaltable.aws.LambdaSelfInvoker;
import com.tradeprocessing.globaltable.cloudformation.CloudFormationResponder;
import com.tradeprocessing.globaltable.cloudformation.ResourceJson;
import com.tradeprocessing.globaltable.replica.GlobalTableReplicaService;
import com.tradeprocessing.globaltable.replica.WaitPolicy;
import com.tradeprocessing.testing.MutableClock;
import com.tradeprocessing.testing.TestLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The handler end to end with the real SDK clients over HTTP: DynamoDB's JSON API, Lambda's Invoke
 * API and the ResponseURL are scripted by one WireMock server on loopback. Regions are told apart
 * by the credential scope of each request's SigV4 signature.
 */
class GlobalTableReplicaHandlerTest {

  @RegisterExtension
  static final WireMockExtension AWS =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String TABLE = "dynamodb-trades-test";
  private static final String PHYSICAL_ID = "dynamodb-trades-test-replicas";
  private static final String PRIMARY = "us-east-1";
  private static final String RESPONSE_PATH = "/cloudformation-response/TradesTableReplicas";
  private static final String FUNCTION_NAME = "lambda-global-table-resource-test";
  private static final String INVOKE_PATH =
      "/2015-03-31/functions/" + FUNCTION_NAME + "/invocations";
  private static final String STACK_ID =
      "arn:aws:cloudformation:us-east-1:123456789012:stack/trade-processing-test/5b9f7a30-7b61-11e6-9a41-93e812345678";
  private static final String SCENARIO = "table";
  private static final String REPLICA_KEY =
      "arn:aws:kms:eu-west-1:123456789012:alias/kms-trade-data-test";
  private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
  private static final WaitPolicy POLICY =
      new WaitPolicy(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofMinutes(50), 20);
  private static final int SDK_MAX_ATTEMPTS = 3;

  private final MutableClock clock = new MutableClock(START);
  private SdkHttpClient http;
  private GlobalTableReplicaHandler handler;

  @BeforeEach
  void wireHandlerToStubs() {
    http = UrlConnectionHttpClient.create();
    DynamoDbClientsByRegion replicaClients = new DynamoDbClientsByRegion(this::dynamoDb);
    GlobalTableReplicaService service =
        new GlobalTableReplicaService(
            new DynamoGlobalTableGateway(dynamoDb(Region.of(PRIMARY)), PRIMARY, replicaClients),
            PRIMARY,
            clock,
            clock::advance,
            POLICY);
    LambdaClient lambda =
        LambdaClient.builder()
            .region(Region.of(PRIMARY))
            .endpointOverride(URI.create(AWS.baseUrl()))
            .httpClient(http)
            .credentialsProvider(credentials())
            .overrideConfiguration(o -> o.retryStrategy(fastRetries()))
            .build();
    handler =
        new GlobalTableReplicaHandler(
            service, new CloudFormationResponder(http), new LambdaSelfInvoker(lambda));
    AWS.stubFor(put(urlPathEqualTo(RESPONSE_PATH)).willReturn(aResponse().withStatus(200)));
  }

  @AfterEach
  void closeHttpClient() {
    http.close();
  }

  @Test
  void handleRequest_createAndReplicaBecomesActive_shouldAddReplicaEnablePitrAndAnswerSuccess()
      throws Exception {
    // GIVEN
    stubTableThroughUpdate(
        table("ACTIVE"),
        table("ACTIVE", replica("eu-west-1", "CREATING")),
        table("ACTIVE", replica("eu-west-1", "ACTIVE")));
    stubPointInTimeRecovery("eu-west-1", "DISABLED");

    // WHEN
    JsonNode outcome = invoke(event("create"), Duration.ofMinutes(5));

    // THEN
    JsonNode response = answered(outcome, "SUCCESS");
    assertThat(reason(response))
        .isEqualTo(
            "Table dynamodb-trades-test has ACTIVE replicas in eu-west-1 with point-in-time recovery enabled.");
    assertThat(response.get("StackId").asText()).isEqualTo(STACK_ID);
    assertThat(response.get("RequestId").asText())
        .isEqualTo("3f1e3c4a-2b7d-4d9e-8f6a-0c1d2e3f4a5b");
    assertThat(response.get("LogicalResourceId").asText()).isEqualTo("TradesTableReplicas");
    AWS.verify(
        1,
        dynamoCalls("UpdateTable")
            .withHeader("Authorization", containing("/us-east-1/dynamodb/aws4_request"))
            .withRequestBody(matchingJsonPath("$.TableName", equalTo(TABLE)))
            .withRequestBody(
                matchingJsonPath("$.ReplicaUpdates[0].Create.RegionName", equalTo("eu-west-1"))));
    AWS.verify(
        1,
        dynamoCalls("UpdateContinuousBackups")
            .withHeader("Authorization", containing("/eu-west-1/dynamodb/aws4_request"))
            .withRequestBody(matchingJsonPath("$.TableName", equalTo(TABLE)))
            .withRequestBody(
                matchingJsonPath(
                    "$.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled",
                    equalTo("true"))));
    AWS.verify(0, postRequestedFor(urlEqualTo(INVOKE_PATH)));
  }

  @Test
  void
      handleRequest_replicaStillCreatingWhenTimeRunsLow_shouldReinvokeByAsyncInvokeWithoutAnswering()
          throws Exception {
    // GIVEN
    stubTableThroughUpdate(table("ACTIVE"), table("ACTIVE", replica("eu-west-1", "CREATING")));
    AWS.stubFor(post(urlEqualTo(INVOKE_PATH)).willReturn(aResponse().withStatus(202)));

    // WHEN
    JsonNode outcome = invoke(event("create"), Duration.ofMinutes(1));

    // THEN
    assertThat(outcome.get("outcome").asText()).isEqualTo("REINVOKED");
    AWS.verify(0, putRequestedFor(urlPathEqualTo(RESPONSE_PATH)));
    List<LoggedRequest> invokes =
        AWS.findAll(
            postRequestedFor(urlEqualTo(INVOKE_PATH))
                .withHeader("X-Amz-Invocation-Type", equalTo("Event")));
    assertThat(invokes).hasSize(1);
    JsonNode payload = ResourceJson.mapper().readTree(invokes.get(0).getBodyAsString());
    assertThat(payload.get("RequestId").asText()).isEqualTo("3f1e3c4a-2b7d-4d9e-8f6a-0c1d2e3f4a5b");
    assertThat(payload.get("ResourceProperties"))
        .isEqualTo(event("create").get("ResourceProperties"));
    assertThat(payload.get("GlobalTableReplicaWait").get("Attempt").asInt()).isEqualTo(2);
    assertThat(payload.get("GlobalTableReplicaWait").get("Deadline").asText())
        .isEqualTo("2026-01-05T10:50:00Z");
    AWS.verify(1, dynamoCalls("UpdateTable"));
  }

  @Test
  void handleRequest_reinvokedAndReplicaNowActive_shouldAnswerSuccessWithoutAddingAgain()
      throws Exception {
    // GIVEN
    AWS.stubFor(describeTable().willReturn(ok(table("ACTIVE", replica("eu-west-1", "ACTIVE")))));
    stubPointInTimeRecovery("eu-west-1", "DISABLED");
    ObjectNode reinvoked = withWaitState(event("create"), 2, START.plus(Duration.ofMinutes(50)));
    clock.advance(Duration.ofMinutes(5));

    // WHEN
    JsonNode outcome = invoke(reinvoked, Duration.ofMinutes(5));

    // THEN
    JsonNode response = answered(outcome, "SUCCESS");
    assertThat(response.get("RequestId").asText())
        .isEqualTo("3f1e3c4a-2b7d-4d9e-8f6a-0c1d2e3f4a5b");
    AWS.verify(0, dynamoCalls("UpdateTable"));
  }

  @Test
  void handleRequest_reinvokedPastTheWaitLimit_shouldAnswerFailedWithReason() throws Exception {
    // GIVEN
    AWS.stubFor(describeTable().willReturn(ok(table("ACTIVE", replica("eu-west-1", "CREATING")))));
    clock.advance(Duration.ofMinutes(50));
    ObjectNode reinvoked = withWaitState(event("create"), 12, START.plus(Duration.ofMinutes(50)));

    // WHEN
    JsonNode outcome = invoke(reinvoked, Duration.ofMinutes(5));

    // THEN
    JsonNode response = answered(outcome, "FAILED");
    assertThat(reason(response))
        .isEqualTo(
            "Gave up after waiting 50 minutes for the replicas. Waiting for replicas of table dynamodb-trades-test: eu-west-1 CREATING.");
    AWS.verify(0, postRequestedFor(urlEqualTo(INVOKE_PATH)));
  }

  @Test
  void handleRequest_replicaAlreadyPresentWithPitr_shouldAnswerSuccessWithoutChanges()
      throws Exception {
    // GIVEN
    AWS.stubFor(describeTable().willReturn(ok(table("ACTIVE", replica("eu-west-1", "ACTIVE")))));
    stubPointInTimeRecovery("eu-west-1", "ENABLED");

    // WHEN
    JsonNode outcome = invoke(event("create"), Duration.ofMinutes(5));

    // THEN
    answeredAs(outcome, "SUCCESS");
    AWS.verify(0, dynamoCalls("UpdateTable"));
    AWS.verify(0, dynamoCalls("UpdateContinuousBackups"));
  }

  @Test
  void handleRequest_createWhenTableMissing_shouldAnswerFailedNamingTheTable() throws Exception {
    // GIVEN
    AWS.stubFor(
        describeTable()
            .willReturn(
                dynamoError(
                    "ResourceNotFoundException",
                    "Requested resource not found: Table: dynamodb-trades-test not found")));

    // WHEN
    JsonNode outcome = invoke(event("create"), Duration.ofMinutes(5));

    // THEN
    assertThat(reason(answered(outcome, "FAILED")))
        .isEqualTo(
            "Table dynamodb-trades-test does not exist in us-east-1; create it before its replicas.");
  }

  @Test
  void handleRequest_describeThrottledOnce_shouldRetryAndAnswerSuccess() throws Exception {
    // GIVEN
    AWS.stubFor(
        inScenario(describeTable(), STARTED).willSetStateTo("recovered").willReturn(throttled()));
    AWS.stubFor(
        inScenario(describeTable(), "recovered")
            .willReturn(ok(table("ACTIVE", replica("eu-west-1", "ACTIVE")))));
    stubPointInTimeRecovery("eu-west-1", "ENABLED");

    // WHEN
    JsonNode outcome = invoke(event("create"), Duration.ofMinutes(5));

    // THEN
    answeredAs(outcome, "SUCCESS");
    AWS.verify(2, dynamoCalls("DescribeTable"));
  }

  @Test
  void handleRequest_describeThrottledBeyondRetries_shouldAnswerFailedNamingTheThrottling()
      throws Exception {
    // GIVEN
    AWS.stubFor(describeTable().willReturn(throttled()));

    // WHEN
    JsonNode outcome = invoke(event("create"), Duration.ofMinutes(5));

    // THEN
    JsonNode response = answeredAs(outcome, "FAILED");
    assertThat(reason(response))
        .isEqualTo(
            "DynamoDB DescribeTable in us-east-1 failed: ThrottlingException: Rate of requests exceeds the allowed throughput.");
    AWS.verify(SDK_MAX_ATTEMPTS, dynamoCalls("DescribeTable"));
  }

  @Test
  void handleRequest_deleteWhenTableAlreadyGone_shouldAnswerSuccessKeepingPhysicalId()
      throws Exception {
    // GIVEN
    AWS.stubFor(
        describeTable()
            .willReturn(dynamoError("ResourceNotFoundException", "Requested resource not found")));

    // WHEN
    JsonNode outcome = invoke(event("delete"), Duration.ofMinutes(5));

    // THEN
    JsonNode response = answered(outcome, "SUCCESS");
    assertThat(response.get("RequestId").asText())
        .isEqualTo("c4d5e6f7-8a9b-4c0d-9e1f-2a3b4c5d6e7f");
  }

  @Test
  void handleRequest_deleteWhenReplicaAlreadyGone_shouldAnswerSuccessWithoutUpdateTable()
      throws Exception {
    // GIVEN
    AWS.stubFor(describeTable().willReturn(ok(table("ACTIVE"))));

    // WHEN
    JsonNode outcome = invoke(event("delete"), Duration.ofMinutes(5));

    // THEN
    assertThat(outcome.get("outcome").asText()).isEqualTo("SUCCESS");
    assertThat(reason(cloudFormationResponse()))
        .isEqualTo("Table dynamodb-trades-test has no replica in eu-west-1.");
    AWS.verify(0, dynamoCalls("UpdateTable"));
  }

  @Test
  void handleRequest_deleteWithReplicaPresent_shouldRemoveItAndAnswerSuccessOnceGone()
      throws Exception {
    // GIVEN
    stubTableThroughUpdate(
        table("ACTIVE", replica("eu-west-1", "ACTIVE")),
        table("ACTIVE", replica("eu-west-1", "DELETING")),
        table("ACTIVE"));

    // WHEN
    JsonNode outcome = invoke(event("delete"), Duration.ofMinutes(5));

    // THEN
    assertThat(outcome.get("outcome").asText()).isEqualTo("SUCCESS");
    assertThat(cloudFormationResponse().get("PhysicalResourceId").asText()).isEqualTo(PHYSICAL_ID);
    AWS.verify(
        1,
        dynamoCalls("UpdateTable")
            .withRequestBody(
                matchingJsonPath("$.ReplicaUpdates[0].Delete.RegionName", equalTo("eu-west-1"))));
  }

  @Test
  void handleRequest_updateMovesReplica_shouldAddTheNewRegionThenRemoveTheOldOne()
      throws Exception {
    // GIVEN
    AWS.stubFor(
        inScenario(describeTable(), STARTED)
            .willReturn(ok(table("ACTIVE", replica("ap-south-1", "ACTIVE")))));
    AWS.stubFor(
        inScenario(updateTable(), STARTED)
            .willSetStateTo("added")
            .willReturn(ok(tableDescription())));
    AWS.stubFor(
        inScenario(describeTable(), "added")
            .willReturn(
                ok(
                    table(
                        "ACTIVE",
                        replica("ap-south-1", "ACTIVE"),
                        replica("eu-west-1", "ACTIVE")))));
    AWS.stubFor(
        inScenario(updateTable(), "added")
            .willSetStateTo("removed")
            .willReturn(ok(tableDescription())));
    AWS.stubFor(
        inScenario(describeTable(), "removed")
            .willReturn(ok(table("ACTIVE", replica("eu-west-1", "ACTIVE")))));
    stubPointInTimeRecovery("eu-west-1", "DISABLED");

    // WHEN
    JsonNode outcome = invoke(event("update"), Duration.ofMinutes(5));

    // THEN
    JsonNode response = answered(outcome, "SUCCESS");
    List<LoggedRequest> updates = AWS.findAll(dynamoCalls("UpdateTable"));
    assertThat(updates)
        .extracting(LoggedRequest::getBodyAsString)
        .satisfiesExactly(
            first -> assertThat(first).contains("\"Create\":{\"RegionName\":\"eu-west-1\"}"),
            second -> assertThat(second).contains("\"Delete\":{\"RegionName\":\"ap-south-1\"}"));
  }

  @Test
  void handleRequest_createWithReplicaKey_shouldSendTheKeyInTheReplicaCreation() throws Exception {
    // GIVEN
    stubReplicaAddedActive("eu-west-1");
    stubPointInTimeRecovery("eu-west-1", "ENABLED");
    ObjectNode create = withReplicaKey(event("create"), REPLICA_KEY);

    // WHEN
    JsonNode outcome = invoke(create, Duration.ofMinutes(5));

    // THEN
    answeredAs(outcome, "SUCCESS");
    AWS.verify(
        1,
        dynamoCalls("UpdateTable")
            .withHeader("Authorization", containing("/us-east-1/dynamodb/aws4_request"))
            .withRequestBody(
                matchingJsonPath("$.ReplicaUpdates[0].Create.RegionName", equalTo("eu-west-1")))
            .withRequestBody(
                matchingJsonPath(
                    "$.ReplicaUpdates[0].Create.KMSMasterKeyId", equalTo(REPLICA_KEY))));
  }

  @Test
  void handleRequest_createWithoutReplicaKey_shouldLeaveTheKeyOutOfTheReplicaCreation()
      throws Exception {
    // GIVEN
    stubReplicaAddedActive("eu-west-1");
    stubPointInTimeRecovery("eu-west-1", "ENABLED");

    // WHEN
    JsonNode outcome = invoke(event("create"), Duration.ofMinutes(5));

    // THEN
    assertThat(outcome.get("outcome").asText()).isEqualTo("SUCCESS");
    List<LoggedRequest> updates = AWS.findAll(dynamoCalls("UpdateTable"));
    assertThat(updates)
        .extracting(LoggedRequest::getBodyAsString)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .doesNotContain("KMSMasterKeyId");
  }

  @Test
  void handleRequest_updateChangingTheKeyOfTheExistingReplica_shouldAnswerFailedWithoutUpdateTable()
      throws Exception {
    // GIVEN
    AWS.stubFor(describeTable().willReturn(ok(table("ACTIVE", replica("eu-west-1", "ACTIVE")))));
    ObjectNode update = event("update");
    ((ObjectNode) update.get("OldResourceProperties"))
        .set("ReplicaRegions", ResourceJson.mapper().createArrayNode().add("eu-west-1"));
    ((ObjectNode) update.get("OldResourceProperties")).put("ReplicaKMSMasterKeyId", REPLICA_KEY);
    ((ObjectNode) update.get("ResourceProperties"))
        .put(
            "ReplicaKMSMasterKeyId",
            "arn:aws:kms:eu-west-1:123456789012:alias/kms-trade-data-rotated");

    // WHEN
    JsonNode outcome = invoke(update, Duration.ofMinutes(5));

    // THEN
    assertThat(outcome.get("outcome").asText()).isEqualTo("FAILED");
    JsonNode response = cloudFormationResponse();
    assertThat(response.get("PhysicalResourceId").asText()).isEqualTo(PHYSICAL_ID);
    assertThat(reason(response))
        .startsWith(
            "Property ReplicaKMSMasterKeyId cannot change for the existing replica in eu-west-1 (from '"
                + REPLICA_KEY
                + "' to 'arn:aws:kms:eu-west-1:123456789012:alias/kms-trade-data-rotated')");
    AWS.verify(0, dynamoCalls("UpdateTable"));
  }

  @Test
  void handleRequest_deleteOfReplicaWithKey_shouldRemoveItWithoutNamingTheKey() throws Exception {
    // GIVEN
    stubTableThroughUpdate(table("ACTIVE", replica("eu-west-1", "ACTIVE")), table("ACTIVE"));
    ObjectNode delete = withReplicaKey(event("delete"), REPLICA_KEY);

    // WHEN
    JsonNode outcome = invoke(delete, Duration.ofMinutes(5));

    // THEN
    assertThat(outcome.get("outcome").asText()).isEqualTo("SUCCESS");
    List<LoggedRequest> updates = AWS.findAll(dynamoCalls("UpdateTable"));
    assertThat(updates)
        .extracting(LoggedRequest::getBodyAsString)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("\"Delete\":{\"RegionName\":\"eu-west-1\"}")
        .doesNotContain("KMSMasterKeyId");
  }

  @Test
  void handleRequest_updateRefusedByDynamoDb_shouldAnswerFailedKeepingPhysicalId()
      throws Exception {
    // GIVEN
    AWS.stubFor(describeTable().willReturn(ok(table("ACTIVE", replica("ap-south-1", "ACTIVE")))));
    AWS.stubFor(
        updateTable()
            .willReturn(
                dynamoError(
                    "ValidationException",
                    "Table write capacity should either be Pay-Per-Request or AutoScaled.")));
    ObjectNode update = event("update");
    update.put("PhysicalResourceId", "replicas-before-the-update");

    // WHEN
    JsonNode outcome = invoke(update, Duration.ofMinutes(5));

    // THEN
    JsonNode response = answeredAs(outcome, "FAILED");
    assertThat(response.get("PhysicalResourceId").asText()).isEqualTo("replicas-before-the-update");
    assertThat(reason(response))
        .isEqualTo(
            "DynamoDB UpdateTable in us-east-1 failed: ValidationException: Table write capacity should either be Pay-Per-Request or AutoScaled.");
  }

  @Test
  void handleRequest_replicaCreationFailed_shouldAnswerFailedWithDynamoDbDescription()
      throws Exception {
    // GIVEN
    AWS.stubFor(
        describeTable()
            .willReturn(
                ok(
                    table(
                        "ACTIVE",
                        replica(
                            "eu-west-1",
                            "CREATION_FAILED",
                            "The KMS key is not accessible in eu-west-1")))));

    // WHEN
    JsonNode outcome = invoke(event("create"), Duration.ofMinutes(5));

    // THEN
    assertThat(outcome.get("outcome").asText()).isEqualTo("FAILED");
    assertThat(reason(cloudFormationResponse()))
        .isEqualTo(
            "Replica of table dynamodb-trades-test cannot become ACTIVE: eu-west-1 CREATION_FAILED (The KMS key is not accessible in eu-west-1).");
  }

  @Test
  void handleRequest_reinvokeRefusedByLambda_shouldAnswerFailedInsteadOfHanging() throws Exception {
    // GIVEN
    AWS.stubFor(describeTable().willReturn(ok(table("ACTIVE", replica("eu-west-1", "CREATING")))));
    AWS.stubFor(
        post(urlEqualTo(INVOKE_PATH))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("x-amzn-ErrorType", "AccessDeniedException")
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"Message\": \"not authorized to perform: lambda:InvokeFunction\"}")));

    // WHEN
    JsonNode outcome = invoke(event("create"), Duration.ofSeconds(25));

    // THEN
    JsonNode response = answered(outcome, "FAILED");
    assertThat(reason(response))
        .startsWith(
            "Could not re-invoke the function to continue the wait: Lambda Invoke of "
                + FUNCTION_NAME
                + " failed:")
        .contains("lambda:InvokeFunction")
        .endsWith(
            "Last progress: Waiting for replicas of table dynamodb-trades-test: eu-west-1 CREATING.");
  }

  @Test
  void handleRequest_unknownRequestType_shouldAnswerFailed() throws Exception {
    // GIVEN
    ObjectNode event = event("update");
    event.put("RequestType", "Rollback");

    // WHEN
    JsonNode outcome = invoke(event, Duration.ofMinutes(5));

    // THEN
    JsonNode response = answered(outcome, "FAILED");
    assertThat(reason(response))
        .isEqualTo("Unsupported RequestType 'Rollback'; expected Create, Update or Delete.");
  }

  @Test
  void handleRequest_invalidPropertiesOnCreate_shouldAnswerFailedWithoutCallingDynamoDb()
      throws Exception {
    // GIVEN
    ObjectNode event = event("create");
    ((ObjectNode) event.get("ResourceProperties")).put("ReplicaRegions", "eu-west-1");

    // WHEN
    JsonNode outcome = invoke(event, Duration.ofMinutes(5));

    // THEN
    assertThat(outcome.get("outcome").asText()).isEqualTo("FAILED");
    JsonNode response = cloudFormationResponse();
    assertThat(reason(response))
        .isEqualTo("Property ReplicaRegions must be a list of region names, got STRING.");
    // Powertools falls back to the log stream name when a Create has no physical id to offer.
    assertThat(response.get("PhysicalResourceId").asText()).isEqualTo(TestLambdaContext.LOG_STREAM);
    AWS.verify(0, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void handleRequest_responseUrlRefusesTheAnswer_shouldReportUnanswered() throws Exception {
    // GIVEN
    AWS.stubFor(describeTable().willReturn(ok(table("ACTIVE", replica("eu-west-1", "ACTIVE")))));
    stubPointInTimeRecovery("eu-west-1", "ENABLED");
    AWS.stubFor(
        put(urlPathEqualTo(RESPONSE_PATH))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody(
                        "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>")));

    // WHEN
    JsonNode outcome = invoke(event("create"), Duration.ofMinutes(5));

    // THEN
    assertThat(outcome.get("outcome").asText()).isEqualTo("UNANSWERED");
    AWS.verify(1, putRequestedFor(urlPathEqualTo(RESPONSE_PATH)));
  }

  @Test
  void handleRequest_payloadWithoutResponseUrl_shouldCallNothing() throws Exception {
    // GIVEN
    ObjectNode event = event("create");
    event.remove("ResponseURL");

    // WHEN
    JsonNode outcome = invoke(event, Duration.ofMinutes(5));

    // THEN
    assertThat(outcome.get("outcome").asText()).isEqualTo("UNANSWERED");
    assertThat(AWS.getAllServeEvents()).isEmpty();
  }

  @Test
  void handleRequest_payloadNotJson_shouldCallNothing() throws Exception {
    // GIVEN
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    // WHEN
    handler.handleRequest(
        new ByteArrayInputStream("RequestType=Create".getBytes(StandardCharsets.UTF_8)),
        output,
        new TestLambdaContext(FUNCTION_NAME, clock, Duration.ofMinutes(5)));

    // THEN
    assertThat(ResourceJson.mapper().readTree(output.toByteArray()).get("outcome").asText())
        .isEqualTo("UNANSWERED");
    assertThat(AWS.getAllServeEvents()).isEmpty();
  }

  @Test
  void handleRequest_longDynamoDbMessage_shouldCutTheReasonToFitCloudFormationsLimit()
      throws Exception {
    // GIVEN
    AWS.stubFor(describeTable().willReturn(dynamoError("AccessDeniedException", "x".repeat(5000))));

    // WHEN
    JsonNode outcome = invoke(event("create"), Duration.ofMinutes(5));

    // THEN
    assertThat(outcome.get("outcome").asText()).isEqualTo("FAILED");
    String reason = reason(cloudFormationResponse());
    assertThat(reason)
        .hasSize(1000)
        .startsWith("DynamoDB DescribeTable in us-east-1 failed: AccessDeniedException: xxx")
        .endsWith("x...");
  }

  @Test
  void handleRequest_malformedWaitState_shouldAnswerFailed() throws Exception {
    // GIVEN
    ObjectNode event = event("create");
    event.putObject("GlobalTableReplicaWait").put("Attempt", "two");

    // WHEN
    JsonNode outcome = invoke(event, Duration.ofMinutes(5));

    // THEN
    assertThat(outcome.get("outcome").asText()).isEqualTo("FAILED");
    assertThat(reason(cloudFormationResponse()))
        .startsWith("The payload's GlobalTableReplicaWait is not");
  }

  // ---- invocation and CloudFormation side

  private JsonNode invoke(JsonNode event, Duration timeout) throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (InputStream input =
        new ByteArrayInputStream(ResourceJson.mapper().writeValueAsBytes(event))) {
      handler.handleRequest(input, output, new TestLambdaContext(FUNCTION_NAME, clock, timeout));
    }
    return ResourceJson.mapper().readTree(output.toByteArray());
  }

  private static ObjectNode event(String requestType) throws IOException {
    try (InputStream in =
        GlobalTableReplicaHandlerTest.class.getResourceAsStream(
            "/events/cloudformation_" + requestType + ".json")) {
      ObjectNode event = (ObjectNode) ResourceJson.mapper().readTree(in);
      event.put(
          "ResponseURL",
          AWS.baseUrl()
              + RESPONSE_PATH
              + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=0f1e2d");
      return event;
    }
  }

  private static ObjectNode withReplicaKey(ObjectNode event, String keyId) {
    ((ObjectNode) event.get("ResourceProperties")).put("ReplicaKMSMasterKeyId", keyId);
    return event;
  }

  private static ObjectNode withWaitState(ObjectNode event, int attempt, Instant deadline) {
    event
        .putObject("GlobalTableReplicaWait")
        .put("Attempt", attempt)
        .put("Deadline", deadline.toString());
    return event;
  }

  /** The one body PUT to the ResponseURL. */
  private static JsonNode cloudFormationResponse() throws IOException {
    RequestPatternBuilder responses = putRequestedFor(urlPathEqualTo(RESPONSE_PATH));
    List<LoggedRequest> requests = AWS.findAll(responses);
    assertThat(requests).hasSize(1);
    return ResourceJson.mapper().readTree(requests.get(0).getBodyAsString());
  }

  /** Every DynamoDB call of the operation, in any region. */
  private static RequestPatternBuilder dynamoCalls(String operation) {
    return postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810." + operation));
  }

  /** The outcome and the one answer to CloudFormation have the status, for the resource's id. */
  private static JsonNode answered(JsonNode outcome, String status) throws IOException {
    JsonNode response = answeredAs(outcome, status);
    assertThat(response.get("PhysicalResourceId").asText()).isEqualTo(PHYSICAL_ID);
    return response;
  }

  /** The reason CloudFormation is given in {@code response}. */
  private static String reason(JsonNode response) {
    return response.get("Reason").asText();
  }

  /** The outcome and the one answer to CloudFormation have the status; returns that answer. */
  private static JsonNode answeredAs(JsonNode outcome, String status) throws IOException {
    assertThat(outcome.get("outcome").asText()).isEqualTo(status);
    JsonNode response = cloudFormationResponse();
    assertThat(response.get("Status").asText()).isEqualTo(status);
    return response;
  }

  private static ResponseDefinitionBuilder throttled() {
    return dynamoError("ThrottlingException", "Rate of requests exceeds the allowed throughput.");
  }

  /** The region's replica reports the recovery status; a DISABLED one accepts enabling it. */
  private static void stubPointInTimeRecovery(String region, String status) {
    AWS.stubFor(
        inRegion(dynamo("DescribeContinuousBackups"), region).willReturn(ok(backups(status))));
    if (status.equals("DISABLED")) {
      AWS.stubFor(
          inRegion(dynamo("UpdateContinuousBackups"), region).willReturn(ok(backups("ENABLED"))));
    }
  }

  /** A table without replicas that, once UpdateTable adds one in the region, has it ACTIVE. */
  private static void stubReplicaAddedActive(String region) {
    stubTableThroughUpdate(table("ACTIVE"), table("ACTIVE", replica(region, "ACTIVE")));
  }

  /**
   * DescribeTable answers {@code before} until an UpdateTable, then each of {@code afterUpdate} in
   * turn, the last one from then on.
   */
  private static void stubTableThroughUpdate(String before, String... afterUpdate) {
    AWS.stubFor(inScenario(describeTable(), STARTED).willReturn(ok(before)));
    AWS.stubFor(
        inScenario(updateTable(), STARTED)
            .willSetStateTo("updated-1")
            .willReturn(ok(tableDescription())));
    for (int step = 1; step <= afterUpdate.length; step++) {
      ScenarioMappingBuilder describe = inScenario(describeTable(), "updated-" + step);
      if (step < afterUpdate.length) {
        describe.willSetStateTo("updated-" + (step + 1));
      }
      AWS.stubFor(describe.willReturn(ok(afterUpdate[step - 1])));
    }
  }

  // ---- SDK clients pointed at the stubs

  private DynamoDbClient dynamoDb(Region region) {
    return DynamoDbClient.builder()
        .region(region)
        .endpointOverride(URI.create(AWS.baseUrl()))
        .httpClient(http)
        .credentialsProvider(credentials())
        .overrideConfiguration(o -> o.retryStrategy(fastRetries()))
        .build();
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(
            "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
  }

  /** The SDK's standard retries, without the back-off pauses. */
  private static RetryStrategy fastRetries() {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(SDK_MAX_ATTEMPTS)
        .backoffStrategy(BackoffStrategy.retryImmediately())
        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
        .build();
  }

  // ---- DynamoDB JSON API stubs

  private static MappingBuilder dynamo(String operation) {
    return post(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810." + operation));
  }

  private static MappingBuilder inRegion(MappingBuilder request, String region) {
    return request.withHeader("Authorization", containing("/" + region + "/dynamodb/aws4_request"));
  }

  private static MappingBuilder describeTable() {
    return inRegion(dynamo("DescribeTable"), PRIMARY)
        .withRequestBody(matchingJsonPath("$.TableName", equalTo(TABLE)));
  }

  private static MappingBuilder updateTable() {
    return inRegion(dynamo("UpdateTable"), PRIMARY)
        .withRequestBody(matchingJsonPath("$.TableName", equalTo(TABLE)));
  }

  private static ScenarioMappingBuilder inScenario(MappingBuilder request, String state) {
    return request.inScenario(SCENARIO).whenScenarioStateIs(state);
  }

  private static ResponseDefinitionBuilder ok(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.0")
        .withBody(body);
  }

  private static ResponseDefinitionBuilder dynamoError(String type, String message) {
    return aResponse()
        .withStatus(400)
        .withHeader("Content-Type", "application/x-amz-json-1.0")
        .withBody(
            "{\"__type\": \"com.amazonaws.dynamodb.v20120810#"
                + type
                + "\", \"message\": \""
                + message
                + "\"}");
  }

  private static String table(String status, String... replicas) {
    return "{\"Table\": " + tableBody(status, replicas) + "}";
  }

  private static String tableDescription() {
    return "{\"TableDescription\": " + tableBody("UPDATING") + "}";
  }

  private static String tableBody(String status, String... replicas) {
    return "{\"TableName\": \""
        + TABLE
        + "\", \"TableStatus\": \""
        + status
        + "\", \"BillingModeSummary\": {\"BillingMode\": \"PAY_PER_REQUEST\"}"
        + (replicas.length == 0 ? "" : ", \"Replicas\": [" + String.join(", ", replicas) + "]")
        + "}";
  }

  private static String replica(String region, String status) {
    return "{\"RegionName\": \"" + region + "\", \"ReplicaStatus\": \"" + status + "\"}";
  }

  private static String replica(String region, String status, String description) {
    return "{\"RegionName\": \""
        + region
        + "\", \"ReplicaStatus\": \""
        + status
        + "\", \"ReplicaStatusDescription\": \""
        + description
        + "\"}";
  }

  private static String backups(String pointInTimeRecoveryStatus) {
    return "{\"ContinuousBackupsDescription\": {\"ContinuousBackupsStatus\": \"ENABLED\","
        + " \"PointInTimeRecoveryDescription\": {\"PointInTimeRecoveryStatus\": \""
        + pointInTimeRecoveryStatus
        + "\"}}}";
  }
}

package com.tradeprocessing.globaltable.replica;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.globaltable.cloudformation.RequestType;
import com.tradeprocessing.globaltable.cloudformation.ResourceJson;
import com.tradeprocessing.globaltable.cloudformation.ResponseStatus;
import com.tradeprocessing.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GlobalTableReplicaServiceTest {

  private static final String TABLE = "dynamodb-trades-dev";
  private static final String PHYSICAL_ID = TABLE + "-replicas";
  private static final String REPLICA_KEY =
      "arn:aws:kms:eu-west-1:123456789012:alias/kms-trade-data-dev";
  private static final WaitPolicy POLICY =
      new WaitPolicy(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofMinutes(50), 5);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
  private final Instant invocationEnd = clock.instant().plus(Duration.ofMinutes(5));
  private final RemainingTime remaining = () -> Duration.between(clock.instant(), invocationEnd);

  /**
   * A sleeper that moves the clock, and lets DynamoDB finish its transitions after {@code
   * settleAfter} pauses.
   */
  private Sleeper sleeper(InMemoryGlobalTableGateway gateway, int settleAfter) {
    int[] pauses = {0};
    return duration -> {
      clock.advance(duration);
      if (++pauses[0] == settleAfter) {
        gateway.settle();
      }
    };
  }

  private GlobalTableReplicaService service(InMemoryGlobalTableGateway gateway, Sleeper sleeper) {
    return new GlobalTableReplicaService(gateway, "us-east-1", clock, sleeper, POLICY);
  }

  @Test
  void handle_replicaBecomesActiveWithinInvocation_shouldSucceedWithTablePhysicalId() {
    // GIVEN
    InMemoryGlobalTableGateway gateway = new InMemoryGlobalTableGateway(TABLE);
    ReplicaRequest request = create(properties(TABLE, "eu-west-1"));

    // WHEN
    ReplicaOutcome outcome = handle(gateway, 3, request);

    // THEN
    assertFinished(
        outcome,
        ResponseStatus.SUCCESS,
        "Table dynamodb-trades-dev has ACTIVE replicas in eu-west-1 with point-in-time recovery enabled.");
    assertThat(gateway.changes()).containsExactly("add eu-west-1", "enable pitr eu-west-1");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-05T10:00:30Z"));
  }

  @Test
  void handle_invocationTimeRunsLow_shouldReinvokeWithNextAttemptAndSameDeadline() {
    // GIVEN
    InMemoryGlobalTableGateway gateway = new InMemoryGlobalTableGateway(TABLE);
    ReplicaRequest request = create(properties(TABLE, "eu-west-1"));
    RemainingTime shortInvocation =
        () -> Duration.between(clock.instant(), Instant.parse("2026-01-05T10:01:00Z"));

    // WHEN
    ReplicaOutcome outcome =
        service(gateway, sleeper(gateway, Integer.MAX_VALUE))
            .handle(request, null, shortInvocation);

    // THEN
    assertThat(outcome).isInstanceOf(ReplicaOutcome.Reinvoke.class);
    ReplicaOutcome.Reinvoke reinvoke = (ReplicaOutcome.Reinvoke) outcome;
    assertThat(reinvoke.next()).isEqualTo(new WaitState(2, Instant.parse("2026-01-05T10:50:00Z")));
    assertThat(reinvoke.physicalResourceIdOnFailure()).isEqualTo(PHYSICAL_ID);
    assertThat(reinvoke.progress()).contains("eu-west-1 CREATING");
    // Passes at 0, 10, 20, 30 and 40 s; at 40 s the 20 s left are less than a 10 s poll plus the 20
    // s margin.
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-05T10:00:40Z"));
  }

  @Test
  void handle_deadlinePassed_shouldFailWithLastProgress() {
    // GIVEN
    InMemoryGlobalTableGateway gateway =
        new InMemoryGlobalTableGateway(TABLE).withReplica("eu-west-1", ReplicaStatus.CREATING);
    ReplicaRequest request = create(properties(TABLE, "eu-west-1"));
    WaitState wait = new WaitState(4, clock.instant().plusSeconds(15));

    // WHEN
    ReplicaOutcome outcome =
        service(gateway, sleeper(gateway, Integer.MAX_VALUE)).handle(request, wait, remaining);

    // THEN
    ReplicaOutcome.Finished finished = finished(outcome);
    assertThat(finished.status()).isEqualTo(ResponseStatus.FAILED);
    assertThat(finished.physicalResourceId()).isEqualTo(PHYSICAL_ID);
    assertThat(finished.reason())
        .startsWith("Gave up after waiting 50 minutes for the replicas.")
        .contains("eu-west-1 CREATING");
  }

  @Test
  void handle_lastAllowedInvocationRunsLow_shouldFailInsteadOfReinvoking() {
    // GIVEN
    InMemoryGlobalTableGateway gateway =
        new InMemoryGlobalTableGateway(TABLE).withReplica("eu-west-1", ReplicaStatus.CREATING);
    ReplicaRequest request = create(properties(TABLE, "eu-west-1"));
    WaitState wait =
        new WaitState(POLICY.maxInvocations(), clock.instant().plus(Duration.ofMinutes(30)));

    // WHEN
    ReplicaOutcome outcome =
        service(gateway, sleeper(gateway, Integer.MAX_VALUE))
            .handle(request, wait, () -> Duration.ofSeconds(5));

    // THEN
    assertThat(finished(outcome).reason()).startsWith("Gave up after 5 invocations");
  }

  @Test
  void handle_invalidPropertiesOnCreate_shouldFailWithTheProblem() {
    // GIVEN
    InMemoryGlobalTableGateway gateway = new InMemoryGlobalTableGateway(TABLE);
    ReplicaRequest request = create(json("{\"TableName\": \"" + TABLE + "\"}"));

    // WHEN
    ReplicaOutcome outcome = handle(gateway, 1, request);

    // THEN
    ReplicaOutcome.Finished finished = finished(outcome);
    assertThat(finished.status()).isEqualTo(ResponseStatus.FAILED);
    assertThat(finished.reason()).startsWith("Property ReplicaRegions is required");
    assertThat(gateway.changes()).isEmpty();
  }

  @Test
  void handle_invalidPropertiesOnDelete_shouldSucceedWithoutCalls() {
    // GIVEN
    InMemoryGlobalTableGateway gateway =
        new InMemoryGlobalTableGateway(TABLE)
            .failingWith(new IllegalStateException("no call expected"));
    ReplicaRequest request =
        new ReplicaRequest(RequestType.DELETE, json("{}"), null, "2026/01/05/[$LATEST]abc");

    // WHEN
    ReplicaOutcome outcome = handle(gateway, 1, request);

    // THEN
    ReplicaOutcome.Finished finished = finished(outcome);
    assertThat(finished.status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(finished.physicalResourceId()).isEqualTo("2026/01/05/[$LATEST]abc");
  }

  @Test
  void handle_updateOnSameTable_shouldKeepCurrentPhysicalId() {
    // GIVEN
    InMemoryGlobalTableGateway gateway = tableWithActiveReplica("eu-west-1");
    ReplicaRequest request =
        new ReplicaRequest(
            RequestType.UPDATE,
            properties(TABLE, "eu-west-1"),
            properties(TABLE, "eu-west-1"),
            "replicas-made-by-an-older-version");

    // WHEN
    ReplicaOutcome outcome = handle(gateway, 1, request);

    // THEN
    assertThat(outcome)
        .isEqualTo(
            new ReplicaOutcome.Finished(
                ResponseStatus.SUCCESS,
                "replicas-made-by-an-older-version",
                "Table dynamodb-trades-dev has ACTIVE replicas in eu-west-1 with point-in-time recovery enabled."));
  }

  @Test
  void handle_updateToAnotherTable_shouldAnswerNewPhysicalIdAndLeaveOldTableToDelete() {
    // GIVEN
    InMemoryGlobalTableGateway gateway = new InMemoryGlobalTableGateway("dynamodb-trades-v2");
    ReplicaRequest request =
        update(
            properties("dynamodb-trades-v2", "eu-west-1"),
            properties(TABLE, "eu-west-1", "ap-south-1"));

    // WHEN
    ReplicaOutcome outcome = handle(gateway, 1, request);

    // THEN
    ReplicaOutcome.Finished finished = finished(outcome);
    assertThat(finished.status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(finished.physicalResourceId()).isEqualTo("dynamodb-trades-v2-replicas");
    assertThat(gateway.changes()).containsExactly("add eu-west-1", "enable pitr eu-west-1");
  }

  @Test
  void handle_failedUpdate_shouldKeepCurrentPhysicalId() {
    // GIVEN
    InMemoryGlobalTableGateway gateway =
        new InMemoryGlobalTableGateway("dynamodb-trades-v2").withoutTable();
    ReplicaRequest request =
        update(properties("dynamodb-trades-v2", "eu-west-1"), properties(TABLE, "eu-west-1"));

    // WHEN
    ReplicaOutcome outcome = handle(gateway, 1, request);

    // THEN
    assertFinished(
        outcome,
        ResponseStatus.FAILED,
        "Table dynamodb-trades-v2 does not exist in us-east-1; create it before its replicas.");
  }

  @Test
  void handle_dynamoDbRefusesCall_shouldFailWithItsMessageAndCurrentPhysicalId() {
    // GIVEN
    InMemoryGlobalTableGateway gateway =
        new InMemoryGlobalTableGateway(TABLE)
            .failingWith(
                new GlobalTableAccessException(
                    "DynamoDB DescribeTable in us-east-1 failed: AccessDeniedException: no", null));
    ReplicaRequest request = delete(properties(TABLE, "eu-west-1"));

    // WHEN
    ReplicaOutcome outcome = handle(gateway, 1, request);

    // THEN
    assertFinished(
        outcome,
        ResponseStatus.FAILED,
        "DynamoDB DescribeTable in us-east-1 failed: AccessDeniedException: no");
  }

  @Test
  void handle_deleteWithReplicaPresent_shouldRemoveAndSucceedOnceGone() {
    // GIVEN
    InMemoryGlobalTableGateway gateway = tableWithActiveReplica("eu-west-1");
    ReplicaRequest request = delete(properties(TABLE, "eu-west-1"));

    // WHEN
    ReplicaOutcome outcome = handle(gateway, 2, request);

    // THEN
    assertFinished(
        outcome, ResponseStatus.SUCCESS, "Table dynamodb-trades-dev has no replica in eu-west-1.");
    assertThat(gateway.replicas()).isEmpty();
  }

  @Test
  void handle_createWithReplicaKey_shouldCreateTheReplicaUnderThatKey() {
    // GIVEN
    InMemoryGlobalTableGateway gateway = new InMemoryGlobalTableGateway(TABLE);
    ReplicaRequest request = create(withKey(properties(TABLE, "eu-west-1"), REPLICA_KEY));

    // WHEN
    ReplicaOutcome outcome = handle(gateway, 3, request);

    // THEN
    assertThat(finished(outcome).status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(gateway.changes())
        .containsExactly("add eu-west-1 with " + REPLICA_KEY, "enable pitr eu-west-1");
  }

  @Test
  void handle_updateAddingRegionWithKey_shouldCreateOnlyTheNewReplicaUnderTheKey() {
    // GIVEN
    InMemoryGlobalTableGateway gateway = tableWithActiveReplica("eu-west-1");
    String frankfurtKey = "alias/kms-trade-data-dev";
    ReplicaRequest request =
        update(
            withKey(properties(TABLE, "eu-west-1", "eu-central-1"), frankfurtKey),
            withKey(properties(TABLE, "eu-west-1"), frankfurtKey));

    // WHEN
    ReplicaOutcome outcome = handle(gateway, 3, request);

    // THEN
    assertThat(finished(outcome).status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(gateway.changes())
        .containsExactly("add eu-central-1 with " + frankfurtKey, "enable pitr eu-central-1");
  }

  @Test
  void handle_updateChangingKeyOfExistingReplica_shouldFailWithoutChangesAndKeepPhysicalId() {
    // GIVEN
    InMemoryGlobalTableGateway gateway = tableWithActiveReplica("eu-west-1");
    ReplicaRequest request =
        update(
            withKey(properties(TABLE, "eu-west-1"), REPLICA_KEY), properties(TABLE, "eu-west-1"));

    // WHEN
    ReplicaOutcome outcome = handle(gateway, 1, request);

    // THEN
    assertFinished(
        outcome,
        ResponseStatus.FAILED,
        "Property ReplicaKMSMasterKeyId cannot change for the existing replica in eu-west-1 (from the key DynamoDB"
            + " chooses to '"
            + REPLICA_KEY
            + "'); it applies to replicas this resource creates. Switch the"
            + " replica's key with UpdateTable ReplicaUpdates Update, then update the stack.");
    assertThat(gateway.changes()).isEmpty();
  }

  @Test
  void handle_deleteOfReplicaWithKey_shouldRemoveItLikeAnyReplica() {
    // GIVEN
    InMemoryGlobalTableGateway gateway = tableWithActiveReplica("eu-west-1");
    ReplicaRequest request = delete(withKey(properties(TABLE, "eu-west-1"), REPLICA_KEY));

    // WHEN
    ReplicaOutcome outcome = handle(gateway, 1, request);

    // THEN
    assertFinished(
        outcome, ResponseStatus.SUCCESS, "Table dynamodb-trades-dev has no replica in eu-west-1.");
    assertThat(gateway.changes()).containsExactly("remove eu-west-1");
  }

  /** Handles the request within the default invocation, DynamoDB settling after the pauses. */
  private ReplicaOutcome handle(
      InMemoryGlobalTableGateway gateway, int settleAfter, ReplicaRequest request) {
    return service(gateway, sleeper(gateway, settleAfter)).handle(request, null, remaining);
  }

  private static InMemoryGlobalTableGateway tableWithActiveReplica(String region) {
    return new InMemoryGlobalTableGateway(TABLE)
        .withReplica(region, ReplicaStatus.ACTIVE, PointInTimeRecoveryStatus.ENABLED);
  }

  private static ReplicaRequest create(JsonNode properties) {
    return new ReplicaRequest(RequestType.CREATE, properties, null, null);
  }

  private static ReplicaRequest delete(JsonNode properties) {
    return new ReplicaRequest(RequestType.DELETE, properties, null, PHYSICAL_ID);
  }

  /** A request to move the replicas from {@code old} to {@code properties}. */
  private static ReplicaRequest update(JsonNode properties, JsonNode old) {
    return new ReplicaRequest(RequestType.UPDATE, properties, old, PHYSICAL_ID);
  }

  /** The request finished with the status and reason, answering the resource's physical id. */
  private static void assertFinished(ReplicaOutcome outcome, ResponseStatus status, String reason) {
    assertThat(outcome).isEqualTo(new ReplicaOutcome.Finished(status, PHYSICAL_ID, reason));
  }

  private static ReplicaOutcome.Finished finished(ReplicaOutcome outcome) {
    assertThat(outcome).isInstanceOf(ReplicaOutcome.Finished.class);
    return (ReplicaOutcome.Finished) outcome;
  }

  private static JsonNode withKey(JsonNode properties, String keyId) {
    return ((com.fasterxml.jackson.databind.node.ObjectNode) properties)
        .put("ReplicaKMSMasterKeyId", keyId);
  }

  private static JsonNode properties(String table, String... regions) {
    return ResourceJson.mapper()
        .createObjectNode()
        .put("ServiceToken", "arn:aws:lambda:us-east-1:123456789012:function:f")
        .put("TableName", table)
        .set("ReplicaRegions", ResourceJson.mapper().valueToTree(regions));
  }

  private static JsonNode json(String text) {
    try {
      return ResourceJson.mapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}

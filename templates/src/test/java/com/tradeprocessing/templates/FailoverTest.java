package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The global endpoint of failover.json (ADR 0030, ADR 0031), evaluated as the two deployments make
 * deploy creates: one in the replica region, then one in the primary region. AWS facts the checks
 * stand on: an endpoint takes exactly two buses of the same name in different regions and a Route
 * 53 health check ARN
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEndpoint.html); a
 * CLOUDWATCH_METRIC health check names its alarm by name and by the region the alarm was created in
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-route53-healthcheck-alarmidentifier.html);
 * a CALCULATED health check is healthy while at least HealthThreshold children are
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-route53-healthcheck-healthcheckconfig.html).
 */
class FailoverTest {

  private static final TemplateSet TEMPLATES = ProjectTemplates.all();
  private static final Template FAILOVER = TEMPLATES.require("failover.json");
  private static final SampleDeployment PRIMARY = SampleDeployment.inPrimaryRegion(TEMPLATES);
  private static final SampleDeployment REPLICA = SampleDeployment.inReplicaRegion(TEMPLATES);

  private static Resource resource(String logicalId) {
    return FAILOVER.resource(logicalId).orElseThrow();
  }

  private static Resource endpoint() {
    return FAILOVER.resourcesOfType("AWS::Events::Endpoint").getFirst();
  }

  private static Resource alarmNamed(String name) {
    return TEMPLATES.resourcesOfType("AWS::CloudWatch::Alarm").stream()
        .filter(alarm -> alarm.template() == FAILOVER)
        .filter(
            alarm ->
                name.equals(PRIMARY.physicalName(alarm).orElseThrow())
                    || name.equals(REPLICA.physicalName(alarm).orElseThrow()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no alarm named " + name + " in failover.json"));
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  @Test
  void endpoint_eventBuses_shouldBeTheTradeBusOfEachRegionUnderOneName() {
    // GIVEN
    Resource bus = TEMPLATES.require("orchestration.json").resource("TradeEventBus").orElseThrow();
    String primaryBusArn = PRIMARY.attribute(bus, "Arn");
    String replicaBusArn = REPLICA.attribute(bus, "Arn");

    // WHEN
    JsonNode buses = PRIMARY.evaluate(FAILOVER, endpoint().property("EventBuses"));

    // THEN
    assertThat(buses).hasSize(2);
    assertThat(List.of(buses.get(0).path("EventBusArn").asText())).containsExactly(primaryBusArn);
    assertThat(List.of(buses.get(1).path("EventBusArn").asText())).containsExactly(replicaBusArn);
    assertThat(primaryBusArn).isNotEqualTo(replicaBusArn);
    assertThat(PRIMARY.physicalName(bus)).isEqualTo(REPLICA.physicalName(bus));
  }

  @Test
  void endpoint_routing_shouldFailOverToTheReplicaRegionOnThePrimaryTradePathHealthCheck() {
    // GIVEN
    JsonNode failover = endpoint().property("RoutingConfig").path("FailoverConfig");
    Resource calculated = resource("PrimaryTradePathHealthCheck");

    // WHEN
    String healthCheckArn = PRIMARY.text(FAILOVER, failover.path("Primary").path("HealthCheck"));
    String secondary = PRIMARY.text(FAILOVER, failover.path("Secondary").path("Route"));

    // THEN
    assertThat(healthCheckArn)
        .isEqualTo("arn:aws:route53:::healthcheck/" + PRIMARY.refValue(calculated));
    assertThat(secondary).isEqualTo(SampleDeployment.REPLICA_REGION);
  }

  @Test
  void endpoint_replication_shouldBeOffSoThatEachEventIsProcessedInOneRegion() {
    // GIVEN
    Resource endpoint = endpoint();

    // WHEN
    String state = endpoint.property("ReplicationConfig").path("State").asText();

    // THEN
    assertThat(state).isEqualTo("DISABLED");
    assertThat(endpoint.property("RoleArn").isMissingNode())
        .as("a replication role is only needed with replication on")
        .isTrue();
  }

  @Test
  void primaryTradePathHealthCheck_children_shouldAllHaveToBeHealthy() {
    // GIVEN
    JsonNode config = resource("PrimaryTradePathHealthCheck").property("HealthCheckConfig");
    List<String> alarmChecks =
        FAILOVER.resourcesOfType("AWS::Route53::HealthCheck").stream()
            .filter(check -> check.property("HealthCheckConfig").has("AlarmIdentifier"))
            .map(PRIMARY::refValue)
            .toList();

    // WHEN
    List<String> children = texts(PRIMARY.evaluate(FAILOVER, config.path("ChildHealthChecks")));

    // THEN
    assertThat(config.path("Type").asText()).isEqualTo("CALCULATED");
    assertThat(children).containsExactlyInAnyOrderElementsOf(alarmChecks).hasSize(5);
    assertThat(config.path("HealthThreshold").asInt())
        .as("one unhealthy child makes the primary unhealthy")
        .isEqualTo(children.size());
  }

  @Test
  void alarmHealthChecks_alarmIdentifier_shouldNameAnAlarmOfThisTemplateInTheRegionThatCreatesIt() {
    // GIVEN
    List<Resource> checks =
        FAILOVER.resourcesOfType("AWS::Route53::HealthCheck").stream()
            .filter(check -> check.property("HealthCheckConfig").has("AlarmIdentifier"))
            .toList();

    // WHEN
    List<String> violations = new ArrayList<>();
    for (Resource check : checks) {
      JsonNode identifier = check.property("HealthCheckConfig").path("AlarmIdentifier");
      String name = PRIMARY.text(FAILOVER, identifier.path("Name"));
      String region = PRIMARY.text(FAILOVER, identifier.path("Region"));
      Resource alarm = alarmNamed(name);
      SampleDeployment inThatRegion = new SampleDeployment(TEMPLATES, region);
      if (!inThatRegion.deployed(alarm)) {
        violations.add(
            check.logicalId() + " names " + name + " in " + region + ", not created there");
      }
      if (!"CLOUDWATCH_METRIC".equals(check.property("HealthCheckConfig").path("Type").asText())) {
        violations.add(check.logicalId() + " is not a CLOUDWATCH_METRIC health check");
      }
    }

    // THEN
    assertThat(checks).hasSize(5);
    assertThat(violations).isEmpty();
  }

  @Test
  void alarmHealthChecks_insufficientData_shouldKeepTheLastKnownStatus() {
    // GIVEN
    List<Resource> checks =
        FAILOVER.resourcesOfType("AWS::Route53::HealthCheck").stream()
            .filter(check -> check.property("HealthCheckConfig").has("AlarmIdentifier"))
            .toList();

    // WHEN
    List<String> statuses =
        checks.stream()
            .map(
                check ->
                    check
                        .property("HealthCheckConfig")
                        .path("InsufficientDataHealthStatus")
                        .asText())
            .distinct()
            .toList();

    // THEN
    assertThat(statuses).containsExactly("LastKnownStatus");
  }

  @Test
  void signalAlarms_metrics_shouldWatchThePrimaryRegionsStateMachineAndExecutionsQueue() {
    // GIVEN
    Template orchestration = TEMPLATES.require("orchestration.json");
    String stateMachineArn =
        PRIMARY.refValue(orchestration.resource("TradeStateMachine").orElseThrow());
    String executionsQueue =
        PRIMARY
            .physicalName(orchestration.resource("ExecutionDeadLetterQueue").orElseThrow())
            .orElseThrow();
    Map<String, String> expected =
        Map.of(
            "FailedExecutionsFailoverAlarm", "ExecutionsFailed " + stateMachineArn,
            "TimedOutExecutionsFailoverAlarm", "ExecutionsTimedOut " + stateMachineArn,
            "ThrottledExecutionsFailoverAlarm", "ExecutionThrottled " + stateMachineArn,
            "DeadLetterInflowFailoverAlarm", "NumberOfMessagesSent " + executionsQueue);

    // WHEN
    Map<String, String> watched =
        expected.keySet().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    id -> id,
                    id ->
                        resource(id).property("MetricName").asText()
                            + " "
                            + PRIMARY.text(
                                FAILOVER,
                                resource(id).property("Dimensions").get(0).path("Value"))));

    // THEN
    assertThat(watched).isEqualTo(expected);
    assertThat(expected.keySet())
        .allSatisfy(
            id -> {
              assertThat(PRIMARY.deployed(resource(id))).as(id + " in the primary").isTrue();
              assertThat(REPLICA.deployed(resource(id))).as(id + " in the replica").isFalse();
              // Route 53 reads standard-resolution alarms on Average, Minimum, Maximum, Sum or
              // SampleCount only (the AlarmIdentifier page above).
              assertThat(resource(id).property("Period").asInt()).isGreaterThanOrEqualTo(60);
              assertThat(resource(id).property("Statistic").asText()).isEqualTo("Sum");
              assertThat(resource(id).property("TreatMissingData").asText())
                  .isEqualTo("notBreaching");
            });
  }

  @Test
  void operatorSwitchAlarm_placement_shouldBeInTheReplicaRegionAndLatchThroughMissingData() {
    // GIVEN
    Resource alarm = resource("OperatorSwitchAlarm");

    // WHEN
    boolean inReplica = REPLICA.deployed(alarm);
    boolean inPrimary = PRIMARY.deployed(alarm);

    // THEN
    assertThat(inReplica).isTrue();
    assertThat(inPrimary).as("settable while the primary region is impaired").isFalse();
    assertThat(alarm.property("TreatMissingData").asText())
        .as("no data leaves the alarm INSUFFICIENT_DATA, read as the last known status")
        .isEqualTo("missing");
    assertThat(alarm.property("Namespace").asText()).isEqualTo("TradeProcessing/Failover");
    assertThat(alarm.property("MetricName").asText()).isEqualTo("PrimaryOutOfService");
  }

  @Test
  void failoverTemplate_replicaRegion_shouldCreateOnlyTheOperatorSwitch() {
    // GIVEN
    List<Resource> resources = FAILOVER.resources();

    // WHEN
    List<String> inReplica =
        resources.stream().filter(REPLICA::deployed).map(Resource::logicalId).toList();
    List<String> inPrimary =
        resources.stream().filter(PRIMARY::deployed).map(Resource::logicalId).toList();

    // THEN
    assertThat(inReplica).containsExactly("OperatorSwitchAlarm");
    assertThat(inPrimary)
        .contains("TradeEventEndpoint", "PrimaryTradePathHealthCheck")
        .doesNotContain("OperatorSwitchAlarm")
        .hasSize(resources.size() - 1);
  }

  @Test
  void failoverAlarms_actions_shouldNotifyTheAlarmTopicOfTheirRegion() {
    // GIVEN
    Resource topic = TEMPLATES.require("monitoring.json").resource("AlarmTopic").orElseThrow();
    List<Resource> alarms = FAILOVER.resourcesOfType("AWS::CloudWatch::Alarm");

    // WHEN
    List<String> violations = new ArrayList<>();
    for (Resource alarm : alarms) {
      SampleDeployment where = PRIMARY.deployed(alarm) ? PRIMARY : REPLICA;
      for (String actions : List.of("AlarmActions", "OKActions")) {
        List<String> targets = texts(where.evaluate(FAILOVER, alarm.property(actions)));
        if (!targets.equals(List.of(where.refValue(topic)))) {
          violations.add(alarm.logicalId() + " " + actions + " " + targets);
        }
      }
      // The topic policy lets alarms named alarm-*-<env> of its region publish.
      if (!where.physicalName(alarm).orElseThrow().matches("alarm-[a-z-]+-dev")) {
        violations.add(alarm.logicalId() + " is not named alarm-<purpose>-<env>");
      }
    }

    // THEN
    assertThat(alarms).hasSize(5);
    assertThat(violations).isEmpty();
  }
}

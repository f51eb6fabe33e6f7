package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule passes a good fixture and reports its bad fixture, for the reason the bad fixture was
 * written: the checks run on the real templates can fail.
 */
class TemplateRuleFixturesTest {

  /** A rule, the fixture it accepts, the fixture it rejects and a phrase of the rejection. */
  record Case(TemplateRule rule, String good, String bad, String expected) {

    @Override
    public String toString() {
      return rule.id() + " rejects " + bad;
    }
  }

  static final List<Case> CASES =
      List.of(
          new Case(
              ConventionRules.TWO_SPACE_JSON,
              "conventions",
              "four-space-indent",
              "differs from the two-space layout at line 2"),
          new Case(
              ConventionRules.SECTION_ORDER_RULE,
              "conventions",
              "section-out-of-order",
              "has Parameters after Outputs"),
          new Case(
              ConventionRules.LOGICAL_IDS,
              "conventions",
              "logical-id-without-type",
              "AlarmNotifications should be <Purpose>Topic"),
          new Case(
              ConventionRules.CONDITION_NAMES,
              "conventions",
              "condition-name-without-suffix",
              "HasEmail does not end in Condition"),
          new Case(
              ConventionRules.PARAMETER_CONSTRAINTS,
              "conventions",
              "parameter-without-pattern",
              "EnvironmentSuffix has neither AllowedPattern nor AllowedValues"),
          new Case(
              ConventionRules.OUTPUT_DESCRIPTIONS,
              "conventions",
              "output-without-description",
              "AlarmTopicArn has no Description"),
          new Case(
              ConventionRules.ASSERT_DESCRIPTIONS,
              "conventions",
              "assertion-without-description",
              "without AssertDescription"),
          new Case(
              ConventionRules.NO_FIXED_LOCATIONS,
              "conventions",
              "hard-coded-region-and-account",
              "names the region us-east-1"),
          new Case(
              ConventionRules.LINT_SUPPRESSIONS,
              "conventions",
              "lint-suppression-without-reason",
              "ignores W3005 without a reason"),
          new Case(
              ConventionRules.INTERFACE_GROUPS,
              "conventions",
              "parameter-outside-interface",
              "TopicDisplayName is in no parameter group"),
          new Case(
              DestroyabilityRules.NOTHING_RETAINED,
              "conventions",
              "retained-resource",
              "DeletionPolicy is Retain"),
          new Case(
              NamingRules.TYPE_PURPOSE_ENVIRONMENT,
              "conventions",
              "name-without-type-word",
              "alarms-dev is not sns-<purpose>-<environment>"),
          new Case(
              NestedStackRules.LOCAL_CHILD_TEMPLATES,
              "nested",
              "child-template-in-s3",
              "is not the file name of a sibling template"),
          new Case(
              NestedStackRules.CHILD_PARAMETERS_WIRED,
              "nested",
              "child-parameter-missing",
              "does not pass TableName"),
          new Case(
              NestedStackRules.NO_EXPORTS, "nested", "output-exported", "SettingName is exported"),
          new Case(
              PlacementRules.PRIMARY_REGION_ONLY,
              "nested",
              "table-in-both-regions",
              "TradesTable is deployed in the replica region too"),
          new Case(
              PlacementRules.TRADE_PATH_IN_BOTH_REGIONS,
              "nested",
              "configuration-in-primary-region-only",
              "TableNameParameter is not deployed in eu-west-1"),
          new Case(
              PlacementRules.REGIONAL_VALUES_BY_REGION,
              "nested",
              "regional-value-in-both-regions",
              "AppStack parameter ServiceName gets PrimaryServiceName in eu-west-1"),
          new Case(
              PlacementRules.REGIONAL_VALUES_BY_REGION,
              "nested",
              "replica-override-without-fallback",
              "gives eu-west-1 no ServiceUrl when ReplicaServiceUrl is empty"),
          new Case(
              PlacementRules.PRIMARY_REGION_ONLY,
              "storage",
              "table-without-region-condition",
              "TradesTable is deployed in the replica region too"),
          new Case(
              LambdaRules.CONTAINER_IMAGES, "functions", "function-with-runtime", "sets Runtime"),
          new Case(LambdaRules.ARM64, "functions", "function-on-x86", "not [\"arm64\"]"),
          new Case(
              LambdaRules.PINNED_BY_DIGEST,
              "functions",
              "function-image-by-tag",
              "is not <repository-uri>@sha256:<digest>"),
          new Case(
              LambdaRules.HANDLER_COMMAND,
              "functions",
              "function-with-other-handler",
              "EnrichTradeHandler"),
          new Case(
              LambdaRules.RESERVED_CONCURRENCY,
              "functions",
              "function-without-reserved-concurrency",
              "ReservedConcurrentExecutions is not a positive number"),
          new Case(
              LambdaRules.OWN_DEAD_LETTER_QUEUE,
              "functions",
              "functions-sharing-dead-letter-queue",
              "shares its dead-letter queue ValidatorDeadLetterQueue"),
          new Case(
              LambdaRules.APPLICATION_LOG_LEVEL,
              "functions",
              "function-log-level-literal",
              "application log level is not a parameter"),
          new Case(
              LambdaRules.ACTIVE_TRACING,
              "functions",
              "function-passive-tracing",
              "TracingConfig.Mode is not Active"),
          new Case(
              LambdaRules.EXPLICIT_LOG_GROUP,
              "functions",
              "log-group-without-retention",
              "ValidatorLogGroup has no RetentionInDays"),
          new Case(
              LambdaRules.LAMBDA_INSIGHTS,
              "functions",
              "role-without-lambda-insights",
              "lacks CloudWatchLambdaInsightsExecutionRolePolicy"),
          new Case(
              LambdaRules.CONTRACT_ENVIRONMENT,
              "functions",
              "threshold-value-in-environment",
              "THRESHOLDS_PATH is \"1000000\""),
          new Case(
              LambdaRules.TRADE_PATH_IN_PRIVATE_SUBNETS,
              "functions",
              "trade-path-function-outside-vpc",
              "ValidatorFunction does not run in two subnets"),
          new Case(
              LambdaRules.CUSTOM_RESOURCE_OUTSIDE_VPC,
              "functions",
              "custom-resource-function-in-vpc",
              "runs in the VPC"),
          new Case(
              DeadLetterQueueRules.FOURTEEN_DAY_RETENTION,
              "functions",
              "dead-letter-queue-four-days",
              "MessageRetentionPeriod is 345600"),
          new Case(
              DeadLetterQueueRules.ENCRYPTED,
              "functions",
              "dead-letter-queue-unencrypted",
              "ValidatorDeadLetterQueue is not encrypted"),
          new Case(
              DeadLetterQueueRules.DEPTH_ALARM,
              "functions",
              "dead-letter-queue-alarm-after-five",
              "ValidatorDeadLetterQueue has no alarm"),
          new Case(
              IamRules.NAMED_ACTIONS, "functions", "policy-with-service-wildcard", "grants sqs:*"),
          new Case(
              IamRules.SCOPED_RESOURCES,
              "functions",
              "policy-on-every-queue",
              "grants sqs:SendMessage on every resource"),
          new Case(
              IamRules.SCOPED_RESOURCES,
              "functions",
              "statement-without-resource",
              "ValidatorRole Policies/0 has a statement that names no Resource"),
          new Case(
              IamRules.ONE_ROLE_PER_FUNCTION_AND_SERVICE,
              "functions",
              "role-shared-by-functions",
              "is shared by functions"),
          new Case(
              IamRules.ONLY_INSIGHTS_MANAGED_POLICY,
              "functions",
              "broad-managed-policy",
              "PowerUserAccess"),
          new Case(
              TopicKeyRules.ACCOUNT_PUBLISHERS_THROUGH_SNS,
              "monitoring",
              "topic-key-for-cloudwatch-only",
              "lets no principal of the account publish through SNS"),
          new Case(
              TopicKeyRules.ACCOUNT_PUBLISHERS_THROUGH_SNS,
              "monitoring",
              "topic-key-for-the-account-anywhere",
              "without kms:ViaService sns.us-east-1.amazonaws.com and kms:CallerAccount"),
          new Case(
              TopicKeyRules.ACCOUNT_PUBLISHERS_THROUGH_SNS,
              "monitoring",
              "topic-key-for-another-topic",
              "AlarmTopic is encrypted with monitoring.json/TelemetryKey, whose policy lets no"),
          new Case(
              TradeDataKeyRules.TABLES_UNDER_TRADE_DATA_KEY,
              "trade-data-key",
              "table-under-aws-managed-key",
              "data.json/TradesTable is not encrypted with a rotated customer managed key of"
                  + " us-east-1"),
          new Case(
              TradeDataKeyRules.TABLES_UNDER_TRADE_DATA_KEY,
              "trade-data-key",
              "key-without-rotation",
              "data.json/TradesTable is not encrypted with a rotated customer managed key"),
          new Case(
              TradeDataKeyRules.TABLES_UNDER_TRADE_DATA_KEY,
              "trade-data-key",
              "replica-without-key",
              "TradesTableReplica gives its replica in eu-west-1 no rotated customer managed key"),
          new Case(
              TradeDataKeyRules.TABLES_UNDER_TRADE_DATA_KEY,
              "trade-data-key",
              "replica-key-of-primary-region",
              "gives its replica in eu-west-1 no rotated customer managed key of that region"
                  + " (arn:aws:kms:us-east-1:"),
          new Case(
              TradeDataKeyRules.QUEUES_UNDER_TRADE_DATA_KEY,
              "trade-data-key",
              "queue-under-sqs-managed-key",
              "data.json/EventDeadLetterQueue is not encrypted with a rotated customer managed key"),
          new Case(
              TradeDataKeyRules.WRITERS_AND_READERS_MAY_USE_THE_KEY,
              "trade-data-key",
              "state-machine-without-queue-key-grant",
              "data.json/StateMachineRole writes or reads data.json/RecorderDeadLetterQueue but may"
                  + " not [kms:Decrypt, kms:GenerateDataKey] its key alias/kms-trade-data-dev through"
                  + " sqs.us-east-1.amazonaws.com"),
          new Case(
              TradeDataKeyRules.WRITERS_AND_READERS_MAY_USE_THE_KEY,
              "trade-data-key",
              "function-without-dead-letter-key-grant",
              "data.json/RecorderRole writes or reads data.json/RecorderDeadLetterQueue but may not"),
          new Case(
              TradeDataKeyRules.WRITERS_AND_READERS_MAY_USE_THE_KEY,
              "trade-data-key",
              "recorder-without-table-key-grant",
              "data.json/RecorderRole writes or reads data.json/TradesTable but may not"
                  + " [kms:Decrypt, kms:GenerateDataKey] its key alias/kms-trade-data-dev through"
                  + " dynamodb.us-east-1.amazonaws.com"),
          new Case(
              TradeDataKeyRules.WRITERS_AND_READERS_MAY_USE_THE_KEY,
              "trade-data-key",
              "key-without-events-grant",
              "bootstrap.json/TradeDataKey does not let events.amazonaws.com [kms:Decrypt,"
                  + " kms:GenerateDataKey] for data.json/OmsTradeRule"),
          new Case(
              TradeDataKeyRules.WRITERS_AND_READERS_MAY_USE_THE_KEY,
              "trade-data-key",
              "events-grant-for-another-bus",
              "does not let events.amazonaws.com [kms:Decrypt, kms:GenerateDataKey] for"
                  + " data.json/OmsTradeRule"),
          new Case(
              TradeDataKeyRules.WRITERS_AND_READERS_MAY_USE_THE_KEY,
              "trade-data-key",
              "key-without-sqs-delegation",
              "bootstrap.json/TradeDataKey does not let the account's principals [kms:Decrypt,"
                  + " kms:GenerateDataKey] through sqs.us-east-1.amazonaws.com"),
          new Case(
              NetworkRules.ENDPOINTS_FOR_CALLED_SERVICES,
              "network",
              "function-uses-key-directly",
              "no VPC endpoint for kms"),
          new Case(
              TransportRules.QUEUES_TLS_ONLY,
              "trade-data-key",
              "queue-without-tls-deny",
              "data.json/RecorderDeadLetterQueue is not denied every action (sqs:*) to requests"
                  + " without TLS"),
          new Case(
              TransportRules.QUEUES_TLS_ONLY,
              "trade-data-key",
              "queue-tls-deny-of-send-only",
              "data.json/EventDeadLetterQueue is not denied every action (sqs:*)"),
          new Case(
              TransportRules.TOPICS_TLS_ONLY,
              "monitoring",
              "topic-without-tls-deny",
              "monitoring.json/AlarmTopic accepts publishing without TLS"),
          new Case(
              IamRules.SCOPED_TRUST,
              "state-machine",
              "state-machine-trust-unscoped",
              "trusts states.amazonaws.com without aws:SourceAccount and aws:SourceArn"),
          new Case(
              StateMachineRules.DEFINITION_OBJECT_WITH_SUBSTITUTIONS,
              "state-machine",
              "definition-with-intrinsic",
              "Definition uses Fn::GetAtt"),
          new Case(
              StateMachineRules.PARALLEL_VALIDATION_AND_ENRICHMENT,
              "state-machine",
              "parallel-without-enrichment",
              "not [validate, enrich]"),
          new Case(
              StateMachineRules.CATCH_ON_EVERY_TASK,
              "state-machine",
              "task-without-catch",
              "SendRecordFailure has no Catch for States.ALL"),
          new Case(
              StateMachineRules.RETRY_TRANSIENT_LAMBDA_ERRORS,
              "state-machine",
              "lambda-task-without-transient-retry",
              "Record does not retry Lambda.TooManyRequestsException"),
          new Case(
              StateMachineRules.RETRY_HANDLER_ERRORS,
              "state-machine",
              "retry-of-every-error",
              "Validate retries States.ALL"),
          new Case(
              StateMachineRules.RETRY_HANDLER_ERRORS,
              "state-machine",
              "validate-without-thresholds-retry",
              "Validate does not retry"
                  + " com.tradeprocessing.validator.thresholds.ThresholdsUnavailableException"),
          new Case(
              StateMachineRules.BACKOFF_WITH_JITTER,
              "state-machine",
              "retry-without-jitter",
              "has no full jitter"),
          new Case(
              StateMachineRules.TRANSITIONS_TARGET_EXISTING_STATES,
              "state-machine",
              "transition-to-missing-state",
              "goes to Done, which is no state of its scope"),
          new Case(
              StateMachineRules.TERMINAL_STATES_REACHABLE,
              "state-machine",
              "unreachable-state",
              "Orphan is unreachable"),
          new Case(
              StateMachineRules.CONTRACT_DATA_FLOW,
              "state-machine",
              "stages-swapped-in-record-payload",
              "Record payload is not"),
          new Case(
              StateMachineRules.CONTRACT_DATA_FLOW,
              "state-machine",
              "branch-task-given-the-event-only",
              "Enrich does not give the function {event, executionId} ($) as its payload"),
          new Case(
              StateMachineRules.FAILURES_TO_STAGE_DEAD_LETTER_QUEUE,
              "state-machine",
              "failure-to-other-stages-queue",
              "not to the record dead-letter queue"),
          new Case(
              StateMachineRules.EXECUTION_LOGGING,
              "state-machine",
              "execution-log-errors-only",
              "log level is not a parameter"),
          new Case(
              StateMachineRules.EXECUTION_LOGGING,
              "state-machine",
              "execution-log-errors-by-default",
              "does not log ALL with execution data by default"),
          new Case(
              StateMachineRules.TRACING,
              "state-machine",
              "state-machine-untraced",
              "does not trace"),
          new Case(
              StateMachineRules.STANDARD_BY_DEFAULT_EXPRESS_ALLOWED,
              "state-machine",
              "express-by-default",
              "is not STANDARD by default"),
          new Case(
              EventRules.ONE_SOURCE_AND_DETAIL_TYPE_PER_RULE,
              "event-routing",
              "rule-of-two-sources",
              "OmsTradeRule pattern is not one source and one detail-type"),
          new Case(
              EventRules.RULES_ON_CUSTOM_BUS,
              "event-routing",
              "rule-on-default-bus",
              "OmsTradeRule is not on a custom event bus"),
          new Case(
              EventRules.TARGETS_STATE_MACHINE_RELIABLY,
              "event-routing",
              "rule-target-without-dead-letter-queue",
              "OmsTradeRule target has no dead-letter queue"),
          new Case(
              EventRules.LOST_EXECUTIONS_DEAD_LETTERED,
              "event-routing",
              "state-machine-without-failed-executions-rule",
              "TradeStateMachine has no rule on the default bus"),
          new Case(
              EventRules.LOST_EXECUTIONS_DEAD_LETTERED,
              "event-routing",
              "failed-executions-rule-without-aborted",
              "FailedExecutionRule does not match ABORTED"),
          new Case(
              EventRules.LOST_EXECUTIONS_DEAD_LETTERED,
              "event-routing",
              "failed-executions-queue-without-policy",
              "ExecutionDeadLetterQueue has no policy letting FailedExecutionRule send"),
          new Case(
              EventRules.BUS_ARCHIVED,
              "event-routing",
              "bus-without-archive",
              "TradeEventBus has no archive"),
          new Case(
              TableRules.ON_DEMAND,
              "storage",
              "table-provisioned",
              "BillingMode is not PAY_PER_REQUEST"),
          new Case(
              TableRules.POINT_IN_TIME_RECOVERY,
              "storage",
              "table-without-recovery",
              "has no point-in-time recovery"),
          new Case(
              TableRules.NEW_AND_OLD_IMAGES_STREAM,
              "storage",
              "table-stream-keys-only",
              "does not stream NEW_AND_OLD_IMAGES"),
          new Case(
              TableRules.ENCRYPTED,
              "storage",
              "table-unencrypted",
              "SSESpecification.SSEEnabled is not true"),
          new Case(
              TableRules.RECORDER_KEY_DESIGN,
              "storage",
              "index-by-status-only",
              "index by-status-date keys are"),
          new Case(
              TableRules.RECORDER_KEY_DESIGN,
              "storage",
              "index-by-status-date-on-execution-time",
              "index by-status-date keys are"),
          new Case(
              TableRules.INDEXES_PROJECT_THE_LISTING,
              "storage",
              "index-projects-all",
              "index by-instrument projects ALL, not INCLUDE of the listing"),
          new Case(
              TableRules.INDEXES_PROJECT_THE_LISTING,
              "storage",
              "index-projects-payload",
              "index by-status-date projects rawPayload, whose size has no bound"),
          new Case(
              TableRules.INDEXES_PROJECT_THE_LISTING,
              "storage",
              "index-without-status",
              "index by-instrument does not project status"),
          new Case(
              TableRules.GLOBAL_BY_CUSTOM_RESOURCE,
              "storage",
              "table-without-replica",
              "has no Custom::GlobalTableReplica"),
          new Case(
              ConfigurationRules.STRINGS_UNDER_ENVIRONMENT_PATH,
              "configuration",
              "parameter-string-list",
              "KnownVenuesParameter Type is not String"),
          new Case(
              ConfigurationRules.CONTRACT_PARAMETERS,
              "configuration",
              "threshold-default-changed",
              "max-quantity defaults to 999, not 1000000"),
          new Case(
              RepositoryRules.SCAN_ON_PUSH,
              "bootstrap",
              "repository-without-scan",
              "does not scan on push"),
          new Case(
              RepositoryRules.IMMUTABLE_TAGS,
              "bootstrap",
              "repository-mutable-tags",
              "tags are mutable"),
          new Case(
              RepositoryRules.ENCRYPTED,
              "bootstrap",
              "repository-aes256",
              "is not encrypted with KMS"),
          new Case(
              RepositoryRules.LIFECYCLE_POLICY,
              "bootstrap",
              "repository-without-lifecycle",
              "lifecycle policy is not JSON"),
          new Case(
              RepositoryRules.EMPTY_ON_DELETE,
              "bootstrap",
              "repository-not-emptied",
              "is not emptied on delete"),
          new Case(
              RepositoryRules.NO_REGISTRY_REPLICATION_CONFIGURATION,
              "bootstrap",
              "registry-replication-in-template",
              "RegistryReplicationConfiguration owns the registry's replication configuration"),
          new Case(
              NetworkRules.PRIVATE_SUBNETS_IN_TWO_ZONES,
              "network",
              "subnets-in-one-zone",
              "has subnets in 1 availability zones, not two"),
          new Case(
              NetworkRules.SUBNET_ZONES_BY_ID,
              "network",
              "subnet-zone-ignores-zone-ids",
              "not in the zones [apse2-az3, apse2-az1] given as AvailabilityZoneIds"),
          new Case(
              NetworkRules.NO_INTERNET_ROUTE,
              "network",
              "internet-gateway",
              "is a way to the internet"),
          new Case(
              NetworkRules.ENDPOINTS_FOR_CALLED_SERVICES,
              "network",
              "no-ssm-endpoint",
              "no VPC endpoint for ssm"),
          new Case(
              NetworkRules.ENDPOINTS_FOR_CALLED_SERVICES,
              "network",
              "function-samples-traces-without-xray-endpoint",
              "no VPC endpoint for xray"),
          new Case(
              NetworkRules.NO_UNUSED_INTERFACE_ENDPOINTS,
              "network",
              "unused-xray-endpoint",
              "XrayEndpoint serves xray, which no function in the VPC calls from inside it"),
          new Case(
              NetworkRules.ENDPOINT_POLICIES,
              "network",
              "endpoint-without-policy",
              "SsmEndpoint has no endpoint policy"),
          new Case(
              NetworkRules.ENDPOINT_POLICIES_ALLOW_FUNCTION_CALLS,
              "network",
              "endpoint-policy-without-put-item",
              "may call dynamodb:PutItem, which the dynamodb endpoint policy does not let through"),
          new Case(
              NetworkRules.ENDPOINT_POLICIES_ONLY_FUNCTION_CALLS,
              "network",
              "endpoint-policy-allows-uncalled-actions",
              "network.json/SsmEndpoint lets through ssm:GetParameters, which no function in the VPC"
                  + " calls"),
          new Case(
              NetworkRules.OPTIONAL_REFERENCE_DATA_ENDPOINT,
              "network",
              "reference-data-endpoint-always-created",
              "is not left out when no endpoint service is given"),
          new Case(
              NetworkRules.OPTIONAL_REFERENCE_DATA_ENDPOINT,
              "network",
              "reference-data-private-dns-fixed",
              "fixes PrivateDnsEnabled instead of taking it as an input"),
          new Case(
              NetworkRules.SECURITY_GROUPS_HTTPS_ONLY,
              "network",
              "security-group-all-ports",
              "egress rule is not HTTPS only"));

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void templateRule_goodFixture_shouldPass(Case fixture) {
    // GIVEN
    TemplateSet good = Fixtures.good(fixture.good());

    // WHEN
    List<String> violations = fixture.rule().check(good);

    // THEN
    assertThat(violations).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void templateRule_badFixture_shouldReportItsDefect(Case fixture) {
    // GIVEN
    TemplateSet bad = Fixtures.bad(fixture.bad());

    // WHEN
    List<String> violations = fixture.rule().check(bad);

    // THEN
    assertThat(violations)
        .anySatisfy(violation -> assertThat(violation).contains(fixture.expected()));
  }

  @Test
  void templateRules_allRulesOfTheTestedTemplates_shouldHaveAFixtureCase() {
    // GIVEN
    List<TemplateRule> rules = TemplateRules.ALL;

    // WHEN
    List<String> withoutCase =
        rules.stream()
            .filter(rule -> CASES.stream().noneMatch(fixture -> fixture.rule() == rule))
            .map(TemplateRule::id)
            .toList();

    // THEN
    assertThat(withoutCase).isEmpty();
  }

  static Stream<Case> cases() {
    return CASES.stream();
  }
}

package com.tradeprocessing.integration.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * `make deploy` and `make destroy` rehearsed for real: deploy/deploy.sh and deploy/destroy.sh run
 * with the project's pinned AWS CLI against the embedded emulator in both regions (us-east-1
 * primary, eu-west-1 replica), the four images built by Jib and pushed to a stand-in registry that
 * stores them in the emulator's ECR, the custom resource answered by the real global-table-resource
 * handler run by the local Lambda host. docs/deploy.md ("Rehearsal on the emulator") says what this
 * proves and what the emulator cannot do.
 *
 * <p>The scenarios build on each other and run in order on one emulator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployRehearsalIT {

  private static final String ENV = "rehearsal";

  /** The second environment of the account, deployed beside the first. */
  private static final String SECOND = "second";

  /**
   * Another team's rule in the registry's replication configuration, there before either
   * environment.
   */
  private static final String FOREIGN_RULE =
      "{\"destinations\":[{\"region\":\"us-west-2\",\"registryId\":\"123456789012\"}],"
          + "\"repositoryFilters\":[{\"filter\":\"other-team-\",\"filterType\":\"PREFIX_MATCH\"}]}";

  private static final String[] REGIONS = {Rehearsal.PRIMARY, Rehearsal.REPLICA};

  /**
   * The templates' resource types that moto's CloudFormation does not implement: it skips them with
   * a warning, so they are never created here (docs/deploy.md lists them).
   */
  private static final Set<String> SKIPPED_RESOURCE_TYPES =
      Set.of("AWS::CloudWatch::Alarm", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy");

  private Rehearsal rehearsal;
  private final Set<String> operationsRun = new LinkedHashSet<>();
  private Map<String, Object> afterFirstDeploy;
  private Map<String, Object> secondBeforeFirstDestroyed;

  @BeforeAll
  void start() throws IOException {
    rehearsal = Rehearsal.start();
    rehearsal.cli(
        "ecr",
        "put-replication-configuration",
        "--region",
        Rehearsal.PRIMARY,
        "--replication-configuration",
        "{\"rules\":[" + FOREIGN_RULE + "]}");
    System.out.println(
        "rehearsal: NOT rehearsed, covered by the dry run only (docs/deploy.md, Rehearsal on the"
            + " emulator): the resource types moto's CloudFormation skips "
            + new TreeSet<>(SKIPPED_RESOURCE_TYPES)
            + " are never created; IAM policies are stored, not enforced; a bucket policy sees every"
            + " request as made over TLS; ECR replication and the"
            + " DynamoDB replica are immediate; the images carry the stand-in extension and this test"
            + " does not run them (make test-image-run does); the Lambda Insights extension is not"
            + " fetched.");
  }

  @AfterAll
  void stop() {
    if (rehearsal != null) {
      rehearsal.close();
    }
  }

  @Test
  @Order(1)
  void deploy_firstTime_shouldCreateBootstrapStacksImagesStackSetAndBothInstancesInOrder() {
    // GIVEN an account with only the StackSet roles (Rehearsal.start)

    // WHEN
    ScriptRun deploy = deploy(ENV);

    // THEN the script succeeded and did the steps in the documented order
    assertThat(deploy.exitCode()).as(deploy.describe()).isZero();
    assertThat(deploy.awsOperationsByRegion())
        .containsSubsequence(
            "cloudformation deploy eu-west-1",
            "cloudformation deploy us-east-1",
            "ecr get-login-password us-east-1",
            "ecr describe-images us-east-1",
            "ecr describe-images eu-west-1",
            "cloudformation package us-east-1",
            "cloudformation create-stack-set us-east-1",
            "cloudformation create-stack-instances us-east-1",
            "dynamodb describe-table us-east-1",
            "dynamodb describe-table eu-west-1",
            "cloudformation create-stack-instances us-east-1");
    List<String> instanceRegions = regionsOf(deploy, "create-stack-instances");
    assertThat(instanceRegions).containsExactly(Rehearsal.PRIMARY, Rehearsal.REPLICA);

    // THEN Jib pushed four images that ECR holds in both regions, under the digests the stack set
    // got
    assertThat(rehearsal.registry().refusals()).isEmpty();
    assertThat(rehearsal.registry().pushes()).hasSize(4);
    JsonNode stackSet =
        rehearsal
            .cli(
                "cloudformation",
                "describe-stack-set",
                "--region",
                Rehearsal.PRIMARY,
                "--stack-set-name",
                "trade-processing-" + ENV)
            .path("StackSet");
    Map<String, String> parameters = new TreeMap<>();
    stackSet
        .path("Parameters")
        .forEach(
            p ->
                parameters.put(p.path("ParameterKey").asText(), p.path("ParameterValue").asText()));
    for (StandInRegistry.Push push : rehearsal.registry().pushes()) {
      assertThat(push.repository()).isEqualTo("ecr-functions-" + ENV);
      assertThat(parameters).containsValue(push.digest().substring("sha256:".length()));
      for (String region : REGIONS) {
        assertThat(images(region, ENV, "--image-ids", "imageDigest=" + push.digest()))
            .as("%s in %s", push.tag(), region)
            .hasSize(1);
      }
    }

    // THEN both instances are CURRENT, their stacks complete, bootstrap stacks in both regions
    for (String region : REGIONS) {
      JsonNode instance = instance(region);
      assertThat(instance.path("Status").asText()).as(region).isEqualTo("CURRENT");
      JsonNode stack = stack(region, instance.path("StackId").asText());
      assertThat(stack.path("StackStatus").asText()).as(region).isEqualTo("CREATE_COMPLETE");
      assertThat(outputs(stack))
          .containsKeys("EventBusName", "StateMachineArn", "TradesTableName", "AlarmTopicArn");
      assertThat(stack(region, "trade-processing-bootstrap-" + ENV).path("StackStatus").asText())
          .isEqualTo("CREATE_COMPLETE");
    }
    assertThat(stackStatuses(ENV))
        .as("every stack of the environment, nested ones included")
        .isNotEmpty()
        .allSatisfy((stack, status) -> assertThat(status).as(stack).isEqualTo("CREATE_COMPLETE"));
    assertThat(createdAt(Rehearsal.REPLICA, "trade-processing-bootstrap-" + ENV))
        .isLessThanOrEqualTo(createdAt(Rehearsal.PRIMARY, "trade-processing-bootstrap-" + ENV));
    assertThat(createdAt(Rehearsal.PRIMARY, instance(Rehearsal.PRIMARY).path("StackId").asText()))
        .isLessThanOrEqualTo(
            createdAt(Rehearsal.REPLICA, instance(Rehearsal.REPLICA).path("StackId").asText()));

    // THEN the real custom resource handler added the table's replica in eu-west-1
    JsonNode table = table(Rehearsal.PRIMARY, ENV);
    assertThat(table.path("Replicas").findValuesAsText("RegionName"))
        .containsExactly(Rehearsal.REPLICA);
    assertThat(
            rehearsal
                .cli(
                    "dynamodb",
                    "describe-continuous-backups",
                    "--region",
                    Rehearsal.REPLICA,
                    "--table-name",
                    "dynamodb-trades-" + ENV)
                .at(
                    "/ContinuousBackupsDescription/PointInTimeRecoveryDescription/PointInTimeRecoveryStatus")
                .asText())
        .isEqualTo("ENABLED");

    // THEN the functions of both regions run the pushed images with the templates' handlers
    for (String region : REGIONS) {
      JsonNode function =
          rehearsal.cli(
              "lambda",
              "get-function-configuration",
              "--region",
              region,
              "--function-name",
              "lambda-recorder-" + ENV);
      assertThat(function.path("PackageType").asText()).isEqualTo("Image");
      assertThat(function.at("/ImageConfigResponse/ImageConfig/Command/0").asText())
          .isEqualTo("com.tradeprocessing.recorder.RecordTradeHandler::handleRequest");
    }
    // THEN the failover stack exists in both regions, created after the replica's instance, and
    // the primary's global endpoint names both regions' trade buses (templates/failover.json)
    for (String region : REGIONS) {
      assertThat(stack(region, "trade-processing-failover-" + ENV).path("StackStatus").asText())
          .as(region)
          .isEqualTo("CREATE_COMPLETE");
    }
    assertThat(createdAt(Rehearsal.REPLICA, instance(Rehearsal.REPLICA).path("StackId").asText()))
        .isLessThanOrEqualTo(createdAt(Rehearsal.REPLICA, "trade-processing-failover-" + ENV));
    JsonNode endpoint = endpoint(ENV);
    assertThat(endpoint.path("EventBuses").findValuesAsText("EventBusArn"))
        .containsExactly(
            "arn:aws:events:us-east-1:123456789012:event-bus/eventbus-trades-" + ENV,
            "arn:aws:events:eu-west-1:123456789012:event-bus/eventbus-trades-" + ENV);
    assertThat(endpoint.at("/RoutingConfig/FailoverConfig/Secondary/Route").asText())
        .isEqualTo(Rehearsal.REPLICA);
    assertThat(endpoint.at("/ReplicationConfig/State").asText()).isEqualTo("DISABLED");
    assertThat(
            outputs(stack(Rehearsal.PRIMARY, "trade-processing-failover-" + ENV)).get("EndpointId"))
        .isEqualTo(endpoint.path("EndpointId").asText());
    assertThat(deploy.stdout()).contains("EndpointId\t" + endpoint.path("EndpointId").asText());

    // THEN moto skipped exactly the resource types the docs list, no other
    assertThat(rehearsal.skippedResourceTypes()).isEqualTo(SKIPPED_RESOURCE_TYPES);
    afterFirstDeploy = snapshot();
  }

  @Test
  @Order(2)
  void deploy_sameCommitAgain_shouldUpdateTheStackSetAndChangeNothing() {
    // GIVEN the environment of the first deployment
    assertThat(afterFirstDeploy).as("the first deployment").isNotNull();

    // WHEN
    ScriptRun deploy = deploy(ENV);

    // THEN
    assertThat(deploy.exitCode()).as(deploy.describe()).isZero();
    assertThat(deploy.awsOperations())
        .contains("cloudformation update-stack-set")
        .doesNotContain(
            "cloudformation create-stack-set",
            "cloudformation create-stack-instances",
            "s3api create-bucket");
    assertThat(rehearsal.registry().pushes()).hasSize(8);
    assertThat(replicationRules()).containsExactlyInAnyOrder(FOREIGN_RULE, environmentRule(ENV));
    assertThat(rehearsal.registry().pushes().subList(4, 8))
        .extracting(StandInRegistry.Push::digest)
        .as("Jib's reproducible images: the same digests")
        .containsExactlyInAnyOrderElementsOf(
            rehearsal.registry().pushes().subList(0, 4).stream()
                .map(StandInRegistry.Push::digest)
                .toList());
    assertThat(snapshot()).isEqualTo(afterFirstDeploy);
    assertInstancesCurrent(ENV);
  }

  @Test
  @Order(3)
  void
      deploy_secondEnvironmentWhoseReplicaTableIsTaken_shouldFailWithTheReasonAndLeaveTheInstanceOutdated() {
    // GIVEN a table of the second environment's name left in eu-west-1 (by an earlier environment)
    rehearsal.cli(
        "dynamodb",
        "create-table",
        "--region",
        Rehearsal.REPLICA,
        "--table-name",
        "dynamodb-trades-" + SECOND,
        "--billing-mode",
        "PAY_PER_REQUEST",
        "--attribute-definitions",
        "AttributeName=tradeId,AttributeType=S",
        "--key-schema",
        "AttributeName=tradeId,KeyType=HASH");

    // WHEN
    ScriptRun deploy = deploy(SECOND);

    // THEN the custom resource could not add the replica: the operation failed with the handler's
    // reason, the primary instance is OUTDATED, the replica region's was never created
    assertThat(deploy.exitCode()).as(deploy.describe()).isNotZero();
    assertThat(deploy.stderr()).contains("ended FAILED").contains("dynamodb-trades-" + SECOND);
    JsonNode instance = instance(SECOND, Rehearsal.PRIMARY);
    assertThat(instance.path("Status").asText()).isEqualTo("OUTDATED");
    assertThat(
            rehearsal
                .cli(
                    "cloudformation",
                    "list-stack-instances",
                    "--region",
                    Rehearsal.PRIMARY,
                    "--stack-set-name",
                    "trade-processing-" + SECOND)
                .path("Summaries")
                .findValuesAsText("Region"))
        .containsExactly(Rehearsal.PRIMARY);
    assertThat(
            stack(Rehearsal.PRIMARY, instance.path("StackId").asText())
                .path("StackStatus")
                .asText())
        .isEqualTo("CREATE_FAILED");
  }

  @Test
  @Order(4)
  void deploy_afterTheFailedInstanceIsFixed_shouldRepairItAndDeployBesideTheFirstEnvironment() {
    // GIVEN the cause removed (the leftover table deleted), the failed instance still there
    rehearsal.cli(
        "dynamodb",
        "delete-table",
        "--region",
        Rehearsal.REPLICA,
        "--table-name",
        "dynamodb-trades-" + SECOND);
    String failedStack = instance(SECOND, Rehearsal.PRIMARY).path("StackId").asText();

    // WHEN
    ScriptRun deploy = deploy(SECOND);

    // THEN the broken instance was deleted and created again, then the replica region's
    assertThat(deploy.exitCode()).as(deploy.describe()).isZero();
    assertThat(deploy.awsOperationsByRegion())
        .containsSubsequence(
            "cloudformation delete-stack-instances us-east-1",
            "cloudformation update-stack-set us-east-1",
            "cloudformation create-stack-instances us-east-1",
            "cloudformation create-stack-instances us-east-1");
    assertInstancesCurrent(SECOND);
    assertThat(instance(SECOND, Rehearsal.PRIMARY).path("StackId").asText())
        .isNotEqualTo(failedStack);
    // (the bootstrap stacks were deployed by both runs: created, then updated or left as they were)
    assertThat(stackStatuses(SECOND))
        .allSatisfy(
            (stack, status) ->
                assertThat(status).as(stack).isIn("CREATE_COMPLETE", "UPDATE_COMPLETE"));
    assertThat(table(Rehearsal.PRIMARY, SECOND).at("/Replicas").findValuesAsText("RegionName"))
        .containsExactly(Rehearsal.REPLICA);

    // THEN both environments are there side by side, each with its replication rule, beside the
    // foreign one
    assertThat(replicationRules())
        .containsExactlyInAnyOrder(FOREIGN_RULE, environmentRule(ENV), environmentRule(SECOND));
    assertInstancesCurrent(ENV);
    secondBeforeFirstDestroyed = environmentState(SECOND);
  }

  @Test
  @Order(5)
  void destroy_firstEnvironment_shouldLeaveNothingOfItAndKeepTheSecondAndTheForeignRule() {
    // GIVEN two environments deployed side by side (above)
    assertThat(secondBeforeFirstDestroyed).as("the second environment").isNotNull();

    // WHEN
    ScriptRun destroy = destroy(ENV);

    // THEN
    assertThat(destroy.exitCode()).as(destroy.describe()).isZero();
    assertThat(destroy.awsOperationsByRegion())
        .containsSubsequence(
            "cloudformation delete-stack-instances us-east-1",
            "cloudformation delete-stack-instances us-east-1",
            "cloudformation delete-stack-set us-east-1",
            "cloudformation delete-stack eu-west-1",
            "cloudformation delete-stack us-east-1");
    List<String> regionsDeleted = regionsOf(destroy, "delete-stack-instances");
    assertThat(regionsDeleted).containsExactly(Rehearsal.REPLICA, Rehearsal.PRIMARY);
    assertThat(leftovers(ENV)).isEmpty();
    assertThat(
            rehearsal
                .cli(
                    "events",
                    "list-endpoints",
                    "--region",
                    Rehearsal.PRIMARY,
                    "--name-prefix",
                    "endpoint-trades-" + ENV)
                .path("Endpoints"))
        .as("the global endpoint went with the failover stack")
        .isEmpty();
    assertThat(replicationRules()).containsExactlyInAnyOrder(FOREIGN_RULE, environmentRule(SECOND));
    assertThat(environmentState(SECOND)).isEqualTo(secondBeforeFirstDestroyed);
  }

  @Test
  @Order(6)
  void destroy_secondEnvironment_shouldLeaveNothingOfItAndOnlyTheForeignRule() {
    // GIVEN the second environment alone

    // WHEN
    ScriptRun destroy = destroy(SECOND);

    // THEN
    assertThat(destroy.exitCode()).as(destroy.describe()).isZero();
    assertThat(leftovers(SECOND)).isEmpty();
    assertThat(replicationRules()).containsExactly(FOREIGN_RULE);
  }

  @Test
  @Order(100)
  void rehearsal_everyCommandOfThePlans_shouldHaveRunThroughTheRealCli() {
    // GIVEN the commands of the dry-run plans of a first deployment and of a removal
    Set<String> planned = new LinkedHashSet<>();
    planned.addAll(
        rehearsal
            .dryRun("deploy", "dryrun", Map.of("IMAGE_PUSH_REGISTRY", "localhost:1"))
            .awsOperations());
    planned.addAll(rehearsal.dryRun("destroy", "dryrun", Map.of()).awsOperations());

    // WHEN the rehearsal's runs are done (the scenarios above)

    // THEN each was run for real, and the real CLI parsed and sent it
    assertThat(planned).isNotEmpty();
    assertThat(operationsRun).containsAll(planned);
  }

  // --- what the emulator holds ----------------------------------------------------------------

  private ScriptRun deploy(String suffix) {
    ScriptRun run = rehearsal.deploy(suffix, Map.of());
    operationsRun.addAll(run.awsOperations());
    return run;
  }

  private ScriptRun destroy(String suffix) {
    ScriptRun run = rehearsal.destroy(suffix, Map.of());
    operationsRun.addAll(run.awsOperations());
    return run;
  }

  /** The regions the run's calls of a stack-instance operation named, in order. */
  private static List<String> regionsOf(ScriptRun run, String operation) {
    return run.commands().stream()
        .filter(c -> c.size() > 2 && c.get(2).equals(operation))
        .map(c -> ScriptRun.valueOf(c, "--regions"))
        .toList();
  }

  private void assertInstancesCurrent(String suffix) {
    for (String region : REGIONS) {
      assertThat(instance(suffix, region).path("Status").asText()).as(region).isEqualTo("CURRENT");
    }
  }

  private JsonNode table(String region, String suffix) {
    return rehearsal
        .cli(
            "dynamodb",
            "describe-table",
            "--region",
            region,
            "--table-name",
            "dynamodb-trades-" + suffix)
        .path("Table");
  }

  /** The images of the environment's repository in a region, those of the filter if given. */
  private JsonNode images(String region, String suffix, String... filter) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "ecr",
                "describe-images",
                "--region",
                region,
                "--repository-name",
                "ecr-functions-" + suffix));
    command.addAll(List.of(filter));
    return rehearsal.cli(command.toArray(String[]::new)).path("imageDetails");
  }

  private JsonNode instance(String region) {
    return instance(ENV, region);
  }

  private JsonNode instance(String suffix, String region) {
    return rehearsal
        .cli(
            "cloudformation",
            "describe-stack-instance",
            "--region",
            Rehearsal.PRIMARY,
            "--stack-set-name",
            "trade-processing-" + suffix,
            "--stack-instance-account",
            Rehearsal.ACCOUNT,
            "--stack-instance-region",
            region)
        .path("StackInstance");
  }

  /** The registry's replication rules, each as compact JSON. */
  private List<String> replicationRules() {
    List<String> rules = new ArrayList<>();
    rehearsal
        .cli("ecr", "describe-registry", "--region", Rehearsal.PRIMARY)
        .at("/replicationConfiguration/rules")
        .forEach(rule -> rules.add(rule.toString()));
    return rules;
  }

  /** ADR 0021: the rule that replicates the environment's repository to the replica region. */
  private static String environmentRule(String suffix) {
    return "{\"destinations\":[{\"region\":\"eu-west-1\",\"registryId\":\"123456789012\"}],"
        + "\"repositoryFilters\":[{\"filter\":\"ecr-functions-"
        + suffix
        + "\",\"filterType\":\"PREFIX_MATCH\"}]}";
  }

  /** What another environment's destroy must not touch: its stacks, instances, table, images. */
  private Map<String, Object> environmentState(String suffix) {
    Map<String, Object> state = new TreeMap<>(stackStatuses(suffix));
    for (String region : REGIONS) {
      JsonNode instance = instance(suffix, region);
      state.put(
          region + " instance",
          instance.path("StackId").asText() + " " + instance.path("Status").asText());
      state.put(region + " table", table(region, suffix).at("/TableArn").asText());
      state.put(
          region + " images",
          images(region, suffix).findValuesAsText("imageDigest").stream().sorted().toList());
    }
    return state;
  }

  private JsonNode stack(String region, String nameOrId) {
    return rehearsal
        .cli("cloudformation", "describe-stacks", "--region", region, "--stack-name", nameOrId)
        .path("Stacks")
        .path(0);
  }

  private JsonNode endpoint(String suffix) {
    return rehearsal.cli(
        "events",
        "describe-endpoint",
        "--region",
        Rehearsal.PRIMARY,
        "--name",
        "endpoint-trades-" + suffix);
  }

  private String createdAt(String region, String nameOrId) {
    return stack(region, nameOrId).path("CreationTime").asText();
  }

  /** The status of every stack of the environment in both regions, by region and name. */
  private Map<String, String> stackStatuses(String suffix) {
    Map<String, String> statuses = new TreeMap<>();
    JsonNode inventory = rehearsal.inventory();
    for (String region : REGIONS) {
      inventory
          .path("regions")
          .path(region)
          .path("stacks")
          .forEach(
              stack -> {
                if (ofEnvironment(stack.path("name").asText(), suffix)) {
                  statuses.put(
                      region + " " + stack.path("name").asText(), stack.path("status").asText());
                }
              });
    }
    return statuses;
  }

  private static boolean ofEnvironment(String stackName, String suffix) {
    return stackName.endsWith("-" + suffix)
        || stackName.startsWith("StackSet-trade-processing-" + suffix + "-");
  }

  private static Map<String, String> outputs(JsonNode stack) {
    Map<String, String> outputs = new TreeMap<>();
    stack
        .path("Outputs")
        .forEach(o -> outputs.put(o.path("OutputKey").asText(), o.path("OutputValue").asText()));
    return outputs;
  }

  /**
   * What a no-op update must leave as it was: every stack (id, creation time, the physical id of
   * every resource), every function (ARN, modification time, code) and every table (ARN, creation
   * time, replicas), in both regions.
   */
  private Map<String, Object> snapshot() {
    Map<String, Object> snapshot = new TreeMap<>();
    JsonNode inventory = rehearsal.inventory();
    for (String region : REGIONS) {
      JsonNode held = inventory.path("regions").path(region);
      held.path("stacks")
          .forEach(
              stack ->
                  snapshot.put(
                      region + " stack " + stack.path("name").asText(),
                      stack.path("id").asText()
                          + " created "
                          + stack.path("created").asText()
                          + " "
                          + stack.path("resources")));
      held.path("functions")
          .forEach(
              f ->
                  snapshot.put(
                      region + " function " + f.path("name").asText(),
                      fields(f, "arn", "modified", "code")));
      held.path("tables")
          .forEach(
              t ->
                  snapshot.put(
                      region + " table " + t.path("name").asText(),
                      fields(t, "arn", "created", "replicas")));
    }
    return snapshot;
  }

  /** The node's fields, space-separated: a value as its text, an array or object as JSON. */
  private static String fields(JsonNode node, String... names) {
    List<String> values = new ArrayList<>();
    for (String name : names) {
      JsonNode value = node.path(name);
      values.add(value.isValueNode() ? value.asText() : value.toString());
    }
    return String.join(" ", values);
  }

  /** Everything of the environment still in the emulator, in either region. */
  private List<String> leftovers(String suffix) {
    List<String> left = new ArrayList<>();
    String tail = "-" + suffix;
    JsonNode inventory = rehearsal.inventory();
    for (String region : REGIONS) {
      JsonNode held = inventory.path("regions").path(region);
      held.path("stacks")
          .forEach(
              stack -> {
                if (ofEnvironment(stack.path("name").asText(), suffix)) {
                  left.add(
                      region
                          + " stack "
                          + stack.path("name").asText()
                          + " "
                          + stack.path("status").asText());
                }
              });
      names(held.path("stack_sets"), tail).forEach(n -> left.add(region + " stack set " + n));
      names(held.path("tables"), tail).forEach(n -> left.add(region + " table " + n));
      names(held.path("queues"), tail).forEach(n -> left.add(region + " queue " + n));
      names(held.path("repositories"), tail).forEach(n -> left.add(region + " repository " + n));
      names(held.path("event_buses"), tail).forEach(n -> left.add(region + " event bus " + n));
      held.path("rules")
          .forEach(
              r -> {
                if (r.asText().contains(tail)) {
                  left.add(region + " rule " + r.asText());
                }
              });
      held.path("parameters")
          .forEach(
              p -> {
                if (p.asText().startsWith("/trade-processing/" + suffix + "/")
                    || p.asText().endsWith(tail)) {
                  left.add(region + " parameter " + p.asText());
                }
              });
      names(held.path("functions"), tail).forEach(n -> left.add(region + " function " + n));
      names(held.path("state_machines"), tail)
          .forEach(n -> left.add(region + " state machine " + n));
      names(held.path("log_groups"), tail).forEach(n -> left.add(region + " log group " + n));
    }
    names(inventory.path("buckets"), tail).forEach(n -> left.add("bucket " + n));
    names(inventory.path("roles"), tail).forEach(n -> left.add("role " + n));
    return left;
  }

  /** The names ending in the tail: of the array's texts, or of its objects' "name". */
  private static List<String> names(JsonNode array, String tail) {
    List<String> names = new ArrayList<>();
    array.forEach(
        n -> {
          String name = n.isObject() ? n.path("name").asText() : n.asText();
          if (name.endsWith(tail)) {
            names.add(name);
          }
        });
    return names;
  }
}

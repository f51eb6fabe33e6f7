package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How every Lambda function is packaged, run, observed and configured. */
final class LambdaRules {

  static final String INSIGHTS_POLICY =
      "arn:${AWS::Partition}:iam::aws:policy/CloudWatchLambdaInsightsExecutionRolePolicy";

  private static final Pattern PINNED_IMAGE =
      Pattern.compile(
          "[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/[a-z0-9._/-]+@sha256:[0-9a-f]{64}");
  private static final Pattern FUNCTION_NAME =
      Pattern.compile("lambda-(.+)-" + SampleDeployment.ENVIRONMENT);

  /** A check of one function, given the sample deployment of its template set. */
  @FunctionalInterface
  private interface FunctionCheck {
    void check(SampleDeployment deployment, Resource function, List<String> violations);
  }

  static final TemplateRule CONTAINER_IMAGES =
      eachFunction(
          "functions-are-container-images",
          (deployment, function, violations) -> {
            if (!function.property("PackageType").asText().equals("Image")) {
              violations.add(function.where() + " PackageType is not Image");
            }
            for (String zipOnly : List.of("Handler", "Runtime", "Layers")) {
              if (function.properties().has(zipOnly)) {
                violations.add(
                    function.where() + " sets " + zipOnly + ", which image functions do not have");
              }
            }
            if (!Intrinsics.names(function.property("Code")).equals(List.of("ImageUri"))) {
              violations.add(function.where() + " Code is not just an ImageUri");
            }
          });

  static final TemplateRule ARM64 =
      eachFunction(
          "functions-run-on-arm64",
          (deployment, function, violations) -> {
            JsonNode architectures = function.property("Architectures");
            if (!(architectures.size() == 1 && architectures.get(0).asText().equals("arm64"))) {
              violations.add(
                  function.where() + " Architectures is " + architectures + ", not [\"arm64\"]");
            }
          });

  /**
   * The URI names the registry of the deploying account and region, so the replica region pulls the
   * replicated image, and ends in the digest, so a tag cannot move under a deployed function.
   */
  static final TemplateRule PINNED_BY_DIGEST =
      eachFunction(
          "function-images-pinned-by-digest",
          (deployment, function, violations) -> {
            JsonNode uri = function.property("Code").path("ImageUri");
            String template = Intrinsics.sub(uri).orElse("");
            if (!template.startsWith(
                "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/")) {
              violations.add(
                  function.where()
                      + " ImageUri does not name the registry of the deploying account and region");
              return;
            }
            String image = deployment.text(function.template(), uri);
            if (!PINNED_IMAGE.matcher(image).matches()) {
              violations.add(
                  function.where() + " ImageUri is not <repository-uri>@sha256:<digest>: " + image);
            }
          });

  static final TemplateRule HANDLER_COMMAND =
      eachFunction(
          "image-command-selects-contract-handler",
          (deployment, function, violations) -> {
            Optional<StageContract.FunctionContract> contract = contract(deployment, function);
            if (contract.isEmpty()) {
              violations.add(function.where() + " is no function of docs/stage-contracts.md");
              return;
            }
            JsonNode command = function.property("ImageConfig").path("Command");
            if (!(command.size() == 1
                && command.get(0).asText().equals(contract.get().handler()))) {
              violations.add(
                  function.where()
                      + " ImageConfig.Command is "
                      + command
                      + ", not [\""
                      + contract.get().handler()
                      + "\"]");
            }
          });

  static final TemplateRule RESERVED_CONCURRENCY =
      eachFunction(
          "functions-have-reserved-concurrency",
          (deployment, function, violations) -> {
            JsonNode value =
                deployment.evaluate(
                    function.template(), function.property("ReservedConcurrentExecutions"));
            if (!value.isNumber() || value.asInt() < 1) {
              violations.add(
                  function.where()
                      + " ReservedConcurrentExecutions is not a positive number: "
                      + value);
            }
          });

  /** Lambda sends with the function's role: the role must allow it, not just the queue exist. */
  static final TemplateRule OWN_DEAD_LETTER_QUEUE =
      TemplateRule.of(
          "functions-send-failures-to-own-dead-letter-queue",
          (templates, violations) -> {
            List<String> queuesInUse = new ArrayList<>();
            for (Resource function : templates.resourcesOfType("AWS::Lambda::Function")) {
              Optional<Resource> queue =
                  attributeTarget(function, function.property("DeadLetterConfig").path("TargetArn"))
                      .filter(resource -> resource.type().equals("AWS::SQS::Queue"));
              if (queue.isEmpty()) {
                violations.add(
                    function.where() + " DeadLetterConfig does not target a queue of its template");
                continue;
              }
              if (queuesInUse.contains(queue.get().where())) {
                violations.add(
                    function.where() + " shares its dead-letter queue " + queue.get().logicalId());
              }
              queuesInUse.add(queue.get().where());
              if (!roleAllows(function, "sqs:SendMessage", queue.get())) {
                violations.add(
                    function.where()
                        + " role may not send to its dead-letter queue "
                        + queue.get().logicalId());
              }
            }
          });

  static final TemplateRule ACTIVE_TRACING =
      eachFunction(
          "functions-trace-actively",
          (deployment, function, violations) -> {
            if (!function.property("TracingConfig").path("Mode").asText().equals("Active")) {
              violations.add(function.where() + " TracingConfig.Mode is not Active");
            }
          });

  static final TemplateRule EXPLICIT_LOG_GROUP =
      eachFunction(
          "functions-log-to-explicit-log-group-with-retention",
          (deployment, function, violations) -> {
            Optional<Resource> group =
                Intrinsics.ref(function.property("LoggingConfig").path("LogGroup"))
                    .flatMap(id -> function.template().resource(id))
                    .filter(resource -> resource.type().equals("AWS::Logs::LogGroup"));
            if (group.isEmpty()) {
              violations.add(
                  function.where() + " LoggingConfig.LogGroup is not a log group of its template");
            } else if (group.get().property("RetentionInDays").isMissingNode()) {
              violations.add(group.get().where() + " has no RetentionInDays");
            } else if (!roleAllows(function, "logs:PutLogEvents", group.get())) {
              violations.add(
                  function.where()
                      + " role may not write to its log group "
                      + group.get().logicalId());
            }
          });

  /** The extension itself is part of the image: layers are not allowed on image functions. */
  static final TemplateRule LAMBDA_INSIGHTS =
      eachFunction(
          "function-roles-allow-lambda-insights",
          (deployment, function, violations) -> {
            boolean attached =
                role(function)
                    .map(
                        role ->
                            Intrinsics.oneOrMany(role.property("ManagedPolicyArns")).stream()
                                .anyMatch(
                                    arn ->
                                        Intrinsics.sub(arn)
                                            .orElse(arn.asText())
                                            .equals(INSIGHTS_POLICY)))
                    .orElse(false);
            if (!attached) {
              violations.add(
                  function.where() + " role lacks CloudWatchLambdaInsightsExecutionRolePolicy");
            }
          });

  /** The values are the contract's: parameter names and paths, never configuration values. */
  static final TemplateRule CONTRACT_ENVIRONMENT =
      eachFunction(
          "functions-get-contract-environment-of-parameter-names",
          (deployment, function, violations) -> {
            Optional<StageContract.FunctionContract> contract = contract(deployment, function);
            if (contract.isEmpty()) {
              violations.add(function.where() + " is no function of docs/stage-contracts.md");
              return;
            }
            JsonNode variables =
                deployment.evaluate(
                    function.template(), function.property("Environment").path("Variables"));
            for (Map.Entry<String, String> expected : contract.get().environment().entrySet()) {
              String value =
                  StageContract.forEnvironment(expected.getValue(), SampleDeployment.ENVIRONMENT);
              if (!variables.path(expected.getKey()).asText().equals(value)) {
                violations.add(
                    function.where()
                        + " "
                        + expected.getKey()
                        + " is "
                        + variables.path(expected.getKey())
                        + ", not "
                        + value);
              }
            }
          });

  static final TemplateRule TRADE_PATH_IN_PRIVATE_SUBNETS =
      eachFunction(
          "trade-path-functions-in-private-subnets",
          (deployment, function, violations) -> {
            if (contract(deployment, function)
                .flatMap(StageContract.FunctionContract::stage)
                .isEmpty()) {
              return;
            }
            JsonNode vpc = deployment.evaluate(function.template(), function.property("VpcConfig"));
            if (vpc.path("SubnetIds").size() < 2 || vpc.path("SecurityGroupIds").isEmpty()) {
              violations.add(
                  function.where() + " does not run in two subnets with a security group");
            }
          });

  /**
   * ADR 0001: it must reach the replica region's DynamoDB API, which no VPC endpoint here serves.
   */
  static final TemplateRule CUSTOM_RESOURCE_OUTSIDE_VPC =
      eachFunction(
          "custom-resource-function-outside-vpc",
          (deployment, function, violations) -> {
            Optional<StageContract.FunctionContract> contract = contract(deployment, function);
            if (contract.isPresent()
                && contract.get().stage().isEmpty()
                && function.properties().has("VpcConfig")) {
              violations.add(
                  function.where()
                      + " runs in the VPC, from which it cannot reach the replica region");
            }
          });

  /**
   * The trade functions' application log level is a root parameter (FunctionLogLevel, docs/cost.md
   * prices each level) that defaults to INFO: one line per trade and function.
   */
  static final TemplateRule APPLICATION_LOG_LEVEL =
      TemplateRule.deployed(
          "trade-path-log-level-a-parameter-info-by-default",
          (templates, deployment, violations) -> {
            for (Resource function : templates.resourcesOfType("AWS::Lambda::Function")) {
              if (contract(deployment, function)
                  .flatMap(StageContract.FunctionContract::stage)
                  .isEmpty()) {
                continue;
              }
              JsonNode level = function.property("LoggingConfig").path("ApplicationLogLevel");
              violations.addAll(
                  StateMachineRules.passedParameter(
                      templates,
                      function,
                      level,
                      Set.of("DEBUG", "INFO", "WARN", "ERROR"),
                      "application log level"));
              if (!deployment.text(function.template(), level).equals("INFO")) {
                violations.add(function.where() + " does not log at INFO by default");
              }
            }
          });

  private LambdaRules() {}

  /** The function's contract, found by its name {@code lambda-<purpose>-<environment>}. */
  static Optional<StageContract.FunctionContract> contract(
      SampleDeployment deployment, Resource function) {
    Matcher matcher = FUNCTION_NAME.matcher(deployment.physicalName(function).orElse(""));
    return matcher.matches() ? StageContract.byPurpose(matcher.group(1)) : Optional.empty();
  }

  static Optional<Resource> role(Resource function) {
    return attributeTarget(function, function.property("Role"))
        .filter(resource -> resource.type().equals("AWS::IAM::Role"));
  }

  /** Whether the function's role allows {@code action} on the resource of its own template. */
  static boolean roleAllows(Resource function, String action, Resource target) {
    Optional<Resource> role = role(function);
    if (role.isEmpty()) {
      return false;
    }
    for (JsonNode policy : role.get().property("Policies")) {
      for (JsonNode statement :
          Intrinsics.oneOrMany(policy.path("PolicyDocument").path("Statement"))) {
        boolean allows =
            statement.path("Effect").asText().equals("Allow")
                && PolicyDocuments.actions(statement).contains(action);
        boolean names =
            Intrinsics.oneOrMany(statement.path("Resource")).stream()
                .anyMatch(
                    resource ->
                        Intrinsics.getAtt(resource)
                            .map(Intrinsics.GetAtt::logicalId)
                            .or(() -> Intrinsics.ref(resource))
                            .orElse("")
                            .equals(target.logicalId()));
        if (allows && names) {
          return true;
        }
      }
    }
    return false;
  }

  private static Optional<Resource> attributeTarget(Resource owner, JsonNode value) {
    return Intrinsics.getAtt(value)
        .flatMap(getAtt -> owner.template().resource(getAtt.logicalId()));
  }

  private static TemplateRule eachFunction(String id, FunctionCheck check) {
    return TemplateRule.perDeployedResource(
        id,
        "AWS::Lambda::Function",
        (deployment, function, violations) -> {
          check.check(deployment, function, violations);
        });
  }
}

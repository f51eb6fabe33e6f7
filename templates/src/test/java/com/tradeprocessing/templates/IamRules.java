package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Least privilege: named actions, scoped resources, scoped trust, one role per user. */
final class IamRules {

  private static final String XRAY = "X-Ray trace ingestion has no resource-level permissions";

  /**
   * DescribeNetworkInterfaces only works on every resource; the interfaces Lambda creates, assigns
   * addresses to and deletes are scoped to the account and region instead
   * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html).
   */
  private static final String ENI =
      "EC2 describe actions of the network interfaces Lambda manages have no resource-level"
          + " permissions";

  private static final String LOG_DELIVERY =
      "CloudWatch Logs vended-log delivery (Step Functions execution logs) has no resource-level"
          + " permissions";

  /** Actions that can only be granted on {@code "*"}, by the reason why. */
  static final Map<String, Set<String>> ACTIONS_WITHOUT_RESOURCES =
      Map.of(
          XRAY,
          Set.of(
              "xray:PutTraceSegments",
              "xray:PutTelemetryRecords",
              "xray:GetSamplingRules",
              "xray:GetSamplingTargets"),
          ENI,
          Set.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"),
          LOG_DELIVERY,
          Set.of(
              "logs:CreateLogDelivery",
              "logs:GetLogDelivery",
              "logs:UpdateLogDelivery",
              "logs:DeleteLogDelivery",
              "logs:ListLogDeliveries",
              "logs:PutResourcePolicy",
              "logs:DescribeResourcePolicies",
              "logs:DescribeLogGroups"));

  /** Services that pass aws:SourceAccount and aws:SourceArn when they assume a role. */
  static final Set<String> SERVICES_WITH_SOURCE_CONTEXT =
      Set.of("states.amazonaws.com", "events.amazonaws.com", "vpc-flow-logs.amazonaws.com");

  /** Services whose trust cannot be narrowed by source conditions, and why. */
  static final Map<String, String> SERVICES_WITHOUT_SOURCE_CONTEXT =
      Map.of(
          "lambda.amazonaws.com",
          "Lambda does not pass aws:SourceArn when it assumes an execution role; only principals"
              + " allowed iam:PassRole on the role can give it to a function");

  static final TemplateRule NAMED_ACTIONS =
      TemplateRule.of(
          "policies-name-their-actions",
          (templates, violations) -> {
            for (PolicyDocuments.Policy policy : PolicyDocuments.all(templates)) {
              for (JsonNode statement : policy.statements()) {
                // A wildcard in a Deny only widens what is refused, such as every queue action
                // without TLS.
                if (statement.path("Effect").asText().equals("Deny")) {
                  continue;
                }
                if (statement.has("NotAction")) {
                  violations.add(policy.where() + " uses NotAction");
                }
                for (String action : PolicyDocuments.actions(statement)) {
                  if (action.equals("*") || action.endsWith(":*")) {
                    violations.add(policy.where() + " grants " + action);
                  }
                }
              }
            }
          });

  static final TemplateRule SCOPED_RESOURCES =
      TemplateRule.of(
          "identity-policies-scope-resources",
          (templates, violations) -> {
            for (PolicyDocuments.Policy policy : PolicyDocuments.identityPolicies(templates)) {
              for (JsonNode statement : policy.statements()) {
                if (statement.has("NotResource")) {
                  violations.add(policy.where() + " uses NotResource");
                } else if (!statement.has("Resource")) {
                  violations.add(policy.where() + " has a statement that names no Resource");
                }
                boolean anyResource =
                    Intrinsics.oneOrMany(statement.path("Resource")).stream()
                        .anyMatch(
                            resource -> resource.isTextual() && resource.asText().equals("*"));
                if (!anyResource) {
                  continue;
                }
                for (String action : PolicyDocuments.actions(statement)) {
                  if (!withoutResources(action)) {
                    violations.add(policy.where() + " grants " + action + " on every resource");
                  }
                }
              }
            }
          });

  static final TemplateRule SCOPED_TRUST =
      TemplateRule.perResource(
          "role-trust-scoped-to-source",
          "AWS::IAM::Role",
          (role, violations) -> {
            for (JsonNode statement :
                Intrinsics.oneOrMany(role.property("AssumeRolePolicyDocument").path("Statement"))) {
              JsonNode principal = statement.path("Principal");
              if (!Intrinsics.names(principal).equals(List.of("Service"))) {
                violations.add(
                    role.where() + " trusts principals other than a service: " + principal);
                continue;
              }
              for (JsonNode service : Intrinsics.oneOrMany(principal.path("Service"))) {
                String name = service.asText();
                if (SERVICES_WITH_SOURCE_CONTEXT.contains(name)) {
                  JsonNode condition = statement.path("Condition");
                  boolean account = condition.path("StringEquals").has("aws:SourceAccount");
                  boolean source =
                      condition.path("ArnLike").has("aws:SourceArn")
                          || condition.path("ArnEquals").has("aws:SourceArn");
                  if (!account || !source) {
                    violations.add(
                        role.where()
                            + " trusts "
                            + name
                            + " without aws:SourceAccount and aws:SourceArn");
                  }
                } else if (!SERVICES_WITHOUT_SOURCE_CONTEXT.containsKey(name)) {
                  violations.add(
                      role.where()
                          + " trusts "
                          + name
                          + ", whose source conditions are not yet decided");
                }
              }
            }
          });

  /** A role serves one function, or one service for one purpose. */
  static final TemplateRule ONE_ROLE_PER_FUNCTION_AND_SERVICE =
      TemplateRule.perResource(
          "one-role-per-function-and-service",
          "AWS::IAM::Role",
          (role, violations) -> {
            Set<String> services = new TreeSet<>();
            for (JsonNode statement :
                Intrinsics.oneOrMany(role.property("AssumeRolePolicyDocument").path("Statement"))) {
              Intrinsics.oneOrMany(statement.path("Principal").path("Service"))
                  .forEach(service -> services.add(service.asText()));
            }
            if (services.size() != 1) {
              violations.add(role.where() + " is trusted by " + services + ", not by one service");
            }
            Map<String, List<String>> usersByType = new LinkedHashMap<>();
            for (Resource user : role.template().resources()) {
              boolean uses =
                  Intrinsics.walk(user.properties())
                      .anyMatch(
                          node ->
                              Intrinsics.getAtt(node)
                                  .map(getAtt -> getAtt.logicalId().equals(role.logicalId()))
                                  .orElse(false));
              if (uses) {
                usersByType
                    .computeIfAbsent(user.type(), type -> new ArrayList<>())
                    .add(user.logicalId());
              }
            }
            if (usersByType.size() > 1) {
              violations.add(role.where() + " serves several kinds of resource: " + usersByType);
            }
            List<String> functions = usersByType.getOrDefault("AWS::Lambda::Function", List.of());
            if (functions.size() > 1) {
              violations.add(role.where() + " is shared by functions " + functions);
            }
          });

  static final TemplateRule ONLY_INSIGHTS_MANAGED_POLICY =
      TemplateRule.perResource(
          "no-managed-policies-but-lambda-insights",
          "AWS::IAM::Role",
          (role, violations) -> {
            for (JsonNode arn : role.property("ManagedPolicyArns")) {
              if (!Intrinsics.sub(arn).orElse(arn.asText()).equals(LambdaRules.INSIGHTS_POLICY)) {
                violations.add(role.where() + " attaches the managed policy " + arn);
              }
            }
          });

  private static boolean withoutResources(String action) {
    return ACTIONS_WITHOUT_RESOURCES.values().stream()
        .anyMatch(actions -> actions.contains(action));
  }

  private IamRules() {}
}

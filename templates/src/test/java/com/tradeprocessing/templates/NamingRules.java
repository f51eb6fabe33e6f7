package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Physical names: {@code {resource-type}-{purpose}-${EnvironmentSuffix}}. */
final class NamingRules {

  /** The resource-type word that starts the name of each named resource type. */
  static final Map<String, String> TYPE_WORDS =
      Map.ofEntries(
          Map.entry("AWS::Lambda::Function", "lambda"),
          Map.entry("AWS::SQS::Queue", "sqs"),
          Map.entry("AWS::SNS::Topic", "sns"),
          Map.entry("AWS::DynamoDB::Table", "dynamodb"),
          Map.entry("AWS::ECR::Repository", "ecr"),
          Map.entry("AWS::IAM::Role", "role"),
          Map.entry("AWS::StepFunctions::StateMachine", "sfn"),
          Map.entry("AWS::Events::EventBus", "eventbus"),
          Map.entry("AWS::Events::Rule", "rule"),
          Map.entry("AWS::Events::Archive", "archive"),
          Map.entry("AWS::CloudWatch::Alarm", "alarm"),
          Map.entry("AWS::KMS::Alias", "alias/kms"));

  /** Log groups are named after what logs into them, under the path that service expects. */
  static final Map<String, String> LOG_GROUP_PATHS =
      Map.of(
          "/aws/lambda/", "lambda",
          "/aws/vendedlogs/states/", "sfn",
          "/aws/vpc/flowlogs/", "vpc");

  /** Name tags of the network resources, which have no name property. */
  static final Map<String, String> TAG_WORDS =
      Map.of(
          "AWS::EC2::VPC", "vpc",
          "AWS::EC2::Subnet", "subnet",
          "AWS::EC2::RouteTable", "rtb",
          "AWS::EC2::SecurityGroup", "sg",
          "AWS::EC2::FlowLog", "flowlog");

  private static final String SUFFIX = "${EnvironmentSuffix}";

  static final TemplateRule TYPE_PURPOSE_ENVIRONMENT =
      TemplateRule.deployed(
          "names-are-type-purpose-environment",
          (templates, deployment, violations) -> {
            for (Resource resource : templates.resources()) {
              String word = TYPE_WORDS.get(resource.type());
              String property = SampleDeployment.NAME_PROPERTIES.get(resource.type());
              JsonNode raw = property == null ? null : resource.property(property);
              if (resource.type().equals("AWS::Logs::LogGroup")) {
                checkLogGroup(deployment, resource, raw, violations);
              } else if (word != null) {
                check(deployment, resource, raw, word, violations);
              } else if (TAG_WORDS.containsKey(resource.type())) {
                JsonNode tag =
                    Intrinsics.oneOrMany(resource.property("Tags")).stream()
                        .filter(candidate -> candidate.path("Key").asText().equals("Name"))
                        .map(candidate -> candidate.path("Value"))
                        .findFirst()
                        .orElse(null);
                check(deployment, resource, tag, TAG_WORDS.get(resource.type()), violations);
              }
            }
          });

  private NamingRules() {}

  private static void check(
      SampleDeployment deployment,
      Resource resource,
      JsonNode raw,
      String word,
      List<String> violations) {
    if (raw == null || raw.isMissingNode()) {
      violations.add(resource.where() + " has no name");
      return;
    }
    if (!Intrinsics.sub(raw).orElse("").endsWith("-" + SUFFIX)) {
      violations.add(resource.where() + " name does not end in -" + SUFFIX);
      return;
    }
    String name = deployment.text(resource.template(), raw);
    Pattern expected =
        Pattern.compile(
            Pattern.quote(word) + "-[a-z0-9]+(-[a-z0-9]+)*-" + SampleDeployment.ENVIRONMENT);
    if (!expected.matcher(name).matches()) {
      violations.add(
          resource.where() + " name " + name + " is not " + word + "-<purpose>-<environment>");
    }
  }

  private static void checkLogGroup(
      SampleDeployment deployment, Resource group, JsonNode raw, List<String> violations) {
    String name = raw == null ? "" : deployment.text(group.template(), raw);
    for (Map.Entry<String, String> path : LOG_GROUP_PATHS.entrySet()) {
      if (name.startsWith(path.getKey())) {
        String rest = name.substring(path.getKey().length());
        if (!Pattern.matches(
                Pattern.quote(path.getValue())
                    + "-[a-z0-9]+(-[a-z0-9]+)*-"
                    + SampleDeployment.ENVIRONMENT,
                rest)
            || !Intrinsics.sub(raw).orElse("").endsWith(SUFFIX)) {
          violations.add(
              group.where()
                  + " name "
                  + name
                  + " does not end in "
                  + path.getValue()
                  + "-<purpose>-<environment>");
        }
        return;
      }
    }
    violations.add(
        group.where() + " name " + name + " is under none of " + LOG_GROUP_PATHS.keySet());
  }
}

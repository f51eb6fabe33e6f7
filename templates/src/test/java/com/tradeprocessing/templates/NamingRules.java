package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Physical names: {@code {resource-type}-{purpose}-${EnvironmentSuffix}}. */
final class NamingRules {

  /** Log groups are named after what logs into them, under the path that service expects. */
  static final Map<String, String> LOG_GROUP_PATHS =
      Map.of(
          "/aws/lambda/", "lambda",
          "/aws/vendedlogs/states/", "sfn",
          "/aws/vpc/flowlogs/", "vpc");

  private static final String SUFFIX = "${EnvironmentSuffix}";

  static final TemplateRule TYPE_PURPOSE_ENVIRONMENT =
      TemplateRule.deployed(
          "names-are-type-purpose-environment",
          (templates, deployment, violations) -> {
            for (Resource resource : templates.resources()) {
              Optional<ResourceConventions> conventions = ResourceConventions.of(resource.type());
              Optional<String> property = conventions.flatMap(ResourceConventions::nameProperty);
              Optional<String> word = conventions.flatMap(ResourceConventions::nameWord);
              if (resource.type().equals("AWS::Logs::LogGroup")) {
                checkLogGroup(
                    deployment,
                    resource,
                    property.map(resource::property).orElse(null),
                    violations);
              } else if (word.isPresent()) {
                JsonNode name =
                    property.isPresent() ? resource.property(property.get()) : nameTag(resource);
                check(deployment, resource, name, word.get(), violations);
              }
            }
          });

  private NamingRules() {}

  /** The value of the resource's Name tag, for a type that has no name property. */
  private static JsonNode nameTag(Resource resource) {
    return Intrinsics.oneOrMany(resource.property("Tags")).stream()
        .filter(candidate -> candidate.path("Key").asText().equals("Name"))
        .map(candidate -> candidate.path("Value"))
        .findFirst()
        .orElse(null);
  }

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

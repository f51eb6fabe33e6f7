package com.tradeprocessing.templates;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The Parameter Store parameters: String values under the environment's path, as contracted. */
final class ConfigurationRules {

  static final String PATH_PREFIX = "/trade-processing/${EnvironmentSuffix}/";

  static final TemplateRule STRINGS_UNDER_ENVIRONMENT_PATH =
      TemplateRule.perResource(
          "ssm-parameters-strings-under-environment-path",
          "AWS::SSM::Parameter",
          (parameter, violations) -> {
            if (!parameter.property("Type").asText().equals("String")) {
              violations.add(parameter.where() + " Type is not String");
            }
            if (!Intrinsics.sub(parameter.property("Name")).orElse("").startsWith(PATH_PREFIX)) {
              violations.add(parameter.where() + " Name is not under " + PATH_PREFIX);
            }
          });

  /** Exactly the contract's parameters, with the contract's defaults in a default deployment. */
  static final TemplateRule CONTRACT_PARAMETERS =
      TemplateRule.deployed(
          "ssm-parameters-of-stage-contracts-with-defaults",
          (templates, deployment, violations) -> {
            String path = "/trade-processing/" + SampleDeployment.ENVIRONMENT + "/";
            Map<String, String> defined = new TreeMap<>();
            for (Resource parameter : templates.resourcesOfType("AWS::SSM::Parameter")) {
              String name = deployment.physicalName(parameter).orElse("");
              defined.put(
                  name.startsWith(path) ? name.substring(path.length()) : name,
                  deployment.text(parameter.template(), parameter.property("Value")));
            }
            for (Map.Entry<String, Optional<String>> expected :
                StageContract.SSM_PARAMETERS.entrySet()) {
              String value = defined.remove(expected.getKey());
              if (value == null) {
                violations.add("no parameter " + path + expected.getKey());
              } else if (expected.getValue().isPresent()
                  && !expected.getValue().get().equals(value)) {
                violations.add(
                    path
                        + expected.getKey()
                        + " defaults to "
                        + value
                        + ", not "
                        + expected.getValue().get());
              }
            }
            defined
                .keySet()
                .forEach(
                    name ->
                        violations.add("parameter " + name + " is not in docs/stage-contracts.md"));
          });

  private ConfigurationRules() {}
}

package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How every template is written: layout, sections, names, descriptions and constraints. */
final class ConventionRules {

  static final List<String> SECTION_ORDER =
      List.of(
          "AWSTemplateFormatVersion",
          "Description",
          "Metadata",
          "Parameters",
          "Rules",
          "Mappings",
          "Conditions",
          "Resources",
          "Outputs");

  private static final Pattern PASCAL_CASE = Pattern.compile("[A-Z][a-z0-9]*([A-Z][a-z0-9]*)*");
  private static final Pattern REGION =
      Pattern.compile(
          "\\b(us|eu|ap|sa|ca|me|af|il|mx|cn)(-gov)?-"
              + "(east|west|north|south|central|northeast|northwest|southeast|southwest)-[0-9]\\b");
  private static final Pattern ACCOUNT_ID = Pattern.compile("(?<![0-9])[0-9]{12}(?![0-9])");
  private static final String FIXED_PARTITION = "arn:aws:";

  static final TemplateRule TWO_SPACE_JSON =
      TemplateRule.perTemplate(
          "two-space-json",
          (template, violations) -> {
            String expected = CanonicalJson.render(template.root());
            if (!expected.equals(template.text())) {
              violations.add(
                  template.name()
                      + " differs from the two-space layout at line "
                      + firstDifferentLine(expected, template.text()));
            }
          });

  static final TemplateRule SECTION_ORDER_RULE =
      TemplateRule.perTemplate(
          "section-order",
          (template, violations) -> {
            List<String> sections = Intrinsics.names(template.root());
            int last = -1;
            for (String section : sections) {
              int position = SECTION_ORDER.indexOf(section);
              if (position < 0) {
                violations.add(template.name() + " has an unknown section " + section);
              } else if (position < last) {
                violations.add(
                    template.name() + " has " + section + " after " + SECTION_ORDER.get(last));
              } else {
                last = position;
              }
            }
            for (String required :
                List.of("AWSTemplateFormatVersion", "Description", "Resources")) {
              if (!sections.contains(required)) {
                violations.add(template.name() + " has no " + required);
              }
            }
          });

  static final TemplateRule LOGICAL_IDS =
      TemplateRule.of(
          "logical-ids-purpose-then-type",
          (templates, violations) -> {
            for (Resource resource : templates.resources()) {
              String suffix =
                  ResourceConventions.of(resource.type())
                      .map(ResourceConventions::logicalIdSuffix)
                      .orElse(null);
              if (!PASCAL_CASE.matcher(resource.logicalId()).matches()) {
                violations.add(resource.where() + " is not PascalCase");
              } else if (suffix == null) {
                violations.add(
                    resource.where()
                        + " has a type with no agreed logical-id suffix: "
                        + resource.type());
              } else if (!resource.logicalId().endsWith(suffix)
                  || resource.logicalId().equals(suffix)) {
                violations.add(resource.where() + " should be <Purpose>" + suffix);
              }
            }
          });

  static final TemplateRule CONDITION_NAMES =
      TemplateRule.perTemplate(
          "condition-names",
          (template, violations) -> {
            for (String condition : template.conditions().keySet()) {
              if (!condition.endsWith("Condition")) {
                violations.add(
                    template.name() + " condition " + condition + " does not end in Condition");
              }
            }
          });

  static final TemplateRule PARAMETER_CONSTRAINTS =
      TemplateRule.perTemplate(
          "parameter-descriptions-and-constraints",
          (template, violations) -> {
            template
                .parameters()
                .forEach(
                    (name, parameter) -> {
                      String where = template.name() + " parameter " + name;
                      if (parameter.path("Description").asText().isBlank()) {
                        violations.add(where + " has no Description");
                      }
                      if (parameter.path("ConstraintDescription").asText().isBlank()) {
                        violations.add(where + " has no ConstraintDescription");
                      }
                      boolean allowedValues = parameter.has("AllowedValues");
                      switch (parameter.path("Type").asText()) {
                        case "String" -> {
                          if (!allowedValues && !parameter.has("AllowedPattern")) {
                            violations.add(where + " has neither AllowedPattern nor AllowedValues");
                          }
                        }
                        case "Number" -> {
                          if (!allowedValues
                              && !(parameter.has("MinValue") && parameter.has("MaxValue"))) {
                            violations.add(
                                where + " has neither AllowedValues nor MinValue and MaxValue");
                          }
                        }
                        default ->
                            violations.add(
                                where
                                    + " has type "
                                    + parameter.path("Type").asText()
                                    + ", which cannot be constrained");
                      }
                    });
          });

  static final TemplateRule OUTPUT_DESCRIPTIONS =
      TemplateRule.perTemplate(
          "output-descriptions",
          (template, violations) -> {
            template
                .outputs()
                .forEach(
                    (name, output) -> {
                      if (output.path("Description").asText().isBlank()) {
                        violations.add(template.name() + " output " + name + " has no Description");
                      }
                    });
          });

  static final TemplateRule ASSERT_DESCRIPTIONS =
      TemplateRule.perTemplate(
          "rule-assert-descriptions",
          (template, violations) -> {
            template
                .members("Rules")
                .forEach(
                    (name, rule) -> {
                      if (rule.path("Assertions").isEmpty()) {
                        violations.add(template.name() + " rule " + name + " has no assertions");
                      }
                      rule.path("Assertions")
                          .forEach(
                              assertion -> {
                                if (assertion.path("AssertDescription").asText().isBlank()) {
                                  violations.add(
                                      template.name()
                                          + " rule "
                                          + name
                                          + " has an assertion without AssertDescription");
                                }
                              });
                    });
          });

  static final TemplateRule NO_FIXED_LOCATIONS =
      TemplateRule.perTemplate(
          "no-hard-coded-regions-accounts-or-partitions",
          (template, violations) -> {
            checkStrings(template, template.root(), "", violations);
          });

  static final TemplateRule LINT_SUPPRESSIONS =
      TemplateRule.perTemplate(
          "lint-suppressions-per-resource-with-reason",
          (template, violations) -> {
            if (template.section("Metadata").path("cfn-lint").path("config").has("ignore_checks")) {
              violations.add(template.name() + " turns lint rules off for the whole template");
            }
            for (Resource resource : template.resources()) {
              JsonNode lint = resource.node().path("Metadata").path("cfn-lint");
              for (JsonNode rule : lint.path("config").path("ignore_checks")) {
                if (lint.path("ignore_reasons").path(rule.asText()).asText().isBlank()) {
                  violations.add(
                      resource.where()
                          + " ignores "
                          + rule.asText()
                          + " without a reason in Metadata.cfn-lint.ignore_reasons");
                }
              }
            }
          });

  static final TemplateRule INTERFACE_GROUPS =
      TemplateRule.of(
          "entry-parameters-grouped-and-labelled",
          (templates, violations) -> {
            for (Template template : templates.entryPoints()) {
              JsonNode face = template.section("Metadata").path("AWS::CloudFormation::Interface");
              Set<String> grouped = new HashSet<>();
              for (JsonNode group : face.path("ParameterGroups")) {
                if (group.path("Label").path("default").asText().isBlank()) {
                  violations.add(template.name() + " has a parameter group without a label");
                }
                for (JsonNode parameter : group.path("Parameters")) {
                  if (!grouped.add(parameter.asText())) {
                    violations.add(template.name() + " groups " + parameter.asText() + " twice");
                  }
                  if (!template.hasParameter(parameter.asText())) {
                    violations.add(
                        template.name()
                            + " groups a parameter it does not have: "
                            + parameter.asText());
                  }
                }
              }
              for (String parameter : template.parameters().keySet()) {
                if (!grouped.contains(parameter)) {
                  violations.add(
                      template.name() + " parameter " + parameter + " is in no parameter group");
                }
                if (face.path("ParameterLabels")
                    .path(parameter)
                    .path("default")
                    .asText()
                    .isBlank()) {
                  violations.add(template.name() + " parameter " + parameter + " has no label");
                }
              }
            }
          });

  private ConventionRules() {}

  /**
   * Regions may be parameter defaults and allowed values, examples in a parameter's prose, and the
   * regions the linter checks the template for.
   */
  private static void checkStrings(
      Template template, JsonNode node, String path, List<String> violations) {
    if (path.startsWith("/Metadata/cfn-lint")
        || path.matches(
            "/Parameters/[^/]+/(Default|AllowedValues|Description|ConstraintDescription)(/.*)?")) {
      return;
    }
    if (node.isTextual()) {
      String text = node.asText();
      Matcher region = REGION.matcher(text);
      if (region.find()) {
        violations.add(template.name() + path + " names the region " + region.group());
      }
      Matcher account = ACCOUNT_ID.matcher(text);
      if (account.find()) {
        violations.add(template.name() + path + " holds the account id " + account.group());
      }
      // Step Functions service integrations are named arn:aws:states:::<service>:<api>.
      if (text.contains(FIXED_PARTITION) && !text.startsWith("arn:aws:states:::")) {
        violations.add(template.name() + path + " fixes the partition: use ${AWS::Partition}");
      }
    } else if (node.isObject()) {
      node.properties()
          .forEach(
              entry ->
                  checkStrings(
                      template, entry.getValue(), path + "/" + entry.getKey(), violations));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkStrings(template, node.get(i), path + "/" + i, violations);
      }
    }
  }

  private static int firstDifferentLine(String expected, String actual) {
    String[] expectedLines = expected.split("\n", -1);
    String[] actualLines = actual.split("\n", -1);
    int lines = Math.min(expectedLines.length, actualLines.length);
    for (int i = 0; i < lines; i++) {
      if (!expectedLines[i].equals(actualLines[i])) {
        return i + 1;
      }
    }
    return lines + 1;
  }
}

package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** How the root template nests and wires its children. */
final class NestedStackRules {

  /** Children are named by their path beside the root; packaging rewrites it to S3. */
  static final TemplateRule LOCAL_CHILD_TEMPLATES =
      TemplateRule.of(
          "nested-stacks-reference-local-children",
          (templates, violations) -> {
            for (Resource stack : templates.resourcesOfType("AWS::CloudFormation::Stack")) {
              JsonNode url = stack.property("TemplateURL");
              if (!url.isTextual()
                  || url.asText().contains("/")
                  || !url.asText().endsWith(".json")) {
                violations.add(
                    stack.where()
                        + " TemplateURL is not the file name of a sibling template: "
                        + url);
              } else if (templates.template(url.asText()).isEmpty()) {
                violations.add(stack.where() + " nests " + url.asText() + ", which does not exist");
              }
            }
          });

  /**
   * Every parameter a child needs is passed, nothing else is, and each value is a parameter of the
   * parent or another child's output read with {@code Fn::GetAtt [Stack, Outputs.Name]}.
   */
  static final TemplateRule CHILD_PARAMETERS_WIRED =
      TemplateRule.of(
          "child-parameters-complete-and-wired-with-getatt",
          (templates, violations) -> {
            for (Resource stack : templates.resourcesOfType("AWS::CloudFormation::Stack")) {
              Optional<Template> child = templates.template(stack.property("TemplateURL").asText());
              if (child.isEmpty()) {
                continue;
              }
              JsonNode passed = stack.property("Parameters");
              child
                  .get()
                  .parameters()
                  .forEach(
                      (name, parameter) -> {
                        if (!passed.has(name) && !parameter.has("Default")) {
                          violations.add(
                              stack.where()
                                  + " does not pass "
                                  + name
                                  + ", which "
                                  + child.get().name()
                                  + " needs");
                        }
                      });
              passed
                  .properties()
                  .forEach(
                      entry -> {
                        String where = stack.where() + " parameter " + entry.getKey();
                        if (!child.get().hasParameter(entry.getKey())) {
                          violations.add(where + " is not a parameter of " + child.get().name());
                        }
                        wiringProblem(templates, stack.template(), entry.getValue())
                            .ifPresent(problem -> violations.add(where + " " + problem));
                      });
            }
          });

  static final TemplateRule NO_EXPORTS =
      TemplateRule.perTemplate(
          "outputs-not-exported",
          (template, violations) -> {
            template
                .outputs()
                .forEach(
                    (name, output) -> {
                      if (output.has("Export")) {
                        violations.add(
                            template.name()
                                + " output "
                                + name
                                + " is exported; nested stacks read outputs with Fn::GetAtt");
                      }
                    });
            Intrinsics.memberNames(template.root())
                .filter("Fn::ImportValue"::equals)
                .findFirst()
                .ifPresent(
                    name ->
                        violations.add(
                            template.name() + " imports a value; take it as a parameter instead"));
          });

  private NestedStackRules() {}

  private static Optional<String> wiringProblem(
      TemplateSet templates, Template parent, JsonNode value) {
    Optional<String> ref = Intrinsics.ref(value);
    if (ref.isPresent()) {
      return parent.hasParameter(ref.get()) || ref.get().startsWith("AWS::")
          ? Optional.empty()
          : Optional.of(
              "refers to " + ref.get() + ", which is not a parameter of " + parent.name());
    }
    Optional<Intrinsics.GetAtt> getAtt = Intrinsics.getAtt(value);
    if (getAtt.isPresent()) {
      Optional<Resource> source = parent.resource(getAtt.get().logicalId());
      if (source.isEmpty() || !source.get().type().equals("AWS::CloudFormation::Stack")) {
        return Optional.of("reads " + getAtt.get().logicalId() + ", which is not a nested stack");
      }
      if (!getAtt.get().attribute().startsWith("Outputs.")) {
        return Optional.of("reads " + getAtt.get().attribute() + " instead of an output");
      }
      String output = getAtt.get().attribute().substring("Outputs.".length());
      Optional<Template> sibling =
          templates.template(source.get().property("TemplateURL").asText());
      if (sibling.isPresent() && !sibling.get().section("Outputs").has(output)) {
        return Optional.of(
            "reads output " + output + ", which " + sibling.get().name() + " does not have");
      }
      return Optional.empty();
    }
    if (value.isObject() && value.has("Fn::If") && value.size() == 1) {
      JsonNode branches = value.get("Fn::If");
      for (int i = 1; i < branches.size(); i++) {
        Optional<String> problem = wiringProblem(templates, parent, branches.get(i));
        if (problem.isPresent()) {
          return problem;
        }
      }
      return Optional.empty();
    }
    if (Intrinsics.sub(value).isPresent()) {
      for (String variable : Intrinsics.subVariables(Intrinsics.sub(value).get())) {
        if (!parent.hasParameter(variable) && !variable.startsWith("AWS::")) {
          return Optional.of(
              "substitutes " + variable + ", which is not a parameter of " + parent.name());
        }
      }
      return Optional.empty();
    }
    return Optional.of("is neither a parameter of the parent nor a stack output: " + value);
  }
}

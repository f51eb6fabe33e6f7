package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * A state machine's {@code Definition} with its {@code DefinitionSubstitutions} applied, as Step
 * Functions receives it in a sample deployment.
 */
public record StateMachineDefinition(Resource stateMachine, JsonNode definition) {

  static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
  static final String SQS_SEND_MESSAGE = "arn:aws:states:::sqs:sendMessage";

  /** A {@code States} object and where it is: the top level or a branch of a Parallel state. */
  record Scope(String path, JsonNode node) {

    JsonNode states() {
      return node.path("States");
    }

    Optional<State> state(String name) {
      JsonNode state = states().get(name);
      return state == null ? Optional.empty() : Optional.of(new State(this, name, state));
    }
  }

  /** One state, named within its scope. */
  record State(Scope scope, String name, JsonNode node) {

    String type() {
      return node.path("Type").asText();
    }

    String resource() {
      return node.path("Resource").asText();
    }

    String where() {
      return scope.path() + "/" + name;
    }

    /** The states this one may go to next: Next, Default, choices and catchers. */
    List<String> successors() {
      List<String> successors = new ArrayList<>();
      if (node.hasNonNull("Next")) {
        successors.add(node.get("Next").asText());
      }
      if (node.hasNonNull("Default")) {
        successors.add(node.get("Default").asText());
      }
      node.path("Choices").forEach(choice -> successors.add(choice.path("Next").asText()));
      node.path("Catch").forEach(catcher -> successors.add(catcher.path("Next").asText()));
      return successors;
    }

    boolean terminal() {
      return type().equals("Succeed") || type().equals("Fail") || node.path("End").asBoolean(false);
    }
  }

  static List<StateMachineDefinition> all(SampleDeployment deployment) {
    return deployment.templates().resourcesOfType("AWS::StepFunctions::StateMachine").stream()
        .map(stateMachine -> load(deployment, stateMachine))
        .toList();
  }

  public static StateMachineDefinition load(SampleDeployment deployment, Resource stateMachine) {
    Map<String, String> substitutions = new LinkedHashMap<>();
    stateMachine
        .property("DefinitionSubstitutions")
        .properties()
        .forEach(
            entry ->
                substitutions.put(
                    entry.getKey(), deployment.text(stateMachine.template(), entry.getValue())));
    return new StateMachineDefinition(
        stateMachine, substitute(stateMachine.property("Definition"), substitutions));
  }

  Scope top() {
    return new Scope(stateMachine.where(), definition);
  }

  /** The top level and every Parallel branch, however deep. */
  List<Scope> scopes() {
    List<Scope> scopes = new ArrayList<>();
    collectScopes(top(), scopes);
    return scopes;
  }

  List<State> states() {
    List<State> states = new ArrayList<>();
    for (Scope scope : scopes()) {
      scope
          .states()
          .properties()
          .forEach(entry -> states.add(new State(scope, entry.getKey(), entry.getValue())));
    }
    return states;
  }

  List<State> tasks() {
    return states().stream().filter(state -> state.type().equals("Task")).toList();
  }

  List<State> lambdaTasks() {
    return tasks().stream().filter(task -> task.resource().equals(LAMBDA_INVOKE)).toList();
  }

  /**
   * The {@code FunctionName} of every Lambda task, each once, in the order of the tasks: the top
   * level first, then each Parallel branch. Substituted, so a function ARN of this deployment.
   */
  public List<String> invokedFunctions() {
    return lambdaTasks().stream()
        .map(task -> task.node().path("Parameters").path("FunctionName").asText())
        .distinct()
        .toList();
  }

  private static void collectScopes(Scope scope, List<Scope> scopes) {
    scopes.add(scope);
    scope
        .states()
        .properties()
        .forEach(
            entry -> {
              JsonNode branches = entry.getValue().path("Branches");
              for (int i = 0; i < branches.size(); i++) {
                collectScopes(
                    new Scope(
                        scope.path() + "/" + entry.getKey() + "/Branches/" + i, branches.get(i)),
                    scopes);
              }
            });
  }

  private static JsonNode substitute(JsonNode node, Map<String, String> substitutions) {
    if (node.isTextual()) {
      Matcher matcher = Intrinsics.subVariablePattern().matcher(node.asText());
      StringBuilder result = new StringBuilder();
      while (matcher.find()) {
        String value = substitutions.getOrDefault(matcher.group(1), matcher.group(0));
        matcher.appendReplacement(result, Matcher.quoteReplacement(value));
      }
      matcher.appendTail(result);
      return TextNode.valueOf(result.toString());
    }
    if (node.isArray()) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> array.add(substitute(item, substitutions)));
      return array;
    }
    if (node.isObject()) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      node.properties()
          .forEach(
              entry -> object.set(entry.getKey(), substitute(entry.getValue(), substitutions)));
      return object;
    }
    return node;
  }
}

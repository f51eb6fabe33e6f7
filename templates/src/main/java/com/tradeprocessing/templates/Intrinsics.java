package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads CloudFormation intrinsic functions as they are written, without evaluating them. */
final class Intrinsics {

  /** {@code ${Name}} and {@code ${Resource.Attribute}}; {@code ${!Literal}} is not a variable. */
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

  private Intrinsics() {}

  /** The attribute a {@code Fn::GetAtt} reads. */
  record GetAtt(String logicalId, String attribute) {}

  static Optional<String> ref(JsonNode node) {
    return single(node, "Ref").filter(JsonNode::isTextual).map(JsonNode::asText);
  }

  static Optional<GetAtt> getAtt(JsonNode node) {
    return single(node, "Fn::GetAtt")
        .flatMap(
            value -> {
              if (value.isArray() && value.size() == 2) {
                return Optional.of(new GetAtt(value.get(0).asText(), value.get(1).asText()));
              }
              if (value.isTextual() && value.asText().contains(".")) {
                String text = value.asText();
                int dot = text.indexOf('.');
                return Optional.of(new GetAtt(text.substring(0, dot), text.substring(dot + 1)));
              }
              return Optional.empty();
            });
  }

  /** The template string of a {@code Fn::Sub}, in either of its two forms. */
  static Optional<String> sub(JsonNode node) {
    return single(node, "Fn::Sub")
        .flatMap(
            value -> {
              if (value.isTextual()) {
                return Optional.of(value.asText());
              }
              if (value.isArray() && value.size() == 2 && value.get(0).isTextual()) {
                return Optional.of(value.get(0).asText());
              }
              return Optional.empty();
            });
  }

  static List<String> subVariables(String template) {
    List<String> variables = new ArrayList<>();
    Matcher matcher = SUB_VARIABLE.matcher(template);
    while (matcher.find()) {
      variables.add(matcher.group(1));
    }
    return variables;
  }

  static Pattern subVariablePattern() {
    return SUB_VARIABLE;
  }

  /** The node and every node below it, depth first. */
  static Stream<JsonNode> walk(JsonNode node) {
    List<JsonNode> nodes = new ArrayList<>();
    collect(node, nodes);
    return nodes.stream();
  }

  /** Every object member name at any depth below {@code node}. */
  static Stream<String> memberNames(JsonNode node) {
    return walk(node).filter(JsonNode::isObject).flatMap(object -> names(object).stream());
  }

  static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.properties().forEach(entry -> names.add(entry.getKey()));
    return names;
  }

  /** A JSON string or the strings of a JSON array, as IAM policies allow either. */
  static List<JsonNode> oneOrMany(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (node.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      node.forEach(items::add);
      return items;
    }
    return List.of(node);
  }

  private static void collect(JsonNode node, List<JsonNode> nodes) {
    nodes.add(node);
    if (node.isContainerNode()) {
      node.forEach(child -> collect(child, nodes));
    }
  }

  private static Optional<JsonNode> single(JsonNode node, String function) {
    if (node != null && node.isObject() && node.size() == 1 && node.has(function)) {
      return Optional.of(node.get(function));
    }
    return Optional.empty();
  }
}

package com.tradeprocessing.integration.runlocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.templates.Template;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The root template's parameters as run-local deploys them: every parameter takes its default from
 * {@code templates/root.json}, as in a default deployment, unless the user overrides it ({@code
 * --parameter MaxTradeAge=P30D}). An override is checked as CloudFormation checks a parameter value
 * (AllowedPattern, AllowedValues, MinValue, MaxValue), so run-local never judges trades by a
 * threshold that a deployment could not have.
 */
final class RootParameters {

  /** Parameters run-local sets itself: the local environment and the local reference-data API. */
  private static final Set<String> SET_BY_RUN_LOCAL =
      Set.of("EnvironmentSuffix", "ReferenceDataBaseUrl");

  private final Map<String, JsonNode> declared;
  private final Map<String, String> overrides;

  private RootParameters(Map<String, JsonNode> declared, Map<String, String> overrides) {
    this.declared = declared;
    this.overrides = overrides;
  }

  /**
   * The parameters of {@code rootTemplate} with {@code assignments} ({@code Name=Value}) over their
   * defaults.
   *
   * @throws IllegalArgumentException naming the assignment that is not a parameter with a default,
   *     or whose value the parameter's constraints refuse
   */
  static RootParameters load(Path rootTemplate, List<String> assignments) throws IOException {
    Template template =
        Template.parse(
            rootTemplate.getFileName().toString(),
            Files.readString(rootTemplate, StandardCharsets.UTF_8));
    Map<String, JsonNode> declared = template.parameters();
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String assignment : assignments) {
      int equals = assignment.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException(
            "--parameter " + assignment + ": expected Name=Value, such as MaxTradeAge=P30D");
      }
      String name = assignment.substring(0, equals);
      String value = assignment.substring(equals + 1);
      JsonNode parameter = declared.get(name);
      if (parameter == null || !parameter.has("Default") || SET_BY_RUN_LOCAL.contains(name)) {
        throw new IllegalArgumentException(
            "--parameter "
                + name
                + ": not a parameter of "
                + template.name()
                + " that run-local deploys with a default; one of "
                + overridable(declared));
      }
      check(name, value, parameter);
      overrides.put(name, value);
    }
    return new RootParameters(declared, overrides);
  }

  /** The values over the defaults, to deploy with. */
  Map<String, String> overrides() {
    return Map.copyOf(overrides);
  }

  /**
   * The overrides whose value differs from the default, as {@code Name=Value (default D)}, in the
   * order given; empty when the deployment is the default one.
   */
  List<String> differencesFromDefaults() {
    List<String> differences = new ArrayList<>();
    overrides.forEach(
        (name, value) -> {
          String defaultValue = declared.get(name).get("Default").asText();
          if (!defaultValue.equals(value)) {
            differences.add(name + "=" + value + " (default " + defaultValue + ")");
          }
        });
    return differences;
  }

  private static void check(String name, String value, JsonNode parameter) {
    String constraint = parameter.path("ConstraintDescription").asText("");
    String refused = "--parameter " + name + "=" + value + " is refused by the template";
    if (parameter.has("AllowedPattern")
        && !Pattern.compile(parameter.get("AllowedPattern").asText()).matcher(value).matches()) {
      throw new IllegalArgumentException(refused + ": " + constraint);
    }
    if (parameter.has("AllowedValues")) {
      List<String> allowed = new ArrayList<>();
      parameter.get("AllowedValues").forEach(v -> allowed.add(v.asText()));
      if (!allowed.contains(value)) {
        throw new IllegalArgumentException(refused + ": one of " + allowed);
      }
    }
    if (parameter.path("Type").asText().equals("Number")) {
      BigDecimal number;
      try {
        number = new BigDecimal(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(refused + ": not a number");
      }
      if ((parameter.has("MinValue")
              && number.compareTo(parameter.get("MinValue").decimalValue()) < 0)
          || (parameter.has("MaxValue")
              && number.compareTo(parameter.get("MaxValue").decimalValue()) > 0)) {
        throw new IllegalArgumentException(refused + ": " + constraint);
      }
    }
  }

  private static List<String> overridable(Map<String, JsonNode> declared) {
    return declared.entrySet().stream()
        .filter(entry -> entry.getValue().has("Default"))
        .map(Map.Entry::getKey)
        .filter(name -> !SET_BY_RUN_LOCAL.contains(name))
        .toList();
  }
}

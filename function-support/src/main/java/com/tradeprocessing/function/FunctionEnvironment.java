package com.tradeprocessing.function;

import java.util.Map;
import java.util.Objects;

/**
 * The environment variables of a function's container, read once by its wiring. A required variable
 * that is missing fails the container's start with the variable's name, so a misconfigured function
 * is seen at its first invocation, not at its first trade of a kind.
 */
public final class FunctionEnvironment {

  /** Set by Lambda in every execution environment: the function's region. */
  public static final String REGION = "AWS_REGION";

  private final Map<String, String> variables;

  public FunctionEnvironment(Map<String, String> variables) {
    this.variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
  }

  /** The container's own environment. */
  public static FunctionEnvironment system() {
    return new FunctionEnvironment(System.getenv());
  }

  /**
   * @throws IllegalStateException naming the variable when it is unset or blank
   */
  public String required(String name) {
    String value = variables.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return value;
  }

  /** The variable's value, or {@code fallback} when it is unset or blank. */
  public String optional(String name, String fallback) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** {@value #REGION}, required. */
  public String region() {
    return required(REGION);
  }
}

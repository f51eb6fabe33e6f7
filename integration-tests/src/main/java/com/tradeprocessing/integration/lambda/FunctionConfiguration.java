package com.tradeprocessing.integration.lambda;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the Lambda service knows of a function and a container needs: its name and ARN, the handler
 * its image runs ({@code ImageConfig.Command}), its environment variables, timeout, memory and log
 * settings.
 */
public record FunctionConfiguration(
    String name,
    String arn,
    String handler,
    Map<String, String> environment,
    Duration timeout,
    int memoryMb,
    String logGroup,
    String logFormat,
    String applicationLogLevel) {

  public FunctionConfiguration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(handler, "handler");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(timeout, "timeout");
  }

  /** The handler string of an image function: the first element of its command. */
  public static String handlerOf(List<String> imageCommand, String functionName) {
    if (imageCommand == null || imageCommand.isEmpty() || imageCommand.get(0).isBlank()) {
      throw new IllegalArgumentException(
          "function " + functionName + " has no ImageConfig.Command naming its handler");
    }
    return imageCommand.get(0);
  }
}

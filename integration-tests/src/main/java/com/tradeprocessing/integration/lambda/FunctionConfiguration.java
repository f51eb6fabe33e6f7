package com.tradeprocessing.integration.lambda;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

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

  /** The configuration GetFunctionConfiguration answered for the function of that name. */
  public static FunctionConfiguration from(GetFunctionConfigurationResponse function, String name) {
    Map<String, String> environment =
        function.environment() == null || function.environment().variables() == null
            ? Map.of()
            : function.environment().variables();
    var logging = function.loggingConfig();
    return new FunctionConfiguration(
        function.functionName(),
        function.functionArn(),
        handlerOf(
            function.imageConfigResponse() == null
                    || function.imageConfigResponse().imageConfig() == null
                ? null
                : function.imageConfigResponse().imageConfig().command(),
            name),
        environment,
        Duration.ofSeconds(function.timeout() == null ? 3 : function.timeout()),
        function.memorySize() == null ? 128 : function.memorySize(),
        logging != null && logging.logGroup() != null ? logging.logGroup() : "/aws/lambda/" + name,
        logging == null ? null : logging.logFormatAsString(),
        logging == null ? null : logging.applicationLogLevelAsString());
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

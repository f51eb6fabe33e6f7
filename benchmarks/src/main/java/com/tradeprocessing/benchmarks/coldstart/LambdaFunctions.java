package com.tradeprocessing.benchmarks.coldstart;

import com.tradeprocessing.integration.lambda.FunctionConfiguration;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/**
 * A function's configuration as the emulator's Lambda API holds it, provisioned from the templates.
 */
final class LambdaFunctions {

  private LambdaFunctions() {}

  static FunctionConfiguration configuration(LambdaClient lambda, String name) {
    GetFunctionConfigurationResponse function =
        lambda.getFunctionConfiguration(request -> request.functionName(name));
    Map<String, String> environment =
        function.environment() == null || function.environment().variables() == null
            ? Map.of()
            : function.environment().variables();
    var logging = function.loggingConfig();
    return new FunctionConfiguration(
        function.functionName(),
        function.functionArn(),
        FunctionConfiguration.handlerOf(
            function.imageConfigResponse().imageConfig().command(), name),
        environment,
        Duration.ofSeconds(function.timeout()),
        function.memorySize(),
        logging != null && logging.logGroup() != null ? logging.logGroup() : "/aws/lambda/" + name,
        logging == null ? null : logging.logFormatAsString(),
        logging == null ? null : logging.applicationLogLevelAsString());
  }
}

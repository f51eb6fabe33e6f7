package com.tradeprocessing.benchmarks.coldstart;

import com.tradeprocessing.integration.lambda.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A function's configuration as the emulator's Lambda API holds it, provisioned from the templates.
 */
final class LambdaFunctions {

  private LambdaFunctions() {}

  static FunctionConfiguration configuration(LambdaClient lambda, String name) {
    return FunctionConfiguration.from(
        lambda.getFunctionConfiguration(request -> request.functionName(name)), name);
  }
}

package com.tradeprocessing.integration.lambda;

/** Where the Lambda host reads a function's configuration: the Lambda API of the backend. */
@FunctionalInterface
public interface FunctionConfigurations {

  /**
   * @throws UnknownFunctionException when the backend has no function of that name
   */
  FunctionConfiguration get(String functionName);
}

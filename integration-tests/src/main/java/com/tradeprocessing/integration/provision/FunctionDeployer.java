package com.tradeprocessing.integration.provision;

/** Creates the functions of the templates in a backend, the way that backend can run them. */
public interface FunctionDeployer {

  /** Creates the function; returns its ARN. */
  String create(FunctionSpec function);

  /**
   * The function's configuration changed ({@code UpdateFunctionConfiguration}): invocations from
   * now on must run with the new one, as new Lambda sandboxes do.
   */
  void configurationChanged(String functionName);

  /** Prepares a container of the function ahead of its first invocation, where that helps. */
  default void prewarm(String functionName) {}
}

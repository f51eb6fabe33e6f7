package com.tradeprocessing.integration.lambda;

/** No module of the project holds the handler class a function's image runs. */
public final class FunctionCodeNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public FunctionCodeNotFoundException(String message) {
    super(message);
  }
}

package com.tradeprocessing.integration.lambda;

/** The backend has no function of the name an invocation asked for. */
public final class UnknownFunctionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UnknownFunctionException(String functionName, Throwable cause) {
    super("Function not found: " + functionName, cause);
  }
}

package com.tradeprocessing.integration.lambda;

import java.nio.charset.StandardCharsets;

/** How an invocation ended, as the Invoke API reports it. */
public sealed interface InvocationResult {

  byte[] body();

  /** The handler's output. */
  record Success(byte[] body) implements InvocationResult {}

  /**
   * A function error: {@code body} is {@code {"errorType", "errorMessage", "stackTrace"}}, answered
   * with {@code X-Amz-Function-Error}.
   */
  record FunctionError(byte[] body) implements InvocationResult {

    /** An error the host itself raises (timeout, runtime exit), in the runtime's body shape. */
    static FunctionError of(String errorType, String errorMessage) {
      String body =
          "{\"errorType\":"
              + quote(errorType)
              + ",\"errorMessage\":"
              + quote(errorMessage)
              + ",\"stackTrace\":[]}";
      return new FunctionError(body.getBytes(StandardCharsets.UTF_8));
    }

    /** What Lambda answers for an invocation whose runtime exited: a Runtime.ExitError. */
    static FunctionError runtimeExited(String requestId, String error) {
      return of("Runtime.ExitError", "RequestId: " + requestId + " Error: " + error);
    }

    private static String quote(String text) {
      StringBuilder quoted = new StringBuilder("\"");
      for (char c : text.toCharArray()) {
        switch (c) {
          case '"' -> quoted.append("\\\"");
          case '\\' -> quoted.append("\\\\");
          case '\n' -> quoted.append("\\n");
          case '\r' -> quoted.append("\\r");
          case '\t' -> quoted.append("\\t");
          default -> {
            if (c < 0x20) {
              quoted.append(String.format("\\u%04x", (int) c));
            } else {
              quoted.append(c);
            }
          }
        }
      }
      return quoted.append('"').toString();
    }
  }
}

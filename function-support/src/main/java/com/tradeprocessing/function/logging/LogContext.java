package com.tradeprocessing.function.logging;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The log context of one invocation, the same in every function: Powertools puts the Lambda
 * context's fields (request id, function name and version, cold start) on every log line, the
 * handler adds its own keys (camelCase, e.g. {@code executionId}, {@code tradeId}), and every key
 * is cleared when the invocation ends, so none leaks into the container's next invocation.
 */
public final class LogContext {

  /** The body of an invocation; it may write its output and so throw {@link IOException}. */
  @FunctionalInterface
  public interface HandlerBody {
    void run() throws IOException;
  }

  private LogContext() {}

  /** Runs {@code body} inside a fresh log context, cleared afterwards even if it throws. */
  public static void run(Context context, HandlerBody body) throws IOException {
    PowertoolsLogging.initializeLogging(context);
    runThenClear(body);
  }

  /**
   * As {@link #run(Context, HandlerBody)}, with the correlation id of every log line read from
   * {@code event} at the JMESPath {@code correlationIdPath}.
   */
  public static void run(Context context, String correlationIdPath, Object event, HandlerBody body)
      throws IOException {
    PowertoolsLogging.initializeLogging(context, correlationIdPath, event);
    runThenClear(body);
  }

  /** Adds {@code key} to the log context; a {@code null} value is left out, not logged as null. */
  public static void put(String key, String value) {
    if (value != null) {
      MDC.put(key, value);
    }
  }

  private static void runThenClear(HandlerBody body) throws IOException {
    try {
      body.run();
    } finally {
      PowertoolsLogging.clearState(true);
    }
  }
}

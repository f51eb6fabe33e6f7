package com.tradeprocessing.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.tradeprocessing.function.logging.LogContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task of the trade state machine as a Lambda stream handler: every invocation runs inside a
 * fresh {@link LogContext}, so a stage only reads its input, delegates and writes its output.
 */
public abstract class StageHandler implements RequestStreamHandler {

  private final Logger log = LoggerFactory.getLogger(getClass());

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    LogContext.run(context, () -> handle(input, output));
  }

  /**
   * Logs, under the stage's own logger, that its input was not JSON and is read as an empty event;
   * {@code problem} is the parser's error kind and place, never the offending text
   * (docs/security.md).
   */
  protected final void inputNotJson(String problem) {
    log.warn("input is not JSON, read as an empty event: {}", problem);
  }

  /** One invocation, inside its log context; a fault is thrown and fails the task. */
  protected abstract void handle(InputStream input, OutputStream output) throws IOException;
}

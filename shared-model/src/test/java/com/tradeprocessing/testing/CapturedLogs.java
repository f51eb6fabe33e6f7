package com.tradeprocessing.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.model.json.TradeJson;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;

/**
 * The log lines the code under test writes while open, in the production layout (Powertools' {@code
 * LambdaJsonLayout.json}), kept in memory. The test configuration (this test-jar's log4j2-test.xml)
 * has no console appender, so a build prints no log line, not even the stack traces of the failures
 * the tests provoke.
 */
public final class CapturedLogs implements AutoCloseable {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final LoggerContext context;
  private final MemoryAppender appender;

  private CapturedLogs(LoggerContext context, MemoryAppender appender) {
    this.context = context;
    this.appender = appender;
  }

  /** Starts capturing every event that reaches the root logger. */
  public static CapturedLogs start() {
    LoggerContext context = LoggerContext.getContext(false);
    Configuration configuration = context.getConfiguration();
    JsonTemplateLayout layout =
        JsonTemplateLayout.newBuilder()
            .setConfiguration(configuration)
            .setEventTemplateUri("classpath:LambdaJsonLayout.json")
            .build();
    MemoryAppender appender =
        new MemoryAppender("captured-logs-" + SEQUENCE.incrementAndGet(), layout);
    appender.start();
    configuration.getRootLogger().addAppender(appender, null, null);
    context.updateLoggers();
    return new CapturedLogs(context, appender);
  }

  /** Code under test, run while its log lines are captured. */
  @FunctionalInterface
  public interface Action {
    void run() throws IOException;
  }

  /** The lines logged while {@code action} runs; what it throws is thrown on. */
  public static List<JsonNode> during(Action action) throws IOException {
    try (CapturedLogs captured = start()) {
      action.run();
      return captured.lines();
    }
  }

  /** The one line of {@code lines} whose {@code field} is {@code value}; fails unless one. */
  public static JsonNode onlyLine(List<JsonNode> lines, String field, String value) {
    List<JsonNode> matching =
        lines.stream().filter(line -> value.equals(line.path(field).asText())).toList();
    assertThat(matching).as("log lines with %s %s", field, value).hasSize(1);
    return matching.get(0);
  }

  /** The lines captured so far, each one JSON object. */
  public List<JsonNode> lines() {
    return appender.lines.stream().map(CapturedLogs::json).toList();
  }

  @Override
  public void close() {
    context.getConfiguration().getRootLogger().removeAppender(appender.getName());
    context.updateLoggers();
    appender.stop();
  }

  private static JsonNode json(String line) {
    try {
      return TradeJson.mapper().readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("log line is not JSON: " + line, e);
    }
  }

  /** Renders each event when it happens: Log4j may reuse the event object afterwards. */
  private static final class MemoryAppender extends AbstractAppender {

    private final JsonTemplateLayout layout;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    MemoryAppender(String name, JsonTemplateLayout layout) {
      super(name, null, layout, true, Property.EMPTY_ARRAY);
      this.layout = layout;
    }

    @Override
    public void append(LogEvent event) {
      lines.add(layout.toSerializable(event));
    }
  }
}

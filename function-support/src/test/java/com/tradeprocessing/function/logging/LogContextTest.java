package com.tradeprocessing.function.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.testing.CapturedLogs;
import com.tradeprocessing.testing.TestLambdaContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogContextTest {

  private static final Logger LOG = LoggerFactory.getLogger(LogContextTest.class);
  private static final TestLambdaContext CONTEXT = new TestLambdaContext("trade-validator");

  @Test
  void run_keyPutDuringInvocation_shouldBeOnItsLinesAndNotOnTheNextInvocations()
      throws IOException {
    try (CapturedLogs captured = CapturedLogs.start()) {
      // GIVEN an invocation that puts a key, then one that does not
      LogContext.run(
          CONTEXT,
          () -> {
            LogContext.put("tradeId", "TRD-1");
            LOG.info("first");
          });

      // WHEN
      LogContext.run(CONTEXT, () -> LOG.info("second"));

      // THEN
      List<JsonNode> lines = captured.lines();
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0).path("tradeId").asText()).isEqualTo("TRD-1");
      assertThat(lines.get(0).path("function_name").asText()).isEqualTo("trade-validator");
      assertThat(lines.get(1).has("tradeId")).isFalse();
    }
  }

  @Test
  void run_invocationThrows_shouldClearTheKeysAndRethrow() throws IOException {
    try (CapturedLogs captured = CapturedLogs.start()) {
      // GIVEN an invocation that puts a key and fails
      assertThatThrownBy(
              () ->
                  LogContext.run(
                      CONTEXT,
                      () -> {
                        LogContext.put("eventId", "evt-1");
                        throw new IOException("output closed");
                      }))
          .isInstanceOf(IOException.class)
          .hasMessage("output closed");

      // WHEN
      LogContext.run(CONTEXT, () -> LOG.info("next"));

      // THEN
      assertThat(captured.lines())
          .singleElement()
          .satisfies(line -> assertThat(line.has("eventId")).isFalse());
    }
  }

  @Test
  void put_nullValue_shouldLeaveTheKeyOut() throws IOException {
    try (CapturedLogs captured = CapturedLogs.start()) {
      // GIVEN / WHEN
      LogContext.run(
          CONTEXT,
          () -> {
            LogContext.put("sourceTradeId", null);
            LOG.info("line");
          });

      // THEN
      assertThat(captured.lines())
          .singleElement()
          .satisfies(line -> assertThat(line.has("sourceTradeId")).isFalse());
    }
  }

  @Test
  void run_correlationIdPath_shouldPutTheEventsValueOnEveryLine() throws IOException {
    try (CapturedLogs captured = CapturedLogs.start()) {
      // GIVEN
      Map<String, String> event = Map.of("RequestId", "req-42");

      // WHEN
      LogContext.run(CONTEXT, "RequestId", event, () -> LOG.info("line"));

      // THEN
      assertThat(captured.lines())
          .singleElement()
          .satisfies(line -> assertThat(line.path("correlation_id").asText()).isEqualTo("req-42"));
    }
  }
}

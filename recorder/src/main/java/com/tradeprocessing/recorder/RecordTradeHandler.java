package com.tradeprocessing.recorder;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.function.FunctionEnvironment;
import com.tradeprocessing.function.StageHandler;
import com.tradeprocessing.function.logging.LogContext;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.recorder.config.RecorderWiring;
import com.tradeprocessing.recorder.input.RecordRequest;
import com.tradeprocessing.recorder.record.RecordInstants;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Record task of the trade state machine: reads {@code {"event", "executionId", "validation",
 * "enrichment"}}, records the trade and answers {@code {"tradeId", "status", "reasonCodes",
 * "replayed", "recordedAt"}} (docs/stage-contracts.md). Faults propagate as exceptions whose class
 * names the state machine matches: {@link TradeStoreUnavailableException} and {@link
 * PriceBandUnavailableException} are retried.
 */
public final class RecordTradeHandler extends StageHandler {

  private static final Logger LOG = LoggerFactory.getLogger(RecordTradeHandler.class);

  private final ComplianceRecorder recorder;

  /** Production wiring ({@link RecorderWiring}), built once per container by the Lambda runtime. */
  public RecordTradeHandler() {
    this(RecorderWiring.fromEnvironment(FunctionEnvironment.system()).recorder());
  }

  public RecordTradeHandler(ComplianceRecorder recorder) {
    this.recorder = Objects.requireNonNull(recorder, "recorder");
  }

  @Override
  protected void handle(InputStream input, OutputStream output) throws IOException {
    output.write(record(input));
  }

  private byte[] record(InputStream input) {
    try {
      RecordRequest request = RecordRequest.fromJson(readJson(input));
      LogContext.put("executionId", request.executionId());
      LogContext.put("eventId", request.event().id());
      if (request.validation().tradeId() != null) {
        LogContext.put("tradeId", request.validation().tradeId().value());
      }
      RecordingResult result = recorder.record(request);
      LOG.info(
          result.replayed() ? "trade replayed" : "trade recorded",
          entry("recordKey", result.tradeId()),
          entry("status", result.status()),
          entry("reasonCodes", result.reasonCodes()),
          entry("replayed", result.replayed()));
      return TradeJson.mapper().writeValueAsBytes(toJson(result));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      LOG.error("Recording failed with {}", e.getClass().getName(), e);
      throw e;
    }
  }

  private static JsonNode readJson(InputStream input) throws IOException {
    try {
      return TradeJson.mapper().readTree(input);
    } catch (JsonProcessingException e) {
      throw new RecorderInputException("the Record stage input is not JSON", e);
    }
  }

  private static ObjectNode toJson(RecordingResult result) {
    ObjectNode json = TradeJson.mapper().createObjectNode();
    json.put("tradeId", result.tradeId());
    json.put("status", result.status().name());
    ArrayNode reasonCodes = json.putArray("reasonCodes");
    result.reasonCodes().forEach(code -> reasonCodes.add(code.name()));
    json.put("replayed", result.replayed());
    json.put("recordedAt", RecordInstants.format(result.recordedAt()));
    return json;
  }
}

package com.tradeprocessing.validator;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.tradeprocessing.model.event.StageInput;
import com.tradeprocessing.model.event.TradeEvent;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.validator.thresholds.CachingThresholdsSource;
import com.tradeprocessing.validator.thresholds.SsmThresholdsSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The validate stage of the trade state machine: reads the EventBridge event (with the execution
 * id when the state machine invokes it), validates it once and writes the validator output of
 * docs/stage-contracts.md. A rejected trade is a normal output; only a fault is thrown, and fails
 * the stage: thresholds that cannot be read ({@link
 * com.tradeprocessing.validator.thresholds.ThresholdsUnavailableException}, which the state machine
 * retries) or do not parse.
 */
public final class ValidateTradeHandler implements RequestStreamHandler {

  /** Environment variable holding the SSM path of the thresholds. */
  public static final String THRESHOLDS_PATH = "THRESHOLDS_PATH";

  private static final Logger LOG = LoggerFactory.getLogger(ValidateTradeHandler.class);

  private final TradeValidator validator;

  /** Production wiring, built once per container by the Lambda runtime. */
  public ValidateTradeHandler() {
    this(ssmClient(), requiredEnv(THRESHOLDS_PATH), Clock.systemUTC());
  }

  /** Wiring around a given Parameter Store client, path and clock. */
  public ValidateTradeHandler(SsmClient ssm, String thresholdsPath, Clock clock) {
    this.validator =
        new TradeValidator(
            new CachingThresholdsSource(
                new SsmThresholdsSource(ssm, thresholdsPath),
                CachingThresholdsSource.DEFAULT_TTL,
                clock),
            clock);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    PowertoolsLogging.initializeLogging(context);
    try {
      // Input that is not JSON is validated as an empty event, so it is rejected as
      // MALFORMED_PAYLOAD with the rest rather than lost in a stack trace.
      StageInput stageInput =
          StageInput.read(
              input,
              problem -> LOG.warn("input is not JSON, validated as an empty event: {}", problem));
      putIfKnown("executionId", stageInput.executionId());
      TradeEvent event = TradeEvent.fromJson(stageInput.event());
      putIfKnown("eventId", event.id());
      ValidationResult result = validator.validate(event);
      putIfKnown("tradeId", result.tradeId() == null ? null : result.tradeId().value());
      putIfKnown("sourceTradeId", result.sourceTradeId());
      LOG.info(
          result.isValid() ? "trade valid" : "trade rejected",
          entry("valid", result.isValid()),
          entry("source", event.source()),
          entry("reasonCodes", result.reasonCodes()),
          entry("ruleSetVersion", result.ruleSetVersion()));
      TradeJson.mapper().writeValue(output, ValidatorOutput.from(result));
    } finally {
      PowertoolsLogging.clearState(true);
    }
  }

  private static void putIfKnown(String key, String value) {
    if (value != null) {
      MDC.put(key, value);
    }
  }

  private static SsmClient ssmClient() {
    return SsmClient.builder()
        .region(Region.of(requiredEnv("AWS_REGION")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static String requiredEnv(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return value;
  }
}

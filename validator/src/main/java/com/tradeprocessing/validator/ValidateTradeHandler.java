package com.tradeprocessing.validator;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.tradeprocessing.function.FunctionEnvironment;
import com.tradeprocessing.function.StageHandler;
import com.tradeprocessing.function.logging.LogContext;
import com.tradeprocessing.model.event.StageInput;
import com.tradeprocessing.model.event.TradeEvent;
import com.tradeprocessing.validator.config.ValidatorWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validate stage of the trade state machine: reads the EventBridge event (with the execution id
 * when the state machine invokes it), validates it once and writes the validator output of
 * docs/stage-contracts.md. A rejected trade is a normal output; only a fault is thrown, and fails
 * the stage: thresholds that cannot be read and were not read within the cache's staleness bound
 * ({@link com.tradeprocessing.validator.thresholds.ThresholdsUnavailableException}, which the state
 * machine retries) or that do not parse.
 */
public final class ValidateTradeHandler extends StageHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ValidateTradeHandler.class);

  private final TradeValidator validator;

  /**
   * Production wiring ({@link ValidatorWiring}), built once per container by the Lambda runtime.
   */
  public ValidateTradeHandler() {
    this(ValidatorWiring.fromEnvironment(FunctionEnvironment.system()).validator());
  }

  public ValidateTradeHandler(TradeValidator validator) {
    this.validator = Objects.requireNonNull(validator, "validator");
  }

  @Override
  protected void handle(InputStream input, OutputStream output) throws IOException {
    // Input that is not JSON is validated as an empty event, so it is rejected as
    // MALFORMED_PAYLOAD with the rest rather than lost in a stack trace.
    TradeEvent event = StageInput.readEvent(input, this::inputNotJson, LogContext::put);
    ValidationResult result = validator.validate(event);
    LogContext.put("tradeId", result.tradeId() == null ? null : result.tradeId().value());
    LogContext.put("sourceTradeId", result.sourceTradeId());
    LOG.info(
        result.isValid() ? "trade valid" : "trade rejected",
        entry("valid", result.isValid()),
        entry("source", event.source()),
        entry("reasonCodes", result.reasonCodes()),
        entry("ruleSetVersion", result.ruleSetVersion()));
    ValidatorOutput.WRITER.writeValue(output, result);
  }
}

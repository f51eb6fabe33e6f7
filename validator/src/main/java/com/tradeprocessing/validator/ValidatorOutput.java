package com.tradeprocessing.validator;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.json.TradeJson;
import java.util.List;
import java.util.Optional;

/**
 * The validator's output in the state machine, as docs/stage-contracts.md fixes it: a {@link
 * ValidationResult} with {@code valid} and {@code reasonCodes} added, every field always written,
 * {@code null} when unknown, so that the recorder's paths always resolve. A Jackson mix-in, so the
 * result itself carries no wire format.
 */
@JsonPropertyOrder({
  "valid",
  "tradeId",
  "sourceSystem",
  "sourceTradeId",
  "reasonCodes",
  "problems",
  "trade",
  "ruleSetVersion"
})
abstract class ValidatorOutput {

  /** Writes a {@link ValidationResult} as the validator's output. */
  static final ObjectWriter WRITER =
      TradeJson.mapper().copy().addMixIn(ValidationResult.class, ValidatorOutput.class).writer();

  private ValidatorOutput() {}

  @JsonProperty("valid")
  abstract boolean isValid();

  @JsonProperty("reasonCodes")
  abstract List<ReasonCode> reasonCodes();

  @JsonIgnore
  abstract Optional<Trade> canonicalTrade();
}

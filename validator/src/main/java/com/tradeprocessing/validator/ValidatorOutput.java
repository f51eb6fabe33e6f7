package com.tradeprocessing.validator;

import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.TradeId;
import com.tradeprocessing.model.ValidationProblem;
import java.util.List;

/**
 * The validator's output in the state machine, as docs/stage-contracts.md fixes it: every field is
 * always written, {@code null} when unknown, so that the recorder's paths always resolve.
 */
record ValidatorOutput(
    boolean valid,
    TradeId tradeId,
    SourceSystem sourceSystem,
    String sourceTradeId,
    List<ReasonCode> reasonCodes,
    List<ValidationProblem> problems,
    Trade trade,
    String ruleSetVersion) {

  static ValidatorOutput from(ValidationResult result) {
    return new ValidatorOutput(
        result.isValid(),
        result.tradeId(),
        result.sourceSystem(),
        result.sourceTradeId(),
        result.reasonCodes(),
        result.problems(),
        result.trade(),
        result.ruleSetVersion());
  }
}

package com.tradeprocessing.recorder.input;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.TradeId;
import com.tradeprocessing.model.ValidationProblem;
import java.util.List;

/**
 * The validator's output for one event as the Record stage receives it, immutable. {@code tradeId},
 * {@code sourceSystem}, {@code sourceTradeId} and {@code trade} are {@code null} when the payload
 * did not yield them. Invariant: {@code valid} exactly when there is no reason code.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ValidationVerdict(
    boolean valid,
    TradeId tradeId,
    SourceSystem sourceSystem,
    String sourceTradeId,
    List<ReasonCode> reasonCodes,
    List<ValidationProblem> problems,
    Trade trade,
    String ruleSetVersion) {

  public ValidationVerdict {
    reasonCodes = reasonCodes == null ? List.of() : List.copyOf(reasonCodes);
    problems = problems == null ? List.of() : List.copyOf(problems);
    if (valid != reasonCodes.isEmpty()) {
      throw new IllegalArgumentException(
          "validation says valid=" + valid + " but gives reason codes " + reasonCodes);
    }
    if (trade != null && !trade.tradeId().equals(tradeId)) {
      throw new IllegalArgumentException(
          "validation trade id " + tradeId + " is not the id of its trade " + trade.tradeId());
    }
  }
}

package com.tradeprocessing.recorder.decision;

import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.ValidationProblem;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The final decision on one trade, immutable. Invariants: REJECTED exactly when there is a reason
 * code; reason codes are distinct, the validator's first in its order, then the recorder's.
 *
 * @param status the final status
 * @param reasonCodes why the trade is rejected, empty when accepted
 * @param problems every problem behind the reason codes, with the field and a message
 * @param priceBandPercent the price band the decision used
 * @param priceDeviationPercent the signed deviation of the trade price from the reference price, in
 *     percent rounded to four decimals; {@code null} when the band could not be checked (no trade,
 *     no positive reference price in the trade currency)
 * @param rulesVersion the version of the recorder's decision rules
 */
public record TradeDecision(
    TradeStatus status,
    List<ReasonCode> reasonCodes,
    List<ValidationProblem> problems,
    BigDecimal priceBandPercent,
    BigDecimal priceDeviationPercent,
    String rulesVersion) {

  public TradeDecision {
    Objects.requireNonNull(status, "status");
    reasonCodes = List.copyOf(reasonCodes);
    problems = List.copyOf(problems);
    Objects.requireNonNull(priceBandPercent, "priceBandPercent");
    Objects.requireNonNull(rulesVersion, "rulesVersion");
    if ((status == TradeStatus.REJECTED) == reasonCodes.isEmpty()) {
      throw new IllegalArgumentException(status + " with reason codes " + reasonCodes);
    }
    if (new HashSet<>(reasonCodes).size() != reasonCodes.size()) {
      throw new IllegalArgumentException("reason codes repeat: " + reasonCodes);
    }
  }
}

package com.tradeprocessing.validator.rules;

import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.model.source.TradeCandidate;
import java.time.Instant;
import java.util.Optional;

/**
 * FUTURE_TRADE_TIME: a trade time later than now plus the clock-skew tolerance. The tolerance
 * absorbs the difference between the publisher's clock and ours; a trade exactly at the edge
 * passes.
 */
public final class FutureTradeTimeRule implements TradeRule {

  @Override
  public Optional<ValidationProblem> check(TradeCandidate candidate, RuleContext context) {
    Instant executedAt = candidate.executedAt();
    Instant latest = context.now().plus(context.thresholds().clockSkewTolerance());
    if (executedAt == null || !executedAt.isAfter(latest)) {
      return Optional.empty();
    }
    String field = context.fields().executedAt();
    return Optional.of(
        ValidationProblem.of(
            ReasonCode.FUTURE_TRADE_TIME,
            field,
            field
                + ": "
                + executedAt
                + " is later than the validation time "
                + context.now()
                + " plus the clock-skew tolerance "
                + context.thresholds().clockSkewTolerance()));
  }
}

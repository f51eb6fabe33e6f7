package com.tradeprocessing.validator.rules;

import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.model.source.TradeCandidate;
import java.time.Instant;
import java.util.Optional;

/**
 * STALE_TRADE: a trade time earlier than now minus the maximum trade age; a trade exactly that old
 * passes.
 */
public final class StaleTradeRule implements TradeRule {

  @Override
  public Optional<ValidationProblem> check(TradeCandidate candidate, RuleContext context) {
    Instant executedAt = candidate.executedAt();
    Instant earliest = context.now().minus(context.thresholds().maxTradeAge());
    if (executedAt == null || !executedAt.isBefore(earliest)) {
      return Optional.empty();
    }
    String field = context.fields().executedAt();
    return Optional.of(
        ValidationProblem.of(
            ReasonCode.STALE_TRADE,
            field,
            field
                + ": "
                + executedAt
                + " is earlier than the validation time "
                + context.now()
                + " minus the maximum trade age "
                + context.thresholds().maxTradeAge()));
  }
}

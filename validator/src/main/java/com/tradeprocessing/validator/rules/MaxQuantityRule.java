package com.tradeprocessing.validator.rules;

import com.tradeprocessing.model.Quantity;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.model.source.TradeCandidate;
import java.math.BigDecimal;
import java.util.Optional;

/** INVALID_QUANTITY: a quantity above the max-quantity threshold (the limit itself passes). */
public final class MaxQuantityRule implements TradeRule {

  @Override
  public Optional<ValidationProblem> check(TradeCandidate candidate, RuleContext context) {
    Quantity quantity = candidate.quantity();
    BigDecimal max = context.thresholds().maxQuantity();
    if (quantity == null || quantity.value().compareTo(max) <= 0) {
      return Optional.empty();
    }
    String field = context.fields().quantity();
    return Optional.of(
        ValidationProblem.of(
            ReasonCode.INVALID_QUANTITY,
            field,
            field + ": " + quantity + " is above the maximum quantity " + max.toPlainString()));
  }
}

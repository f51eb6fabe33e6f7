package com.tradeprocessing.validator.rules;

import com.tradeprocessing.model.Money;
import com.tradeprocessing.model.Price;
import com.tradeprocessing.model.Quantity;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.model.source.TradeCandidate;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * NOTIONAL_LIMIT_EXCEEDED: quantity x price, in the trade currency's minor units (the notional the
 * canonical trade carries), above the max-notional threshold read in that same currency. No
 * conversion: the limit is a number of units of whatever currency the trade is in.
 */
public final class NotionalLimitRule implements TradeRule {

  @Override
  public Optional<ValidationProblem> check(TradeCandidate candidate, RuleContext context) {
    Quantity quantity = candidate.quantity();
    Price price = candidate.price();
    if (quantity == null || price == null) {
      return Optional.empty();
    }
    Money notional = price.times(quantity);
    BigDecimal limit = context.thresholds().maxNotional();
    if (notional.amount().compareTo(limit) <= 0) {
      return Optional.empty();
    }
    // Both fields make the notional; the problem names them in that order, comma-separated.
    String fields = context.fields().quantity() + "," + context.fields().price();
    return Optional.of(
        ValidationProblem.of(
            ReasonCode.NOTIONAL_LIMIT_EXCEEDED,
            fields,
            fields
                + ": notional "
                + notional
                + " ("
                + quantity
                + " x "
                + price.amount().toPlainString()
                + ") is above the maximum notional "
                + price.currency()
                + " "
                + limit.toPlainString()));
  }
}

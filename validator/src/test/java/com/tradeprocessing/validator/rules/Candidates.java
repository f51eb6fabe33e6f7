package com.tradeprocessing.validator.rules;

import com.tradeprocessing.model.Currency;
import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.Mic;
import com.tradeprocessing.model.Price;
import com.tradeprocessing.model.Quantity;
import com.tradeprocessing.model.Side;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.source.TradeCandidate;
import com.tradeprocessing.validator.thresholds.ValidationThresholds;
import java.time.Instant;

/** Trade candidates for rule tests: a valid OMS trade and copies with one field changed. */
final class Candidates {

  static final Instant NOW = Instant.parse("2026-11-25T14:30:00Z");

  private Candidates() {}

  static TradeCandidate valid() {
    return new TradeCandidate(
        SourceSystem.OMS,
        "OMS-20261125-000123",
        Isin.parse("US0378331005"),
        "AAPL",
        Side.BUY,
        Quantity.of("100"),
        Price.of("189.25", Currency.USD),
        Mic.parse("XNAS"),
        NOW.minusSeconds(60),
        "ACC-001",
        "jdoe",
        null);
  }

  /** {@code c} with the fields the rules check replaced; the rest as in {@code c}. */
  static TradeCandidate with(
      TradeCandidate c, Quantity quantity, Price price, Mic venue, Instant executedAt) {
    return new TradeCandidate(
        c.sourceSystem(),
        c.sourceTradeId(),
        c.isin(),
        c.symbol(),
        c.side(),
        quantity,
        price,
        venue,
        executedAt,
        c.account(),
        c.trader(),
        c.settlementDate());
  }

  static TradeCandidate withQuantity(String quantity) {
    TradeCandidate c = valid();
    return with(
        c, quantity == null ? null : Quantity.of(quantity), c.price(), c.venue(), c.executedAt());
  }

  static TradeCandidate withQuantityAndPrice(String quantity, Price price) {
    TradeCandidate c = withQuantity(quantity);
    return with(c, c.quantity(), price, c.venue(), c.executedAt());
  }

  static TradeCandidate withVenue(String venue) {
    TradeCandidate c = valid();
    return with(
        c, c.quantity(), c.price(), venue == null ? null : Mic.parse(venue), c.executedAt());
  }

  static TradeCandidate withExecutedAt(Instant executedAt) {
    TradeCandidate c = valid();
    return with(c, c.quantity(), c.price(), c.venue(), executedAt);
  }

  static RuleContext context(ValidationThresholds thresholds) {
    return new RuleContext(thresholds, NOW, SourceFieldNames.of(SourceSystem.OMS));
  }

  static RuleContext context() {
    return context(ValidationThresholds.DEFAULTS);
  }
}

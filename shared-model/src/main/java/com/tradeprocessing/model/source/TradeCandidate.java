package com.tradeprocessing.model.source;

import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.Mic;
import com.tradeprocessing.model.Price;
import com.tradeprocessing.model.Quantity;
import com.tradeprocessing.model.Side;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.TradeId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What an adapter could read from a payload, immutable: every field that parsed, {@code null} where
 * a field was missing or invalid. Validation rules run on the fields present, so one payload
 * reports every problem it has, not only the first.
 */
public record TradeCandidate(
    SourceSystem sourceSystem,
    String sourceTradeId,
    Isin isin,
    String symbol,
    Side side,
    Quantity quantity,
    Price price,
    Mic venue,
    Instant executedAt,
    String account,
    String trader,
    LocalDate settlementDate) {

  TradeCandidate(
      SourceSystem sourceSystem,
      String sourceTradeId,
      Isin isin,
      String symbol,
      Economics economics,
      Instant executedAt,
      String account,
      String trader,
      LocalDate settlementDate) {
    this(
        sourceSystem,
        sourceTradeId,
        isin,
        symbol,
        economics.side(),
        economics.quantity(),
        economics.price(),
        economics.venue(),
        executedAt,
        account,
        trader,
        settlementDate);
  }

  /** The canonical trade, present when every mandatory field is. */
  public Optional<Trade> toTrade() {
    if (sourceSystem == null
        || sourceTradeId == null
        || sourceTradeId.isBlank()
        || isin == null
        || side == null
        || quantity == null
        || price == null
        || venue == null
        || executedAt == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Trade(
            TradeId.of(sourceSystem, sourceTradeId),
            sourceSystem,
            sourceTradeId,
            isin,
            symbol,
            side,
            quantity,
            price,
            venue,
            executedAt,
            account,
            trader,
            settlementDate));
  }
}

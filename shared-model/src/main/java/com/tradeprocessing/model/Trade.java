package com.tradeprocessing.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The canonical trade every source system's payload is mapped to, immutable.
 *
 * <p>{@code tradeId} is always {@link TradeId#of(SourceSystem, String)} of the source and its trade
 * id. {@code symbol}, {@code account}, {@code trader} and {@code settlementDate} are optional
 * because not every source sends them; {@code settlementDate} is the date the source gave, if any,
 * not one the platform computed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Trade(
    TradeId tradeId,
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

  public Trade {
    Objects.requireNonNull(tradeId, "tradeId");
    Objects.requireNonNull(sourceSystem, "sourceSystem");
    Objects.requireNonNull(sourceTradeId, "sourceTradeId");
    Objects.requireNonNull(isin, "isin");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(venue, "venue");
    Objects.requireNonNull(executedAt, "executedAt");
    if (!tradeId.equals(TradeId.of(sourceSystem, sourceTradeId))) {
      throw new IllegalArgumentException(
          "trade id " + tradeId + " is not the id of " + sourceSystem + "/" + sourceTradeId);
    }
  }

  /** Trade currency: the currency of the price. */
  public Currency currency() {
    return price.currency();
  }

  /** Quantity times price, in the trade currency's minor units. */
  public Money notional() {
    return price.times(quantity);
  }
}

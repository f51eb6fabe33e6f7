package com.tradeprocessing.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

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
    Require.nonNull(
        "tradeId sourceSystem sourceTradeId isin side quantity price venue executedAt",
        tradeId,
        sourceSystem,
        sourceTradeId,
        isin,
        side,
        quantity,
        price,
        venue,
        executedAt);
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

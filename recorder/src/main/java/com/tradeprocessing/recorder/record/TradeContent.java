package com.tradeprocessing.recorder.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.json.TradeJson;
import java.util.Objects;

/**
 * The content that tells a replay from a duplicate, immutable: two events with one trade id are the
 * same trade exactly when their content hashes are equal.
 *
 * <p>For a canonical trade the hash is the SHA-256 of a JSON array of these strings, in this order
 * ({@code null} when absent): a format tag, isin, side, quantity, price amount, price currency,
 * venue, executedAt, settlementDate, account. Decimals are canonical (100.50 and 100.5 are one
 * price), executedAt is ISO-8601 UTC at full precision. Symbol and trader are not hashed: they
 * describe the trade and correcting them does not make another trade. The source system and source
 * trade id are not hashed either: the trade id, and so the record key, derives from them.
 *
 * <p>A payload that did not map to a complete trade has no economic fields; its content is the
 * SHA-256 of the raw payload as stored in the record.
 */
public record TradeContent(ContentBasis basis, String hash) {

  /** Changes only with the list of hashed fields or their form. */
  private static final String ECONOMIC_FORMAT = "economic-fields-v1";

  public TradeContent {
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(hash, "hash");
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a SHA-256 hex digest: " + hash);
    }
  }

  /** The economic content of {@code trade} if there is one, else that of the raw payload. */
  public static TradeContent of(Trade trade, String rawPayload) {
    return trade == null ? ofRawPayload(rawPayload) : ofTrade(trade);
  }

  public static TradeContent ofTrade(Trade trade) {
    ArrayNode fields = TradeJson.mapper().createArrayNode();
    fields.add(ECONOMIC_FORMAT);
    fields.add(trade.isin().value());
    fields.add(trade.side().name());
    fields.add(trade.quantity().value().toPlainString());
    fields.add(trade.price().amount().toPlainString());
    fields.add(trade.price().currency().code());
    fields.add(trade.venue().value());
    fields.add(trade.executedAt().toString());
    fields.add(trade.settlementDate() == null ? null : trade.settlementDate().toString());
    fields.add(trade.account());
    try {
      return new TradeContent(
          ContentBasis.ECONOMIC_FIELDS, Sha256.hex(TradeJson.mapper().writeValueAsString(fields)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an array of strings always serializes", e);
    }
  }

  public static TradeContent ofRawPayload(String rawPayload) {
    return new TradeContent(ContentBasis.RAW_PAYLOAD, Sha256.hex(rawPayload));
  }

  /** The first 16 hex digits, used in the key of a duplicate's record. */
  public String shortHash() {
    return hash.substring(0, 16);
  }
}

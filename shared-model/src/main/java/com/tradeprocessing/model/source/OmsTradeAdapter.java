package com.tradeprocessing.model.source;

import static com.tradeprocessing.model.source.PayloadReader.NumberForm.STRING;

import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.Side;
import com.tradeprocessing.model.SourceSystem;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SequencedMap;

/**
 * Maps the order management system's {@code Trade Executed} payload to the canonical trade.
 *
 * <pre>{@code
 * {"tradeId": "OMS-20261125-000123", "isin": "US0378331005", "symbol": "AAPL", "side": "BUY",
 *  "quantity": "100", "price": "189.25", "currency": "USD", "venue": "XNAS",
 *  "executedAt": "2026-11-25T14:30:00.123Z", "account": "ACC-001", "trader": "jdoe"}
 * }</pre>
 *
 * <ul>
 *   <li>Required: {@code tradeId}, {@code isin}, {@code side} ({@code BUY} or {@code SELL}), {@code
 *       quantity}, {@code price}, {@code currency}, {@code venue}, {@code executedAt}. Optional:
 *       {@code symbol}, {@code account}, {@code trader}. Other fields are ignored.
 *   <li>{@code quantity} and {@code price} must be decimal strings, as the contract says: a JSON
 *       number is rejected ({@code INVALID_QUANTITY}, {@code INVALID_PRICE}) because a publisher
 *       that sends one may already have rounded it through a binary float.
 *   <li>{@code executedAt} is ISO-8601 with an offset that must be UTC ({@code Z} or {@code
 *       +00:00}); a local time or another offset is {@code INVALID_TRADE_TIME}.
 * </ul>
 */
public final class OmsTradeAdapter extends PayloadAdapter {

  private static final SequencedMap<String, Side> SIDES = PayloadReader.sideCodes("BUY", "SELL");

  private static final Economics.Fields ECONOMICS =
      new Economics.Fields("side", SIDES, "quantity", "price", "currency", "venue", STRING);

  public OmsTradeAdapter() {
    super(SourceSystem.OMS, "an OMS trade");
  }

  @Override
  TradeCandidate read(PayloadReader in) {
    // Java evaluates the arguments left to right: the fields are read, and their problems listed,
    // in this order.
    return new TradeCandidate(
        SourceSystem.OMS,
        in.sourceTradeId("tradeId"),
        in.isin("isin"),
        in.optionalText("symbol"),
        ECONOMICS.read(in),
        executedAt(in, "executedAt"),
        in.optionalText("account"),
        in.optionalText("trader"),
        null);
  }

  private static Instant executedAt(PayloadReader in, String path) {
    OffsetDateTime time = in.parse(path, ReasonCode.INVALID_TRADE_TIME, OmsTradeAdapter::parseTime);
    if (time == null) {
      return null;
    }
    if (!time.getOffset().equals(ZoneOffset.UTC)) {
      in.reject(
          ReasonCode.INVALID_TRADE_TIME, path, "must be in UTC, has offset " + time.getOffset());
      return null;
    }
    return in.plausibleTime(path, time.toInstant(), time.toString());
  }

  private static OffsetDateTime parseTime(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeException e) {
      throw new DateTimeException(
          PayloadReader.quote(text) + " is not an ISO-8601 time with a UTC offset", e);
    }
  }
}

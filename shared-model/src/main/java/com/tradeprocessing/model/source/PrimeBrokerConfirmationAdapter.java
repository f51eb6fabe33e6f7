package com.tradeprocessing.model.source;

import static com.tradeprocessing.model.source.PayloadReader.NumberForm.STRING_OR_NUMBER;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.Side;
import com.tradeprocessing.model.SourceSystem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SequencedMap;

/**
 * Maps the prime broker's {@code Trade Confirmation} payload to the canonical trade.
 *
 * <pre>{@code
 * {"confirmationRef": "PB-77120", "instrument": {"isin": "GB00BH4HKS39", "ticker": "VOD"},
 *  "direction": "S", "qty": 250, "px": "0.7012", "ccy": "GBP", "tradeTime": 1795617000123,
 *  "exchange": "XLON", "settlementDate": "2026-11-26"}
 * }</pre>
 *
 * <ul>
 *   <li>Required: {@code confirmationRef}, {@code instrument.isin}, {@code direction} ({@code B} or
 *       {@code S}), {@code qty}, {@code px}, {@code ccy}, {@code exchange}, {@code tradeTime}.
 *       Optional: {@code instrument.ticker}, {@code settlementDate}. Other fields are ignored.
 *   <li>{@code instrument} that is not an object is {@code INVALID_ISIN} on {@code instrument}.
 *   <li>{@code qty} and {@code px} may be JSON numbers or decimal strings, as the broker sends
 *       both; numbers are read exactly as decimals.
 *   <li>{@code tradeTime} is epoch milliseconds (UTC) as a JSON integer; a string, a fraction or a
 *       value outside the years 1970 to 9999 is {@code INVALID_TRADE_TIME}.
 *   <li>{@code settlementDate}, when present and not blank, must be an ISO-8601 date, else {@code
 *       INVALID_SETTLEMENT_DATE}. It is kept as the broker's date, not checked against the trade
 *       date (the enricher compares it with the computed settlement date).
 * </ul>
 */
public final class PrimeBrokerConfirmationAdapter extends PayloadAdapter {

  private static final SequencedMap<String, Side> DIRECTIONS = PayloadReader.sideCodes("B", "S");

  private static final Economics.Fields ECONOMICS =
      new Economics.Fields(
          "direction", DIRECTIONS, "qty", "px", "ccy", "exchange", STRING_OR_NUMBER);

  public PrimeBrokerConfirmationAdapter() {
    super(SourceSystem.PRIME_BROKER, "a prime broker confirmation");
  }

  @Override
  TradeCandidate read(PayloadReader in) {
    String confirmationRef = in.sourceTradeId("confirmationRef");
    Isin isin = null;
    String ticker = null;
    JsonNode instrument = in.node("instrument");
    if (instrument != null && !instrument.isObject()) {
      in.reject(
          ReasonCode.INVALID_ISIN,
          "instrument",
          "must be an object holding isin, was " + PayloadReader.describe(instrument));
    } else {
      isin = in.isin("instrument.isin");
      ticker = in.optionalText("instrument.ticker");
    }
    Economics economics = ECONOMICS.read(in);
    Instant tradeTime = tradeTime(in, "tradeTime");
    LocalDate settlementDate =
        in.optionalDate("settlementDate", ReasonCode.INVALID_SETTLEMENT_DATE);
    return new TradeCandidate(
        SourceSystem.PRIME_BROKER,
        confirmationRef,
        isin,
        ticker,
        economics,
        tradeTime,
        null,
        null,
        settlementDate);
  }

  private static Instant tradeTime(PayloadReader in, String path) {
    JsonNode node = in.required(path);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      in.reject(
          ReasonCode.INVALID_TRADE_TIME,
          path,
          "must be epoch milliseconds as a JSON integer, was " + PayloadReader.describe(node));
      return null;
    }
    if (!node.canConvertToLong()) {
      in.reject(
          ReasonCode.INVALID_TRADE_TIME, path, "is out of range: " + PayloadReader.describe(node));
      return null;
    }
    long millis = node.longValue();
    return in.plausibleTime(path, Instant.ofEpochMilli(millis), millis + " ms");
  }
}

package com.tradeprocessing.recorder;

import com.tradeprocessing.model.Currency;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.recorder.input.EnrichmentOutcome;
import com.tradeprocessing.recorder.input.EnrichmentResult;
import com.tradeprocessing.recorder.input.EnrichmentResult.BandReferencePrice;
import com.tradeprocessing.recorder.input.EnrichmentResult.TradedInstrument;
import com.tradeprocessing.recorder.input.ValidationVerdict;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** Stage results for recorder tests, built around the shared canonical trade fixtures. */
public final class RecorderFixtures {

  public static final String RULE_SET_VERSION = "validator-rules-2026.11";
  public static final LocalDate TRADE_DATE = LocalDate.parse("2026-11-25");

  private RecorderFixtures() {}

  /** The validator's output for a trade that passed every rule. */
  public static ValidationVerdict validResult(Trade trade) {
    return new ValidationVerdict(
        true,
        trade.tradeId(),
        trade.sourceSystem(),
        trade.sourceTradeId(),
        List.of(),
        List.of(),
        trade,
        RULE_SET_VERSION);
  }

  /** The validator's output for a complete trade that a threshold rule rejected. */
  public static ValidationVerdict rejectedResult(Trade trade, ValidationProblem... problems) {
    return new ValidationVerdict(
        false,
        trade.tradeId(),
        trade.sourceSystem(),
        trade.sourceTradeId(),
        codes(problems),
        List.of(problems),
        trade,
        RULE_SET_VERSION);
  }

  /** The validator's output for a payload whose trade id could not be read. */
  public static ValidationVerdict unidentifiedResult(ValidationProblem... problems) {
    return new ValidationVerdict(
        false, null, null, null, codes(problems), List.of(problems), null, RULE_SET_VERSION);
  }

  public static ValidationProblem problem(ReasonCode code, String field) {
    return ValidationProblem.of(code, field, field + " is wrong (" + code + ")");
  }

  /** ENRICHED, instrument in the trade's currency, reference price {@code amount} in it too. */
  public static EnrichmentResult enriched(Trade trade, String referenceAmount) {
    return enriched(trade.currency(), reference(referenceAmount, trade.currency()));
  }

  public static EnrichmentResult enriched(
      Currency instrumentCurrency, BandReferencePrice reference) {
    return new EnrichmentResult(
        EnrichmentOutcome.ENRICHED,
        new TradedInstrument("US0378331005", instrumentCurrency),
        TRADE_DATE,
        reference);
  }

  public static EnrichmentResult unknownInstrument() {
    return new EnrichmentResult(EnrichmentOutcome.UNKNOWN_INSTRUMENT, null, TRADE_DATE, null);
  }

  public static BandReferencePrice reference(String amount, Currency currency) {
    return new BandReferencePrice(new BigDecimal(amount), currency);
  }

  private static List<ReasonCode> codes(ValidationProblem... problems) {
    return Arrays.stream(problems).map(ValidationProblem::code).toList();
  }
}

package com.tradeprocessing.recorder.decision;

import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.recorder.input.EnrichmentOutcome;
import com.tradeprocessing.recorder.input.EnrichmentResult;
import com.tradeprocessing.recorder.input.EnrichmentResult.BandReferencePrice;
import com.tradeprocessing.recorder.input.ValidationVerdict;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The one place where a trade's final status is decided. Pure: the same inputs always give the same
 * decision.
 *
 * <p>A trade is ACCEPTED only when no rule finds a reason code. Every rule runs on what is
 * available, so a rejected trade carries all of its reasons: the validator's first, in its order,
 * then the recorder's in the order UNKNOWN_INSTRUMENT, CURRENCY_MISMATCH, PRICE_OUT_OF_BAND,
 * DUPLICATE_TRADE. Problems added here name canonical trade fields ({@code isin}, {@code currency},
 * {@code price}, {@code tradeId}), not a source system's field names.
 */
public final class FinalDecisionPolicy {

  /**
   * The version of the rules in this class, stored in every record next to the validator's rule set
   * version so an auditor knows which rules decided. Change it with any rule.
   */
  public static final String RULES_VERSION = "recorder-decision-1";

  /** Decides a trade seen for the first time under its trade id (or replayed unchanged). */
  public TradeDecision decide(
      ValidationVerdict validation, EnrichmentResult enrichment, PriceBand priceBand) {
    return decide(validation, enrichment, priceBand, null);
  }

  /**
   * Decides a trade whose id was already recorded with different economic content: the same rules
   * plus DUPLICATE_TRADE, so the duplicate's record also shows what else is wrong with it.
   */
  public TradeDecision decideDuplicate(
      ValidationVerdict validation,
      EnrichmentResult enrichment,
      PriceBand priceBand,
      DuplicateEvidence duplicate) {
    return decide(
        validation, enrichment, priceBand, Objects.requireNonNull(duplicate, "duplicate"));
  }

  private TradeDecision decide(
      ValidationVerdict validation,
      EnrichmentResult enrichment,
      PriceBand priceBand,
      DuplicateEvidence duplicate) {
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(enrichment, "enrichment");
    Objects.requireNonNull(priceBand, "priceBand");
    Findings findings = new Findings(validation);
    Trade trade = validation.trade();

    if (enrichment.status() == EnrichmentOutcome.UNKNOWN_INSTRUMENT) {
      String isin = trade == null ? "its ISIN" : trade.isin().value();
      findings.add(
          ReasonCode.UNKNOWN_INSTRUMENT,
          "isin",
          "the reference data does not know instrument " + isin);
    }

    BigDecimal deviation = null;
    if (trade != null && enrichment.status() == EnrichmentOutcome.ENRICHED) {
      if (!trade.currency().equals(enrichment.instrument().currency())) {
        findings.add(
            ReasonCode.CURRENCY_MISMATCH,
            "currency",
            "trade currency "
                + trade.currency()
                + " differs from the instrument's currency "
                + enrichment.instrument().currency());
      }
      BandReferencePrice reference = enrichment.referencePrice();
      // A reference price in another currency, or one that is not positive, cannot be compared:
      // the record then shows no deviation. A currency difference with the instrument is
      // reported above.
      if (reference != null
          && reference.currency().equals(trade.currency())
          && reference.amount().signum() > 0) {
        deviation = trade.price().deviationPercentFrom(reference.amount());
        if (!priceBand.contains(trade.price(), reference.amount())) {
          findings.add(
              ReasonCode.PRICE_OUT_OF_BAND,
              "price",
              "price "
                  + trade.price()
                  + " deviates "
                  + deviation.toPlainString()
                  + "% from the reference price "
                  + reference
                  + ", outside the band of "
                  + priceBand);
        }
      }
    }

    if (duplicate != null) {
      findings.add(
          ReasonCode.DUPLICATE_TRADE,
          "tradeId",
          "trade id already recorded as "
              + duplicate.originalTradeId()
              + " with different economic content (content hash "
              + duplicate.originalContentHash()
              + ", this trade "
              + duplicate.contentHash()
              + ")");
    }

    return findings.decision(priceBand.percent(), deviation);
  }

  /** Reason codes and problems collected in rule order, each code once. */
  private static final class Findings {
    private final Set<ReasonCode> codes = new LinkedHashSet<>();
    private final List<ValidationProblem> problems = new ArrayList<>();

    Findings(ValidationVerdict validation) {
      codes.addAll(validation.reasonCodes());
      problems.addAll(validation.problems());
    }

    void add(ReasonCode code, String field, String message) {
      codes.add(code);
      problems.add(ValidationProblem.of(code, field, message));
    }

    TradeDecision decision(BigDecimal priceBandPercent, BigDecimal deviation) {
      TradeStatus status = codes.isEmpty() ? TradeStatus.ACCEPTED : TradeStatus.REJECTED;
      return new TradeDecision(
          status, List.copyOf(codes), problems, priceBandPercent, deviation, RULES_VERSION);
    }
  }
}

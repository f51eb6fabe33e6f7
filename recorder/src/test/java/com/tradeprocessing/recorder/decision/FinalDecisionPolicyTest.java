package com.tradeprocessing.recorder.decision;

import static com.tradeprocessing.model.ReasonCode.CURRENCY_MISMATCH;
import static com.tradeprocessing.model.ReasonCode.DUPLICATE_TRADE;
import static com.tradeprocessing.model.ReasonCode.INVALID_PRICE;
import static com.tradeprocessing.model.ReasonCode.MALFORMED_PAYLOAD;
import static com.tradeprocessing.model.ReasonCode.MISSING_FIELD;
import static com.tradeprocessing.model.ReasonCode.NOTIONAL_LIMIT_EXCEEDED;
import static com.tradeprocessing.model.ReasonCode.PRICE_OUT_OF_BAND;
import static com.tradeprocessing.model.ReasonCode.STALE_TRADE;
import static com.tradeprocessing.model.ReasonCode.UNKNOWN_INSTRUMENT;
import static com.tradeprocessing.recorder.RecorderFixtures.enriched;
import static com.tradeprocessing.recorder.RecorderFixtures.problem;
import static com.tradeprocessing.recorder.RecorderFixtures.reference;
import static com.tradeprocessing.recorder.RecorderFixtures.rejectedResult;
import static com.tradeprocessing.recorder.RecorderFixtures.unidentifiedResult;
import static com.tradeprocessing.recorder.RecorderFixtures.unknownInstrument;
import static com.tradeprocessing.recorder.RecorderFixtures.validResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradeprocessing.model.Currency;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.model.fixtures.TradeFixtures;
import com.tradeprocessing.recorder.input.EnrichmentResult;
import com.tradeprocessing.recorder.input.ValidationVerdict;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FinalDecisionPolicyTest {

  private static final DuplicateEvidence DUPLICATE =
      new DuplicateEvidence("TRD-0123456789abcdef0123456789abcdef", "a".repeat(64), "b".repeat(64));

  private final FinalDecisionPolicy policy = new FinalDecisionPolicy();

  @Test
  void decide_validTradeEnrichedWithinBand_shouldAcceptWithoutProblems() {
    // GIVEN
    Trade trade = TradeFixtures.omsTrade();

    // WHEN
    TradeDecision decision =
        policy.decide(validResult(trade), enriched(trade, "190.00"), PriceBand.DEFAULT);

    // THEN
    assertThat(decision.status()).isEqualTo(TradeStatus.ACCEPTED);
    assertThat(decision.reasonCodes()).isEmpty();
    assertThat(decision.problems()).isEmpty();
    assertThat(decision.priceDeviationPercent()).isEqualByComparingTo("-0.3947");
    assertThat(decision.priceBandPercent()).isEqualByComparingTo("10");
    assertThat(decision.rulesVersion()).isEqualTo(FinalDecisionPolicy.RULES_VERSION);
  }

  @Test
  void decide_validatorRejected_shouldKeepTheValidatorsCodesAndProblemsInOrder() {
    // GIVEN
    Trade trade = TradeFixtures.omsTrade();
    ValidationProblem stale = problem(STALE_TRADE, "executedAt");
    ValidationProblem notional = problem(NOTIONAL_LIMIT_EXCEEDED, "quantity");

    // WHEN
    TradeDecision decision =
        policy.decide(
            rejectedResult(trade, stale, notional), enriched(trade, "189.25"), PriceBand.DEFAULT);

    // THEN
    assertThat(decision.status()).isEqualTo(TradeStatus.REJECTED);
    assertThat(decision.reasonCodes()).containsExactly(STALE_TRADE, NOTIONAL_LIMIT_EXCEEDED);
    assertThat(decision.problems()).containsExactly(stale, notional);
  }

  @Test
  void decide_unknownInstrument_shouldRejectWithUnknownInstrumentOnTheIsin() {
    // GIVEN
    Trade trade = TradeFixtures.omsTrade();

    // WHEN
    TradeDecision decision =
        policy.decide(validResult(trade), unknownInstrument(), PriceBand.DEFAULT);

    // THEN
    assertThat(decision.status()).isEqualTo(TradeStatus.REJECTED);
    assertThat(decision.reasonCodes()).containsExactly(UNKNOWN_INSTRUMENT);
    assertThat(decision.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("isin");
              assertThat(p.message()).contains("US0378331005");
            });
    assertThat(decision.priceDeviationPercent()).isNull();
  }

  @Test
  void decide_tradeCurrencyDiffersFromInstrumentCurrency_shouldRejectCurrencyMismatch() {
    // GIVEN a EUR trade in a USD instrument, whose reference price is in USD
    Trade trade = TradeFixtures.aTrade().withCurrency(Currency.EUR).build();
    EnrichmentResult enrichment = enriched(Currency.USD, reference("189.25", Currency.USD));

    // WHEN
    TradeDecision decision = policy.decide(validResult(trade), enrichment, PriceBand.DEFAULT);

    // THEN the band is not compared across currencies
    assertThat(decision.reasonCodes()).containsExactly(CURRENCY_MISMATCH);
    assertThat(decision.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("currency");
              assertThat(p.message()).contains("EUR").contains("USD");
            });
    assertThat(decision.priceDeviationPercent()).isNull();
  }

  @Test
  void decide_sameCurrencyAsInstrument_shouldNotReportCurrencyMismatch() {
    // GIVEN
    Trade trade = TradeFixtures.primeBrokerTrade();

    // WHEN
    TradeDecision decision =
        policy.decide(
            validResult(trade),
            enriched(Currency.GBP, reference("0.70", Currency.GBP)),
            PriceBand.DEFAULT);

    // THEN
    assertThat(decision.reasonCodes()).doesNotContain(CURRENCY_MISMATCH);
    assertThat(decision.status()).isEqualTo(TradeStatus.ACCEPTED);
  }

  @ParameterizedTest(name = "price {0} against reference 100 with band 10% -> in band: {1}")
  @CsvSource({
    "110, true",
    "110.00, true",
    "110.00000001, false",
    "109.99999999, true",
    "90, true",
    "89.99999999, false",
    "100, true",
    "150, false"
  })
  void decide_priceAroundTheTenPercentBoundary_shouldRejectOnlyBeyondIt(
      String price, boolean inBand) {
    // GIVEN
    Trade trade = TradeFixtures.aTrade().withPrice(price).build();

    // WHEN
    TradeDecision decision =
        policy.decide(validResult(trade), enriched(trade, "100"), PriceBand.DEFAULT);

    // THEN
    assertThat(decision.reasonCodes().contains(PRICE_OUT_OF_BAND)).isEqualTo(!inBand);
    assertThat(decision.status()).isEqualTo(inBand ? TradeStatus.ACCEPTED : TradeStatus.REJECTED);
  }

  @ParameterizedTest(name = "price {0} against reference 189.25 -> in band: {1}")
  @CsvSource({
    // 189.25 * 1.1 = 208.175 exactly; the rounded deviation of the next prices is still 10.0000%.
    "208.175, true",
    "208.17500001, false",
    "170.325, true",
    "170.32499999, false"
  })
  void decide_exactTenPercentOfAnUnroundReference_shouldBeInBand(String price, boolean inBand) {
    // GIVEN
    Trade trade = TradeFixtures.aTrade().withPrice(price).build();

    // WHEN
    TradeDecision decision =
        policy.decide(validResult(trade), enriched(trade, "189.25"), PriceBand.DEFAULT);

    // THEN
    assertThat(decision.reasonCodes().contains(PRICE_OUT_OF_BAND)).isEqualTo(!inBand);
  }

  @Test
  void decide_priceOutOfBand_shouldExplainDeviationAndBandOnThePrice() {
    // GIVEN
    Trade trade = TradeFixtures.aTrade().withPrice("120").build();

    // WHEN
    TradeDecision decision =
        policy.decide(validResult(trade), enriched(trade, "100"), PriceBand.ofPercent("12.5"));

    // THEN
    assertThat(decision.reasonCodes()).containsExactly(PRICE_OUT_OF_BAND);
    assertThat(decision.priceDeviationPercent()).isEqualByComparingTo("20");
    assertThat(decision.priceBandPercent()).isEqualByComparingTo("12.5");
    assertThat(decision.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("price");
              assertThat(p.message()).contains("20.0000%").contains("12.5%");
            });
  }

  @Test
  void decide_noReferencePrice_shouldNotCheckTheBand() {
    // GIVEN
    Trade trade = TradeFixtures.aTrade().withPrice("1000").build();

    // WHEN
    TradeDecision decision =
        policy.decide(validResult(trade), enriched(Currency.USD, null), PriceBand.DEFAULT);

    // THEN
    assertThat(decision.status()).isEqualTo(TradeStatus.ACCEPTED);
    assertThat(decision.priceDeviationPercent()).isNull();
  }

  @Test
  void decide_referencePriceInAnotherCurrencyOrNotPositive_shouldNotCheckTheBand() {
    // GIVEN
    Trade trade = TradeFixtures.aTrade().withPrice("1000").build();

    // WHEN
    TradeDecision otherCurrency =
        policy.decide(
            validResult(trade),
            enriched(Currency.USD, reference("100", Currency.EUR)),
            PriceBand.DEFAULT);
    TradeDecision zero =
        policy.decide(
            validResult(trade),
            enriched(Currency.USD, reference("0", Currency.USD)),
            PriceBand.DEFAULT);

    // THEN
    assertThat(otherCurrency.reasonCodes()).isEmpty();
    assertThat(otherCurrency.priceDeviationPercent()).isNull();
    assertThat(zero.reasonCodes()).isEmpty();
    assertThat(zero.priceDeviationPercent()).isNull();
  }

  @Test
  void decideDuplicate_otherwiseValidTrade_shouldRejectDuplicateTradeNamingTheOriginal() {
    // GIVEN
    Trade trade = TradeFixtures.omsTrade();

    // WHEN
    TradeDecision decision =
        policy.decideDuplicate(
            validResult(trade), enriched(trade, "189.25"), PriceBand.DEFAULT, DUPLICATE);

    // THEN
    assertThat(decision.reasonCodes()).containsExactly(DUPLICATE_TRADE);
    assertThat(decision.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("tradeId");
              assertThat(p.message())
                  .contains(DUPLICATE.originalTradeId())
                  .contains(DUPLICATE.originalContentHash())
                  .contains(DUPLICATE.contentHash());
            });
  }

  @Test
  void decideDuplicate_everyRuleFails_shouldCollectAllCodesValidatorFirstThenRecorderOrder() {
    // GIVEN a stale trade 20% above its reference price, seen again with other content
    Trade trade = TradeFixtures.aTrade().withPrice("120").build();
    ValidationProblem stale = problem(STALE_TRADE, "executedAt");

    // WHEN
    TradeDecision decision =
        policy.decideDuplicate(
            rejectedResult(trade, stale), enriched(trade, "100"), PriceBand.DEFAULT, DUPLICATE);

    // THEN
    assertThat(decision.reasonCodes())
        .containsExactly(STALE_TRADE, PRICE_OUT_OF_BAND, DUPLICATE_TRADE);
    assertThat(decision.problems())
        .extracting(ValidationProblem::code)
        .containsExactly(STALE_TRADE, PRICE_OUT_OF_BAND, DUPLICATE_TRADE);
  }

  @Test
  void decideDuplicate_unknownInstrumentAndCurrencyRules_shouldKeepRecorderOrder() {
    // GIVEN
    Trade trade = TradeFixtures.omsTrade();

    // WHEN
    TradeDecision unknown =
        policy.decideDuplicate(
            rejectedResult(trade, problem(STALE_TRADE, "executedAt")),
            unknownInstrument(),
            PriceBand.DEFAULT,
            DUPLICATE);
    TradeDecision mismatch =
        policy.decideDuplicate(
            validResult(TradeFixtures.aTrade().withCurrency(Currency.GBP).build()),
            enriched(Currency.USD, reference("189.25", Currency.USD)),
            PriceBand.DEFAULT,
            DUPLICATE);

    // THEN
    assertThat(unknown.reasonCodes())
        .containsExactly(STALE_TRADE, UNKNOWN_INSTRUMENT, DUPLICATE_TRADE);
    assertThat(mismatch.reasonCodes()).containsExactly(CURRENCY_MISMATCH, DUPLICATE_TRADE);
  }

  @Test
  void decide_codeReportedTwice_shouldListItOnceAndKeepEveryProblem() {
    // GIVEN two missing fields and a code the recorder also finds
    ValidationProblem missingIsin = problem(MISSING_FIELD, "isin");
    ValidationProblem badPrice = problem(INVALID_PRICE, "price");
    ValidationProblem missingSide = problem(MISSING_FIELD, "side");
    ValidationVerdict validation =
        new ValidationVerdict(
            false,
            TradeFixtures.omsTrade().tradeId(),
            TradeFixtures.omsTrade().sourceSystem(),
            TradeFixtures.omsTrade().sourceTradeId(),
            List.of(MISSING_FIELD, INVALID_PRICE, MISSING_FIELD, UNKNOWN_INSTRUMENT),
            List.of(missingIsin, badPrice, missingSide),
            null,
            "v");

    // WHEN
    TradeDecision decision = policy.decide(validation, unknownInstrument(), PriceBand.DEFAULT);

    // THEN
    assertThat(decision.reasonCodes())
        .containsExactly(MISSING_FIELD, INVALID_PRICE, UNKNOWN_INSTRUMENT)
        .doesNotHaveDuplicates();
    assertThat(decision.problems()).hasSize(4).startsWith(missingIsin, badPrice, missingSide);
  }

  @Test
  void decide_payloadNotATrade_shouldRejectWithTheValidatorsCodesOnly() {
    // GIVEN
    ValidationProblem malformed = problem(MALFORMED_PAYLOAD, "");

    // WHEN
    TradeDecision decision =
        policy.decide(
            unidentifiedResult(malformed), EnrichmentResult.notATrade(), PriceBand.DEFAULT);

    // THEN
    assertThat(decision.status()).isEqualTo(TradeStatus.REJECTED);
    assertThat(decision.reasonCodes()).containsExactly(MALFORMED_PAYLOAD);
    assertThat(decision.priceDeviationPercent()).isNull();
  }

  @Test
  void decideDuplicate_withoutEvidence_shouldThrow() {
    // GIVEN
    Trade trade = TradeFixtures.omsTrade();

    // WHEN / THEN
    assertThatThrownBy(
            () ->
                policy.decideDuplicate(
                    validResult(trade), enriched(trade, "189.25"), PriceBand.DEFAULT, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void tradeDecision_acceptedWithReasonCodes_shouldBeImpossible() {
    // WHEN / THEN
    assertThatThrownBy(
            () ->
                new TradeDecision(
                    TradeStatus.ACCEPTED,
                    List.of(ReasonCode.STALE_TRADE),
                    List.of(),
                    BigDecimal.TEN,
                    null,
                    "v"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

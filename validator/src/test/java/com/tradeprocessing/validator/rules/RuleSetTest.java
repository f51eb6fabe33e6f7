package com.tradeprocessing.validator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradeprocessing.model.Currency;
import com.tradeprocessing.model.Mic;
import com.tradeprocessing.model.Price;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.model.source.TradeCandidate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSetTest {

  @Test
  void check_validCandidate_shouldFindNothing() {
    // GIVEN
    TradeCandidate candidate = Candidates.valid();

    // WHEN
    List<ValidationProblem> problems = RuleSet.check(candidate, Candidates.context());

    // THEN
    assertThat(problems).isEmpty();
  }

  @Test
  void check_candidateBreakingEveryRule_shouldReportEveryProblem() {
    // GIVEN
    TradeCandidate c = Candidates.withQuantityAndPrice("2000000", Price.of("100", Currency.EUR));
    TradeCandidate candidate =
        Candidates.with(
            c,
            c.quantity(),
            c.price(),
            Mic.parse("XPAR"),
            Candidates.NOW.plus(Duration.ofHours(1)));

    // WHEN
    List<ValidationProblem> problems = RuleSet.check(candidate, Candidates.context());

    // THEN
    assertThat(problems)
        .extracting(ValidationProblem::code)
        .containsExactly(
            ReasonCode.INVALID_QUANTITY,
            ReasonCode.NOTIONAL_LIMIT_EXCEEDED,
            ReasonCode.INVALID_VENUE,
            ReasonCode.FUTURE_TRADE_TIME);
  }
}

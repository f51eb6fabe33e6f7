package com.tradeprocessing.validator.rules;

import static com.tradeprocessing.validator.rules.Candidates.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.validator.thresholds.ValidationThresholds;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** FutureTradeTimeRule and StaleTradeRule: the two edges of the accepted trade-time window. */
class TradeTimeRulesTest {

  private static final Duration SKEW = ValidationThresholds.DEFAULTS.clockSkewTolerance();
  private static final Duration MAX_AGE = ValidationThresholds.DEFAULTS.maxTradeAge();

  private final FutureTradeTimeRule future = new FutureTradeTimeRule();
  private final StaleTradeRule stale = new StaleTradeRule();

  @Test
  void futureCheck_tradeExactlyAtNowPlusSkew_shouldPass() {
    // GIVEN
    var candidate = Candidates.withExecutedAt(NOW.plus(SKEW));

    // WHEN
    Optional<ValidationProblem> problem = future.check(candidate, Candidates.context());

    // THEN
    assertThat(problem).isEmpty();
  }

  @Test
  void futureCheck_tradeOneNanosecondPastNowPlusSkew_shouldReportFutureTradeTime() {
    // GIVEN
    var candidate = Candidates.withExecutedAt(NOW.plus(SKEW).plusNanos(1));

    // WHEN
    Optional<ValidationProblem> problem = future.check(candidate, Candidates.context());

    // THEN
    assertThat(problem)
        .hasValueSatisfying(
            p -> {
              assertThat(p.code()).isEqualTo(ReasonCode.FUTURE_TRADE_TIME);
              assertThat(p.field()).isEqualTo("executedAt");
              assertThat(p.message()).contains("PT30S");
            });
  }

  @Test
  void futureCheck_zeroSkewTolerance_shouldRejectAnyLaterTime() {
    // GIVEN
    var thresholds = ValidationThresholds.DEFAULTS.withClockSkewTolerance(Duration.ZERO);
    var candidate = Candidates.withExecutedAt(NOW.plusMillis(1));

    // WHEN
    Optional<ValidationProblem> problem = future.check(candidate, Candidates.context(thresholds));

    // THEN
    assertThat(problem).map(ValidationProblem::code).contains(ReasonCode.FUTURE_TRADE_TIME);
  }

  @Test
  void staleCheck_tradeExactlyMaxAgeOld_shouldPass() {
    // GIVEN
    var candidate = Candidates.withExecutedAt(NOW.minus(MAX_AGE));

    // WHEN
    Optional<ValidationProblem> problem = stale.check(candidate, Candidates.context());

    // THEN
    assertThat(problem).isEmpty();
  }

  @Test
  void staleCheck_tradeOneNanosecondOlderThanMaxAge_shouldReportStaleTrade() {
    // GIVEN
    var candidate = Candidates.withExecutedAt(NOW.minus(MAX_AGE).minusNanos(1));

    // WHEN
    Optional<ValidationProblem> problem = stale.check(candidate, Candidates.context());

    // THEN
    assertThat(problem)
        .hasValueSatisfying(
            p -> {
              assertThat(p.code()).isEqualTo(ReasonCode.STALE_TRADE);
              assertThat(p.field()).isEqualTo("executedAt");
              assertThat(p.message()).contains("PT72H");
            });
  }

  @Test
  void bothChecks_tradeInsideTheWindow_shouldPass() {
    // GIVEN
    var candidate = Candidates.withExecutedAt(NOW.minusSeconds(1));

    // WHEN
    Optional<ValidationProblem> futureProblem = future.check(candidate, Candidates.context());
    Optional<ValidationProblem> staleProblem = stale.check(candidate, Candidates.context());

    // THEN
    assertThat(futureProblem).isEmpty();
    assertThat(staleProblem).isEmpty();
  }

  @Test
  void bothChecks_tradeTimeMissing_shouldNotApply() {
    // GIVEN
    var candidate = Candidates.withExecutedAt(null);

    // WHEN
    Optional<ValidationProblem> futureProblem = future.check(candidate, Candidates.context());
    Optional<ValidationProblem> staleProblem = stale.check(candidate, Candidates.context());

    // THEN
    assertThat(futureProblem).isEmpty();
    assertThat(staleProblem).isEmpty();
  }
}

package com.tradeprocessing.validator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.validator.thresholds.ValidationThresholds;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaxQuantityRuleTest {

  private final MaxQuantityRule rule = new MaxQuantityRule();

  @ParameterizedTest
  @CsvSource({"1", "999999.99999999", "1000000", "1000000.00000000"})
  void check_quantityUpToTheMaximum_shouldPass(String quantity) {
    // GIVEN
    var candidate = Candidates.withQuantity(quantity);

    // WHEN
    Optional<ValidationProblem> problem = rule.check(candidate, Candidates.context());

    // THEN
    assertThat(problem).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"1000001", "1000000.00000001", "999999999999999"})
  void check_quantityAboveTheMaximum_shouldReportInvalidQuantity(String quantity) {
    // GIVEN
    var candidate = Candidates.withQuantity(quantity);

    // WHEN
    Optional<ValidationProblem> problem = rule.check(candidate, Candidates.context());

    // THEN
    assertThat(problem)
        .hasValueSatisfying(
            p -> {
              assertThat(p.code()).isEqualTo(ReasonCode.INVALID_QUANTITY);
              assertThat(p.field()).isEqualTo("quantity");
              assertThat(p.message()).contains(quantity).contains("1000000");
            });
  }

  @Test
  void check_lowerConfiguredMaximum_shouldUseIt() {
    // GIVEN
    var thresholds = ValidationThresholds.DEFAULTS.withMaxQuantity(new java.math.BigDecimal("50"));
    var candidate = Candidates.withQuantity("51");

    // WHEN
    Optional<ValidationProblem> problem = rule.check(candidate, Candidates.context(thresholds));

    // THEN
    assertThat(problem).map(ValidationProblem::code).contains(ReasonCode.INVALID_QUANTITY);
  }

  @Test
  void check_fixSource_shouldNameTheFixField() {
    // GIVEN
    var context =
        new RuleContext(
            ValidationThresholds.DEFAULTS,
            Candidates.NOW,
            SourceFieldNames.of(SourceSystem.FIX_GATEWAY));

    // WHEN
    Optional<ValidationProblem> problem = rule.check(Candidates.withQuantity("2000000"), context);

    // THEN
    assertThat(problem).map(ValidationProblem::field).contains("LastQty");
  }

  @Test
  void check_quantityMissing_shouldNotApply() {
    // GIVEN
    var candidate = Candidates.withQuantity(null);

    // WHEN
    Optional<ValidationProblem> problem = rule.check(candidate, Candidates.context());

    // THEN
    assertThat(problem).isEmpty();
  }
}

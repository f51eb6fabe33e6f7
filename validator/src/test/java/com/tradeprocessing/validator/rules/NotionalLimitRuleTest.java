package com.tradeprocessing.validator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradeprocessing.model.Currency;
import com.tradeprocessing.model.Price;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.ValidationProblem;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotionalLimitRuleTest {

  private final NotionalLimitRule rule = new NotionalLimitRule();

  @ParameterizedTest
  @CsvSource({
    "1000000, 50,          USD",
    "400000,  125,         EUR",
    "1,       50000000,    GBP",
    "1,       50000000,    JPY",
    // Quantity x price is taken in minor units (half-even), as the canonical notional is.
    "1,       50000000.004, USD",
  })
  void check_notionalUpToTheLimit_shouldPass(String quantity, String price, String currency) {
    // GIVEN
    var candidate =
        Candidates.withQuantityAndPrice(quantity, Price.of(price, Currency.parse(currency)));

    // WHEN
    Optional<ValidationProblem> problem = rule.check(candidate, Candidates.context());

    // THEN
    assertThat(problem).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "1000000, 50.00000001, USD, USD 50000000.01",
    "1,       50000000.01, EUR, EUR 50000000.01",
    "1,       50000001,    JPY, JPY 50000001",
    "999999,  1000,        GBP, GBP 999999000.00",
  })
  void check_notionalOneMinorUnitOrMoreAboveTheLimit_shouldReportIt(
      String quantity, String price, String currency, String notional) {
    // GIVEN
    var candidate =
        Candidates.withQuantityAndPrice(quantity, Price.of(price, Currency.parse(currency)));

    // WHEN
    Optional<ValidationProblem> problem = rule.check(candidate, Candidates.context());

    // THEN
    assertThat(problem)
        .hasValueSatisfying(
            p -> {
              assertThat(p.code()).isEqualTo(ReasonCode.NOTIONAL_LIMIT_EXCEEDED);
              assertThat(p.field()).isEqualTo("quantity,price");
              assertThat(p.message()).contains(notional).contains(currency + " 50000000");
            });
  }

  @Test
  void check_priceMissing_shouldNotApply() {
    // GIVEN
    var candidate = Candidates.withQuantityAndPrice("999999", null);

    // WHEN
    Optional<ValidationProblem> problem = rule.check(candidate, Candidates.context());

    // THEN
    assertThat(problem).isEmpty();
  }
}

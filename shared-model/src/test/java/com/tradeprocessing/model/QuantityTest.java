package com.tradeprocessing.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.tradeprocessing.model.json.TradeJson;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

  @ParameterizedTest
  @CsvSource({"100, 100", "100.00, 100", "1E+2, 100", "0.5, 0.5", "250.250, 250.25"})
  void of_positive_shouldHoldCanonicalValue(String value, String canonical) {
    // WHEN
    Quantity quantity = Quantity.of(value);

    // THEN
    assertThat(quantity.value()).isEqualTo(new BigDecimal(canonical));
    assertThat(quantity.toString()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.000", "-1", "-0.5"})
  void of_notPositive_shouldThrow(String value) {
    // WHEN / THEN
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Quantity.of(value))
        .withMessageContaining("positive");
  }

  @Test
  void compareTo_quantities_shouldOrderByValue() {
    // WHEN / THEN
    assertThat(Quantity.of("99.5")).isLessThan(Quantity.of("100"));
    assertThat(Quantity.of("100.0")).isEqualByComparingTo(Quantity.of("100"));
    assertThat(Quantity.of("100.0")).isEqualTo(Quantity.of("100"));
  }

  @Test
  void json_quantity_shouldBeADecimalStringBothWays() throws Exception {
    // GIVEN
    Quantity quantity = Quantity.of("1000000.25");

    // WHEN
    String json = TradeJson.mapper().writeValueAsString(quantity);

    // THEN
    assertThat(json).isEqualTo("\"1000000.25\"");
    assertThat(TradeJson.mapper().readValue(json, Quantity.class)).isEqualTo(quantity);
  }
}

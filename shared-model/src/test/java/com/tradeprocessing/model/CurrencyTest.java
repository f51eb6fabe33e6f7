package com.tradeprocessing.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CurrencyTest {

  @ParameterizedTest
  @CsvSource({"USD, 2", "EUR, 2", "GBP, 2", "JPY, 0", "CHF, 2", "KWD, 3"})
  void minorUnits_isoCurrency_shouldBeItsDecimals(String code, int decimals) {
    // WHEN
    Currency currency = Currency.parse(code);

    // THEN
    assertThat(currency.minorUnits()).isEqualTo(decimals);
    assertThat(currency.toString()).isEqualTo(code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"usd", "US", "USDX", "US$", "GBX", "ABC", ""})
  void parse_notAnIsoCode_shouldThrow(String code) {
    // WHEN / THEN
    assertThatIllegalArgumentException().isThrownBy(() -> Currency.parse(code));
  }

  @ParameterizedTest
  @ValueSource(strings = {"XAU", "XXX", "XDR"})
  void parse_codeWithoutMinorUnits_shouldThrow(String code) {
    // WHEN / THEN
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Currency.parse(code))
        .withMessageContaining("minor units");
  }
}

package com.tradeprocessing.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PriceTest {

  @ParameterizedTest
  @CsvSource({
    "189.25,       189.25",
    "189.2500,     189.25",
    "415.10,       415.1",
    "0.7012,       0.7012",
    "0.00000001,   0.00000001",
    "1.000000000,  1", // nine decimals, but only zeros beyond the first
    "1E+3,         1000",
    "12345678.12345678, 12345678.12345678",
  })
  void of_validAmount_shouldHoldItWithoutTrailingZeros(String amount, String canonical) {
    // WHEN
    Price price = Price.of(amount, Currency.USD);

    // THEN
    assertThat(price.amount()).isEqualTo(new BigDecimal(canonical));
    assertThat(price.amount().toPlainString()).isEqualTo(canonical);
  }

  @Test
  void of_sameAmountWrittenDifferently_shouldBeEqual() {
    // WHEN / THEN
    assertThat(Price.of("189.2500", Currency.USD)).isEqualTo(Price.of("189.25", Currency.USD));
  }

  @Test
  void of_moreDecimalsThanMinorUnits_shouldNotRound() {
    // WHEN
    Price price = Price.of("0.7012", Currency.GBP);

    // THEN
    assertThat(price.amount().scale()).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.000000001", "189.123456789", "1.000000001"})
  void of_moreThanEightDecimals_shouldThrow(String amount) {
    // WHEN / THEN
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Price.of(amount, Currency.USD))
        .withMessageContaining("decimals");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.00", "-1", "-0.0001"})
  void of_notPositive_shouldThrow(String amount) {
    // WHEN / THEN
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Price.of(amount, Currency.USD))
        .withMessageContaining("positive");
  }

  @Test
  void times_quantity_shouldBeNotionalInMinorUnits() {
    // GIVEN
    Price price = Price.of("0.7012", Currency.GBP);

    // WHEN
    Money notional = price.times(Quantity.of("250"));

    // THEN 175.3 exactly, written with the pound's two decimals
    assertThat(notional).isEqualTo(Money.of("175.30", Currency.GBP));
    assertThat(Price.of("0.7015", Currency.GBP).times(Quantity.of("3")))
        .isEqualTo(Money.of("2.10", Currency.GBP)); // 2.1045 rounds down
  }

  @Test
  void deviationPercentFrom_reference_shouldBeSignedFourDecimals() {
    // GIVEN
    Price price = Price.of("189.25", Currency.USD);
    Price reference = Price.of("190.00", Currency.USD);

    // WHEN
    BigDecimal deviation = price.deviationPercentFrom(reference);

    // THEN
    assertThat(deviation).isEqualTo(new BigDecimal("-0.3947"));
    assertThat(reference.deviationPercentFrom(reference)).isEqualByComparingTo("0");
  }

  @Test
  void deviationPercentFrom_otherCurrency_shouldThrowCurrencyMismatch() {
    // GIVEN
    Price dollars = Price.of("1", Currency.USD);
    Price pounds = Price.of("1", Currency.GBP);

    // WHEN / THEN
    assertThatThrownBy(() -> dollars.deviationPercentFrom(pounds))
        .isInstanceOf(CurrencyMismatchException.class);
  }

  @Test
  void deviationPercentFrom_referenceAmountBeyondPriceDecimals_shouldUseTheAmountAsGiven() {
    // GIVEN a reference amount with more decimals than a Price may have
    Price price = Price.of("101", Currency.USD);

    // WHEN
    BigDecimal deviation = price.deviationPercentFrom(new BigDecimal("100.000000000001"));

    // THEN 1 / 100.000000000001 * 100, rounded half-even to four decimals
    assertThat(deviation).isEqualTo(new BigDecimal("1.0000"));
  }

  @Test
  void deviationPercentFrom_referenceAmountNotPositive_shouldThrow() {
    // GIVEN
    Price price = Price.of("1", Currency.USD);

    // WHEN / THEN
    assertThatThrownBy(() -> price.deviationPercentFrom(BigDecimal.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive");
  }

  @Test
  void toString_price_shouldBeCurrencyThenPlainAmount() {
    // WHEN / THEN
    assertThat(Price.of("1E+3", Currency.EUR).toString()).isEqualTo("EUR 1000");
  }

  @Test
  void json_price_shouldWriteAmountAsStringAndReadBack() throws Exception {
    // GIVEN
    Price price = Price.of("0.7012", Currency.GBP);

    // WHEN / THEN
    AmountJson.assertRoundTrip(price, Price.class, "0.7012", "GBP");
  }
}

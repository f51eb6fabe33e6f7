package com.tradeprocessing.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

  private static final Currency JPY = Currency.parse("JPY");
  private static final Currency KWD = Currency.parse("KWD");

  @ParameterizedTest
  @CsvSource({
    "USD, 10.125,  10.12", // half-even: the tie goes to the even neighbour
    "USD, 10.135,  10.14",
    "USD, 10.1251, 10.13", // not a tie
    "USD, -10.125, -10.12",
    "USD, 7,       7.00",
    "JPY, 1234.5,  1234",
    "JPY, 1235.5,  1236",
    "JPY, 1234.49, 1234",
    "KWD, 1.2345,  1.234",
    "KWD, 1.2355,  1.236",
  })
  void new_amount_shouldRoundHalfEvenToMinorUnits(String currency, String amount, String rounded) {
    // WHEN
    Money money = new Money(new BigDecimal(amount), Currency.parse(currency));

    // THEN
    assertThat(money.amount()).isEqualTo(new BigDecimal(rounded));
    assertThat(money.amount().scale()).isEqualTo(Currency.parse(currency).minorUnits());
  }

  @Test
  void equals_sameAmountWrittenDifferently_shouldBeEqual() {
    // WHEN / THEN
    assertThat(Money.of("12.3", Currency.USD)).isEqualTo(Money.of("12.300", Currency.USD));
    assertThat(Money.of("12.3", Currency.USD)).isNotEqualTo(Money.of("12.3", Currency.EUR));
  }

  @Test
  void plus_sameCurrency_shouldAdd() {
    // GIVEN
    Money a = Money.of("10.10", Currency.USD);
    Money b = Money.of("0.95", Currency.USD);

    // WHEN
    Money sum = a.plus(b);

    // THEN
    assertThat(sum).isEqualTo(Money.of("11.05", Currency.USD));
    assertThat(a.minus(b)).isEqualTo(Money.of("9.15", Currency.USD));
  }

  @Test
  void plus_differentCurrencies_shouldThrowCurrencyMismatch() {
    // GIVEN
    Money dollars = Money.of("10", Currency.USD);
    Money pounds = Money.of("10", Currency.GBP);

    // WHEN / THEN
    assertThatThrownBy(() -> dollars.plus(pounds))
        .isInstanceOf(CurrencyMismatchException.class)
        .hasMessageContaining("USD")
        .hasMessageContaining("GBP");
    assertThatThrownBy(() -> dollars.minus(pounds)).isInstanceOf(CurrencyMismatchException.class);
  }

  @Test
  void compareTo_differentCurrencies_shouldThrowCurrencyMismatch() {
    // GIVEN
    Money dollars = Money.of("10", Currency.USD);
    Money euros = Money.of("5", Currency.EUR);

    // WHEN / THEN
    assertThatThrownBy(() -> dollars.compareTo(euros))
        .isInstanceOf(CurrencyMismatchException.class);
    assertThatThrownBy(() -> dollars.isGreaterThan(euros))
        .isInstanceOf(CurrencyMismatchException.class);
  }

  @Test
  void compareTo_sameCurrency_shouldOrderByAmount() {
    // GIVEN
    Money small = Money.of("49999999.99", Currency.USD);
    Money limit = Money.of("50000000", Currency.USD);

    // WHEN / THEN
    assertThat(small.compareTo(limit)).isNegative();
    assertThat(limit.isGreaterThan(small)).isTrue();
    assertThat(limit.isGreaterThan(Money.of("50000000.00", Currency.USD))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"USD 12.34", "JPY 1000", "GBP -0.01", "KWD 1.234", "EUR 0.00"})
  void parse_toStringForm_shouldRoundTrip(String text) {
    // WHEN
    Money money = Money.parse(text);

    // THEN
    assertThat(money.toString()).isEqualTo(text);
    assertThat(Money.parse(money.toString())).isEqualTo(money);
  }

  @Test
  void toString_largeAmount_shouldNotUseExponent() {
    // GIVEN
    Money money = new Money(new BigDecimal("1E+7"), Currency.USD);

    // WHEN / THEN
    assertThat(money.toString()).isEqualTo("USD 10000000.00");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"USD", "12.34 USD", "USD  12.34", "USD 12.34 ", "usd 12.34", "USD twelve"})
  void parse_otherForms_shouldThrow(String text) {
    // WHEN / THEN
    assertThatIllegalArgumentException().isThrownBy(() -> Money.parse(text));
  }

  @Test
  void json_money_shouldWriteAmountAsStringAndReadBack() throws Exception {
    // GIVEN
    Money money = Money.of("18925.5", Currency.USD);

    // WHEN / THEN
    AmountJson.assertRoundTrip(money, Money.class, "18925.50", "USD");
  }
}

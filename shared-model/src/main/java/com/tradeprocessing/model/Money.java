package com.tradeprocessing.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An amount of money in one currency, immutable, rounded half-even to the currency's minor units
 * when constructed. Arithmetic and comparison across currencies throw {@link
 * CurrencyMismatchException}.
 */
public record Money(
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, Currency currency)
    implements Comparable<Money> {

  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    amount = amount.setScale(currency.minorUnits(), RoundingMode.HALF_EVEN);
  }

  public static Money of(String amount, Currency currency) {
    return new Money(new BigDecimal(amount), currency);
  }

  /** Parses the form {@link #toString()} writes: {@code "USD 12.34"}. */
  public static Money parse(String text) {
    String[] parts = Objects.requireNonNull(text, "text").split(" ", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("money must read '<currency> <amount>': " + text);
    }
    return of(parts[1], Currency.parse(parts[0]));
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.subtract(other.amount), currency);
  }

  public boolean isGreaterThan(Money other) {
    return compareTo(other) > 0;
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new CurrencyMismatchException(currency, other.currency);
    }
  }

  @Override
  public String toString() {
    return currency + " " + amount.toPlainString();
  }
}

package com.tradeprocessing.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A strictly positive price per unit in a currency, immutable, with at most {@value #MAX_DECIMALS}
 * decimals. Unlike {@link Money} a price is not rounded to the currency's minor units.
 */
public record Price(
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, Currency currency) {

  public static final int MAX_DECIMALS = 8;

  public Price {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("price must be positive: " + amount.toPlainString());
    }
    amount = Decimals.canonical(amount);
    if (amount.scale() > MAX_DECIMALS) {
      throw new IllegalArgumentException(
          "price has more than " + MAX_DECIMALS + " decimals: " + amount.toPlainString());
    }
  }

  public static Price of(String amount, Currency currency) {
    return new Price(new BigDecimal(amount), currency);
  }

  /** The consideration of trading {@code quantity} units at this price, in minor units. */
  public Money times(Quantity quantity) {
    return new Money(amount.multiply(quantity.value()), currency);
  }

  /**
   * How far this price lies from {@code reference}, in percent of the reference, signed and rounded
   * half-even to four decimals. Throws {@link CurrencyMismatchException} across currencies.
   */
  public BigDecimal deviationPercentFrom(Price reference) {
    if (!currency.equals(reference.currency)) {
      throw new CurrencyMismatchException(currency, reference.currency);
    }
    return deviationPercentFrom(reference.amount);
  }

  /**
   * How far this price lies from a reference amount in this price's currency, in percent of the
   * reference, signed and rounded half-even to four decimals. The amount need not be a valid {@code
   * Price} (a reference price is kept as the reference data gave it) but must be positive.
   */
  public BigDecimal deviationPercentFrom(BigDecimal referenceAmount) {
    if (referenceAmount.signum() <= 0) {
      throw new IllegalArgumentException(
          "reference amount must be positive: " + referenceAmount.toPlainString());
    }
    return amount
        .subtract(referenceAmount)
        .multiply(BigDecimal.valueOf(100))
        .divide(referenceAmount, 4, RoundingMode.HALF_EVEN);
  }

  @Override
  public String toString() {
    return currency + " " + amount.toPlainString();
  }
}

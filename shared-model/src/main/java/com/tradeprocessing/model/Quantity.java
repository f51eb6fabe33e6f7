package com.tradeprocessing.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.Objects;

/** A strictly positive number of units traded, immutable, held without trailing zeros. */
public record Quantity(BigDecimal value) implements Comparable<Quantity> {

  public Quantity {
    Objects.requireNonNull(value, "value");
    if (value.signum() <= 0) {
      throw new IllegalArgumentException("quantity must be positive: " + value.toPlainString());
    }
    value = Decimals.canonical(value);
  }

  public static Quantity of(String value) {
    return new Quantity(new BigDecimal(value));
  }

  @JsonCreator
  static Quantity fromJson(String value) {
    return of(value);
  }

  /** The JSON form: a decimal string, so no consumer reads it as a binary float. */
  @JsonValue
  String toJson() {
    return value.toPlainString();
  }

  @Override
  public int compareTo(Quantity other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value.toPlainString();
  }
}

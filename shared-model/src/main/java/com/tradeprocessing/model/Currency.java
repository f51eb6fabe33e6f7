package com.tradeprocessing.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An ISO 4217 currency that has minor units (so not a precious metal, fund or test code),
 * immutable.
 */
public record Currency(@JsonValue String code) {

  private static final Pattern FORMAT = Pattern.compile("[A-Z]{3}");

  public Currency {
    Objects.requireNonNull(code, "code");
    if (!FORMAT.matcher(code).matches()) {
      throw new IllegalArgumentException("currency must be three upper-case letters: " + code);
    }
    java.util.Currency iso;
    try {
      iso = java.util.Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an ISO 4217 currency: " + code, e);
    }
    if (iso.getDefaultFractionDigits() < 0) {
      throw new IllegalArgumentException("not a currency with minor units: " + code);
    }
  }

  public static final Currency USD = new Currency("USD");
  public static final Currency EUR = new Currency("EUR");
  public static final Currency GBP = new Currency("GBP");

  @JsonCreator
  public static Currency parse(String code) {
    return new Currency(code);
  }

  /** Digits after the decimal point of this currency's minor unit (2 for USD, 0 for JPY). */
  public int minorUnits() {
    return java.util.Currency.getInstance(code).getDefaultFractionDigits();
  }

  @Override
  public String toString() {
    return code;
  }
}

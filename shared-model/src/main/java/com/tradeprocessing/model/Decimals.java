package com.tradeprocessing.model;

import java.math.BigDecimal;

/** Canonical forms of decimals, so that equal amounts are equal records and equal JSON. */
final class Decimals {

  private Decimals() {}

  /** The value without trailing zeros and never in exponent form: 100.50 -> 100.5, 1E+2 -> 100. */
  static BigDecimal canonical(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}

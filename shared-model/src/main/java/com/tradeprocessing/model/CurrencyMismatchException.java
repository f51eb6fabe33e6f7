package com.tradeprocessing.model;

/** Arithmetic or comparison was attempted between amounts in two different currencies. */
public class CurrencyMismatchException extends IllegalArgumentException {

  public CurrencyMismatchException(Currency left, Currency right) {
    super("cannot combine amounts in " + left + " and " + right);
  }
}

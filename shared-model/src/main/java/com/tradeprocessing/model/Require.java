package com.tradeprocessing.model;

import java.util.regex.Pattern;

/** The null checks of a record's compact constructor, written once for all its components. */
public final class Require {

  private static final Pattern SEPARATOR = Pattern.compile(" ");

  private Require() {}

  /**
   * Throws {@link NullPointerException} naming the first null value, as {@link
   * java.util.Objects#requireNonNull(Object, String)} would with the component's name.
   *
   * @param names the values' names in order, separated by single spaces
   * @throws IllegalArgumentException when there are not as many names as values: a caller's list
   *     out of step fails on its first use, not on the day a value is null
   */
  public static void nonNull(String names, Object... values) {
    String[] split = SEPARATOR.split(names);
    if (split.length != values.length) {
      throw new IllegalArgumentException(
          split.length + " names for " + values.length + " values: " + names);
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        throw new NullPointerException(split[i]);
      }
    }
  }
}

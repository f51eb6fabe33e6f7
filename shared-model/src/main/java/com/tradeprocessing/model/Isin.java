package com.tradeprocessing.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An International Securities Identification Number (ISO 6166), immutable, with a valid check
 * digit.
 */
public record Isin(@JsonValue String value) {

  private static final Pattern FORMAT = Pattern.compile("[A-Z]{2}[A-Z0-9]{9}[0-9]");

  public Isin {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "ISIN must be 2 letters, 9 letters or digits and a check digit: " + value);
    }
    int expected = checkDigit(value.substring(0, 11));
    if (value.charAt(11) - '0' != expected) {
      throw new IllegalArgumentException("ISIN check digit of " + value + " should be " + expected);
    }
  }

  @JsonCreator
  public static Isin parse(String value) {
    return new Isin(value);
  }

  /** The two-letter country prefix (ISO 3166-1 alpha-2, or XS/EU for international issues). */
  public String countryCode() {
    return value.substring(0, 2);
  }

  /**
   * The ISO 6166 check digit of the first eleven characters: letters become two digits (A=10 ..
   * Z=35), then the Luhn algorithm runs over the digit string.
   */
  static int checkDigit(String firstEleven) {
    StringBuilder digits = new StringBuilder(22);
    for (int i = 0; i < firstEleven.length(); i++) {
      digits.append(Character.digit(firstEleven.charAt(i), 36));
    }
    int sum = 0;
    // The check digit will sit to the right, so the rightmost digit here is doubled.
    boolean doubled = true;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
    }
    return (10 - sum % 10) % 10;
  }

  @Override
  public String toString() {
    return value;
  }
}

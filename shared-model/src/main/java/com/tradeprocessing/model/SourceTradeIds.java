package com.tradeprocessing.model;

import java.util.Locale;
import java.util.Optional;

/**
 * What a source system's trade id may be: 1 to {@value #MAX_LENGTH} printable ASCII characters
 * (U+0021 to U+007E), so no space, no control character and nothing outside ASCII. Every id the
 * three sources send has this form ({@code OMS-20261125-000123}, {@code FIX-8841}, {@code
 * PB-77120}); anything else is rejected as {@code INVALID_TRADE_ID} (docs/reason-codes.md, ADR
 * 0024). An id is compared byte for byte and never trimmed, so an id that only differs from another
 * by an invisible or look-alike character would name another trade.
 */
public final class SourceTradeIds {

  /** Longest source trade id, in characters (which are bytes: the id is ASCII). */
  public static final int MAX_LENGTH = 64;

  private static final char FIRST_PRINTABLE = '!';
  private static final char LAST_PRINTABLE = '~';

  private SourceTradeIds() {}

  /** Whether {@code id} is a source trade id of the accepted form. */
  public static boolean isValid(String id) {
    return id != null && problem(id).isEmpty();
  }

  /**
   * What is wrong with {@code id}, for a problem message; empty when it has the accepted form. The
   * description never holds the id's offending characters themselves, only their code points.
   */
  public static Optional<String> problem(String id) {
    if (id.isEmpty()) {
      return Optional.of("is empty");
    }
    if (id.length() > MAX_LENGTH) {
      return Optional.of("is " + id.length() + " characters long, more than " + MAX_LENGTH);
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < FIRST_PRINTABLE || c > LAST_PRINTABLE) {
        return Optional.of(
            "has "
                + kind(c)
                + " U+"
                + String.format(Locale.ROOT, "%04X", (int) c)
                + " at position "
                + (i + 1)
                + "; only printable ASCII characters (U+0021 to U+007E) are allowed");
      }
    }
    return Optional.empty();
  }

  private static String kind(char c) {
    if (c == ' ') {
      return "a space";
    }
    if (Character.isISOControl(c)) {
      return "the control character";
    }
    return "the non-ASCII character";
  }
}

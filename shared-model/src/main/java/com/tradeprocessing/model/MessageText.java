package com.tradeprocessing.model;

import java.util.Locale;

/**
 * How a publisher's value appears in a problem message or a log line: at most {@value #MAX_LENGTH}
 * characters, never cut inside a surrogate pair, with control characters and unpaired surrogates
 * written as JSON-style backslash-u escapes. A message thus stays short, printable and valid
 * Unicode whatever the payload holds, and is stored in the record as is.
 */
public final class MessageText {

  /** Longest part of a value shown; a longer value is cut and its length given. */
  public static final int MAX_LENGTH = 40;

  private MessageText() {}

  /** {@code text}, abbreviated and made printable, in single quotes. */
  public static String quote(String text) {
    return "'" + abbreviate(text) + "'";
  }

  /** {@code text}, abbreviated and made printable. */
  public static String abbreviate(String text) {
    int end = Math.min(text.length(), MAX_LENGTH);
    if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    String shown = printable(text.substring(0, end));
    return end == text.length() ? shown : shown + "... (" + text.length() + " characters)";
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
              : Character.isLowSurrogate(c)
                  && i > 0
                  && Character.isHighSurrogate(text.charAt(i - 1));
      if (Character.isISOControl(c) || (Character.isSurrogate(c) && !paired)) {
        out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}

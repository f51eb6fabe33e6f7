package com.tradeprocessing.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A well-formed ISO 10383 Market Identifier Code, immutable. Whether the platform knows the venue
 * is a validation rule, not part of the type.
 */
public record Mic(@JsonValue String value) {

  private static final Pattern FORMAT = Pattern.compile("[A-Z0-9]{4}");

  public Mic {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("MIC must be four upper-case letters or digits: " + value);
    }
  }

  @JsonCreator
  public static Mic parse(String value) {
    return new Mic(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

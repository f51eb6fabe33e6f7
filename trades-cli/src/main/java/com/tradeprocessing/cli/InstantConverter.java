package com.tradeprocessing.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** An ISO-8601 UTC instant of the command line, e.g. {@code 2026-11-25T09:00:00Z}. */
final class InstantConverter implements CommandLine.ITypeConverter<Instant> {

  @Override
  public Instant convert(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a UTC instant such as 2026-11-25T09:00:00Z");
    }
  }
}

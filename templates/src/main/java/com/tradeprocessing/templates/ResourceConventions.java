package com.tradeprocessing.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The naming conventions of one resource type the templates declare, immutable; one row of {@code
 * resource-conventions.csv}, where a new type is added.
 *
 * @param type the CloudFormation type, e.g. {@code AWS::SQS::Queue}
 * @param logicalIdSuffix the type word that ends a logical id, {@code <Purpose><Type>}
 * @param nameProperty the property that holds the physical name, if the type has one
 * @param nameWord the word a physical name (or, without a name property, the Name tag) starts with,
 *     if the name is checked
 */
public record ResourceConventions(
    String type, String logicalIdSuffix, Optional<String> nameProperty, Optional<String> nameWord) {

  private static final String TABLE = "/resource-conventions.csv";
  private static final Map<String, ResourceConventions> BY_TYPE = read();

  public ResourceConventions {
    if (type.isBlank() || logicalIdSuffix.isBlank()) {
      throw new IllegalArgumentException("a type and its logical-id suffix are required");
    }
  }

  /** The conventions of {@code type}, empty for a type the table does not list. */
  public static Optional<ResourceConventions> of(String type) {
    return Optional.ofNullable(BY_TYPE.get(type));
  }

  private static Map<String, ResourceConventions> read() {
    try (InputStream in = ResourceConventions.class.getResourceAsStream(TABLE)) {
      if (in == null) {
        throw new IllegalStateException(TABLE + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("type,"))
          .map(ResourceConventions::row)
          .collect(Collectors.toUnmodifiableMap(ResourceConventions::type, Function.identity()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ResourceConventions row(String line) {
    String[] cells = line.split(",", -1);
    if (cells.length != 4) {
      throw new IllegalStateException(TABLE + ": not four cells: " + line);
    }
    return new ResourceConventions(cells[0], cells[1], optional(cells[2]), optional(cells[3]));
  }

  private static Optional<String> optional(String cell) {
    return cell.isEmpty() ? Optional.empty() : Optional.of(cell);
  }
}

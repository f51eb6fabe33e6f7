package com.tradeprocessing.integration.runlocal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.tradeprocessing.integration.pipeline.BusEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a run-local input file: one EventBridge PutEvents entry per line, {@code {"Source": ...,
 * "DetailType": ..., "Detail": {...}}}, where {@code Detail} may also be a JSON string holding the
 * object. Every line becomes one {@link InputLine}, so every line gets one result: an entry to
 * publish, an entry EventBridge would refuse ({@link PutEventsRules}), a line that is not an entry
 * at all, or a blank line. Time placeholders in the detail are resolved against the time the file
 * is read ({@link TimePlaceholders}); a detail is otherwise published with the values it holds.
 */
public final class InputFile {

  /**
   * Reads any line, however deep or long: the limits are PutEvents', checked after reading. Floats
   * are read as exact decimals and written back with the same value and scale.
   */
  private static final JsonMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(Integer.MAX_VALUE)
                          .maxNumberLength(Integer.MAX_VALUE)
                          .maxNameLength(Integer.MAX_VALUE)
                          .build())
                  .streamWriteConstraints(
                      StreamWriteConstraints.builder()
                          .maxNestingDepth(PutEventsRules.MAX_DEPTH)
                          .build())
                  .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private InputFile() {}

  /** Every line of {@code file}, in order, with placeholders resolved against {@code now}. */
  public static List<InputLine> read(Path file, Instant now) throws IOException {
    TimePlaceholders placeholders = new TimePlaceholders(now);
    List<InputLine> lines = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int number = 0;
      while ((text = reader.readLine()) != null) {
        lines.add(parse(++number, text, placeholders));
      }
    }
    return lines;
  }

  static InputLine parse(int number, String text, TimePlaceholders placeholders) {
    if (text.isBlank()) {
      return InputLine.blank(number);
    }
    JsonNode entry;
    try {
      entry = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return InputLine.malformed(number, "not JSON: " + e.getOriginalMessage());
    }
    if (entry == null || !entry.isObject()) {
      return InputLine.malformed(
          number,
          "not a PutEvents entry {\"Source\", \"DetailType\", \"Detail\"}: a JSON "
              + (entry == null ? "nothing" : kind(entry)));
    }
    String source = entry.path("Source").isTextual() ? entry.get("Source").textValue() : null;
    Optional<String> missing =
        missingField(entry, "Source").or(() -> missingField(entry, "DetailType"));
    if (missing.isPresent()) {
      return InputLine.refused(number, source, missing.get());
    }
    String detailType = entry.get("DetailType").textValue();
    JsonNode given = entry.get("Detail");
    if (given == null || given.isNull()) {
      return InputLine.refused(number, source, "Detail is required");
    }
    JsonNode detail = given;
    if (given.isTextual()) {
      try {
        detail = JSON.readTree(given.textValue());
      } catch (JsonProcessingException e) {
        return InputLine.refused(
            number,
            source,
            "Detail is not valid JSON (MalformedDetail): " + e.getOriginalMessage());
      }
    }
    if (detail == null || !detail.isObject()) {
      return InputLine.refused(
          number,
          source,
          "Detail must be a JSON object (MalformedDetail), was "
              + (detail == null || detail.isMissingNode()
                  ? "an empty string"
                  : (given.isTextual() ? "a string holding " : "") + "a JSON " + kind(detail)));
    }
    Optional<String> detailRefusal = PutEventsRules.detailRefusal(detail);
    if (detailRefusal.isPresent()) {
      return InputLine.refused(number, source, detailRefusal.get());
    }
    boolean resolved;
    try {
      resolved = placeholders.resolve(detail);
    } catch (TimePlaceholders.UnknownPlaceholderException e) {
      return InputLine.malformed(number, e.getMessage());
    }
    String detailText = given.isTextual() && !resolved ? given.textValue() : write(detail);
    Optional<String> entryRefusal = PutEventsRules.entryRefusal(source, detailType, detailText);
    if (entryRefusal.isPresent()) {
      return InputLine.refused(number, source, entryRefusal.get());
    }
    return InputLine.event(number, new BusEvent(source, detailType, detailText));
  }

  private static Optional<String> missingField(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull() || (value.isTextual() && value.textValue().isEmpty())) {
      return Optional.of(field + " is required");
    }
    if (!value.isTextual()) {
      return Optional.of(field + " must be a string, was a JSON " + kind(value));
    }
    return Optional.empty();
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static String write(JsonNode detail) {
    try {
      return JSON.writeValueAsString(detail);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a detail within PutEvents' depth always serializes", e);
    }
  }
}

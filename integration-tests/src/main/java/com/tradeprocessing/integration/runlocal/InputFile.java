package com.tradeprocessing.integration.runlocal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradeprocessing.integration.pipeline.BusEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a run-local input file: one JSON object per line, as an EventBridge PutEvents entry,
 * {@code {"Source": ..., "DetailType": ..., "Detail": {...}}}, where {@code Detail} may also be
 * a JSON string. Blank lines are ignored; any other line that is not such an entry is reported
 * with its number and skipped, never fatal.
 */
public final class InputFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private InputFile() {}

  public static List<InputLine> read(Path file) throws IOException {
    List<InputLine> lines = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int number = 0;
      while ((text = reader.readLine()) != null) {
        number++;
        if (!text.isBlank()) {
          lines.add(parse(number, text));
        }
      }
    }
    return lines;
  }

  static InputLine parse(int number, String text) {
    JsonNode entry;
    try {
      entry = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return InputLine.malformed(number, "not JSON: " + e.getOriginalMessage());
    }
    if (entry == null || !entry.isObject()) {
      return InputLine.malformed(number, "not a JSON object");
    }
    String source = text(entry, "Source");
    String detailType = text(entry, "DetailType");
    JsonNode detail = entry.get("Detail");
    if (source == null) {
      return InputLine.malformed(number, "no Source string");
    }
    if (detailType == null) {
      return InputLine.malformed(number, "no DetailType string");
    }
    if (detail == null || !(detail.isObject() || detail.isTextual())) {
      return InputLine.malformed(number, "no Detail object or string");
    }
    return InputLine.event(
        number,
        new BusEvent(source, detailType, detail.isTextual() ? detail.asText() : detail.toString()));
  }

  private static String text(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }
}

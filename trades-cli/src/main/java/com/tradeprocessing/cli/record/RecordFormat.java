package com.tradeprocessing.cli.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** How records are written: an aligned table, CSV (RFC 4180), or JSON Lines. */
public enum RecordFormat {
  TABLE,
  CSV,
  JSONL;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The header line of the format for {@code columns}, {@code null} for JSON Lines. */
  public String header(List<String> columns) {
    return switch (this) {
      case TABLE -> null;
      case CSV -> String.join(",", columns.stream().map(RecordFormat::csvField).toList());
      case JSONL -> null;
    };
  }

  /** One CSV or JSON line of a record; a table is rendered whole by {@link #table}. */
  public String line(StoredRecord record, List<String> columns) {
    return switch (this) {
      case CSV ->
          String.join(",", columns.stream().map(column -> csvField(cell(record, column))).toList());
      case JSONL -> json(record.attributes());
      case TABLE -> String.join("  ", columns.stream().map(c -> cell(record, c)).toList());
    };
  }

  /** The records as a table with a header, each column as wide as its widest cell. */
  public static List<String> table(List<StoredRecord> records, List<String> columns) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(columns);
    for (StoredRecord record : records) {
      rows.add(columns.stream().map(column -> cell(record, column)).toList());
    }
    int[] widths = new int[columns.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          line.append("  ");
        }
        line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i]));
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  /**
   * The text of one attribute in a cell: a list is joined with {@code ;}, an absent attribute is
   * empty, anything else as its JSON text.
   */
  static String cell(StoredRecord record, String column) {
    JsonNode value = record.attributes().get(column);
    if (value == null || value.isNull()) {
      return "";
    }
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(item.isValueNode() ? item.asText() : json(item)));
      return String.join(";", items);
    }
    return value.isValueNode() ? value.asText() : json(value);
  }

  /** RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled. */
  static String csvField(String value) {
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\n")
        || value.contains("\r")) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }

  static String json(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}

package com.tradeprocessing.cli.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.recorder.dynamo.TradeRecordItems;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One trade record as stored, attribute by attribute, as plain JSON (strings, numbers, lists,
 * maps): what the table holds, including what a tampered or damaged record holds.
 * docs/trade-record.md names the attributes; {@link TradeRecordItems} is the recorder's list of
 * them.
 */
public record StoredRecord(ObjectNode attributes) {

  public StoredRecord {
    Objects.requireNonNull(attributes, "attributes");
  }

  /** The attribute as text, {@code null} when absent or not a string or a number. */
  public String text(String name) {
    JsonNode value = attributes.get(name);
    return value == null || !(value.isTextual() || value.isNumber()) ? null : value.asText();
  }

  public boolean has(String name) {
    JsonNode value = attributes.get(name);
    return value != null && !value.isNull();
  }

  public String tradeId() {
    return text(TradeRecordItems.TRADE_ID);
  }

  public String status() {
    return text(TradeRecordItems.STATUS);
  }

  public String recordedAt() {
    return text(TradeRecordItems.RECORDED_AT);
  }

  /** The reason codes in decision order; empty when absent. */
  public List<String> reasonCodes() {
    return texts(attributes.get(TradeRecordItems.REASON_CODES));
  }

  /** The codes of the stored problems, in their order; empty when absent. */
  public List<String> problemCodes() {
    List<String> codes = new ArrayList<>();
    JsonNode problems = attributes.get(TradeRecordItems.PROBLEMS);
    if (problems != null && problems.isArray()) {
      problems.forEach(problem -> codes.add(problem.path("code").asText(null)));
    }
    return codes;
  }

  private static List<String> texts(JsonNode list) {
    List<String> texts = new ArrayList<>();
    if (list != null && list.isArray()) {
      list.forEach(value -> texts.add(value.asText()));
    }
    return texts;
  }
}

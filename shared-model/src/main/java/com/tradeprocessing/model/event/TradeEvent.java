package com.tradeprocessing.model.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.tradeprocessing.model.json.TradeJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The parts of an EventBridge event the platform reads, immutable. Built leniently: a missing
 * envelope field is {@code null} and the payload checks decide what that means for the trade.
 *
 * @param id EventBridge event id, {@code null} if absent
 * @param source the {@code source} field, {@code null} if absent
 * @param detailType the {@code detail-type} field, {@code null} if absent
 * @param time the event time, {@code null} if absent or unreadable
 * @param detail the payload; a JSON string holding JSON (as in a PutEvents entry) is parsed, one
 *     holding anything else is kept as the string; {@link NullNode} when absent
 */
public record TradeEvent(
    String id, String source, String detailType, Instant time, JsonNode detail) {

  /** Reads an EventBridge event as delivered to a target. */
  public static TradeEvent fromJson(JsonNode event) {
    if (event == null || !event.isObject()) {
      return new TradeEvent(null, null, null, null, NullNode.getInstance());
    }
    return new TradeEvent(
        text(event, "id"),
        text(event, "source"),
        text(event, "detail-type"),
        instant(text(event, "time")),
        detail(event.get("detail")));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static JsonNode detail(JsonNode detail) {
    if (detail == null) {
      return NullNode.getInstance();
    }
    if (detail.isTextual()) {
      try {
        return TradeJson.mapper().readTree(detail.asText());
      } catch (JsonProcessingException e) {
        return detail;
      }
    }
    return detail;
  }
}

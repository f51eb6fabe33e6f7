package com.tradeprocessing.integration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.fixtures.EventFixtures;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Events of the three sources for the end-to-end tests, from the shared fixtures of shared-model:
 * each gets a trade id of its own (records stay in the table for the whole run) and a trade time
 * relative to now, because the validator judges trade times against the real clock.
 */
final class TradeEvents {

  static final String OMS = "oms";
  static final String FIX_GATEWAY = "fix-gateway";
  static final String PRIME_BROKER = "prime-broker";

  private static final DateTimeFormatter FIX_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private TradeEvents() {}

  /** The fixture {@code <source>_<fixtureCase>} with a fresh trade id, executed a minute ago. */
  static ObjectNode event(String source, String fixtureCase) {
    return event(source, fixtureCase, Instant.now().minus(1, ChronoUnit.MINUTES));
  }

  /** The fixture with a fresh trade id, executed at {@code executedAt}. */
  static ObjectNode event(String source, String fixtureCase, Instant executedAt) {
    ObjectNode event = EventFixtures.event(source + "_" + fixtureCase);
    if (event.path("detail").isObject()) {
      ObjectNode detail = (ObjectNode) event.get("detail");
      String id = source.toUpperCase().replace("-", "") + "-IT-" + UUID.randomUUID();
      Instant millis = executedAt.truncatedTo(ChronoUnit.MILLIS);
      switch (source) {
        case OMS -> {
          replaceText(detail, "tradeId", id);
          // Only a UTC time is replaced: a fixture with another offset is the invalid case.
          if (detail.path("executedAt").asText().endsWith("Z")
              && readable(() -> Instant.parse(detail.path("executedAt").asText()))) {
            detail.put("executedAt", millis.toString());
          }
        }
        case FIX_GATEWAY -> {
          replaceText(detail, "ExecID", id);
          if (readable(() -> FIX_TIME.parse(detail.path("TransactTime").asText()))) {
            detail.put("TransactTime", FIX_TIME.format(millis));
          }
        }
        case PRIME_BROKER -> {
          replaceText(detail, "confirmationRef", id);
          if (detail.path("tradeTime").isIntegralNumber()) {
            detail.put("tradeTime", millis.toEpochMilli());
          }
          // A valid source date would no longer be T+1 of the new trade date; an invalid one is
          // the case under test.
          if (readable(() -> java.time.LocalDate.parse(detail.path("settlementDate").asText()))) {
            detail.remove("settlementDate");
          }
        }
        default -> throw new IllegalArgumentException("unknown source " + source);
      }
    }
    return event;
  }

  /** A valid trade of the source in the instrument at the price. */
  static ObjectNode trade(String source, String isin, String price) {
    return with(with(valid(source), "isin", isin), "price", price);
  }

  /**
   * Sets a canonical field ({@code isin}, {@code quantity}, {@code price}, {@code currency}, {@code
   * venue}) under the source's own name for it.
   */
  static ObjectNode with(ObjectNode event, String field, String value) {
    ObjectNode detail = (ObjectNode) event.get("detail");
    switch (event.path("source").asText() + "/" + field) {
      case "trading.oms/isin",
          "trading.oms/quantity",
          "trading.oms/price",
          "trading.oms/currency",
          "trading.oms/venue" ->
          detail.put(field, value);
      case "trading.fix-gateway/isin" -> detail.put("SecurityID", value);
      case "trading.fix-gateway/quantity" -> detail.put("LastQty", value);
      case "trading.fix-gateway/price" -> detail.put("LastPx", value);
      case "trading.fix-gateway/currency" -> detail.put("Currency", value);
      case "trading.fix-gateway/venue" -> detail.put("LastMkt", value);
      case "trading.prime-broker/isin" ->
          ((ObjectNode) detail.get("instrument")).put("isin", value);
      case "trading.prime-broker/quantity" -> detail.put("qty", new java.math.BigDecimal(value));
      case "trading.prime-broker/price" -> detail.put("px", value);
      case "trading.prime-broker/currency" -> detail.put("ccy", value);
      case "trading.prime-broker/venue" -> detail.put("exchange", value);
      default ->
          throw new IllegalArgumentException("no field " + field + " in " + event.path("source"));
    }
    return event;
  }

  /** The price the event's detail gives, as text. */
  static String price(ObjectNode event) {
    var detail = event.path("detail");
    return switch (event.path("source").asText()) {
      case "trading.oms" -> detail.path("price").asText();
      case "trading.fix-gateway" -> detail.path("LastPx").asText();
      default -> detail.path("px").asText();
    };
  }

  static ObjectNode valid(String source) {
    return event(source, "valid");
  }

  /** The event with {@code id} as its source trade id, whatever form the id has. */
  static ObjectNode withSourceTradeId(ObjectNode event, String id) {
    ObjectNode detail = (ObjectNode) event.get("detail");
    switch (event.path("source").asText()) {
      case "trading.oms" -> detail.put("tradeId", id);
      case "trading.fix-gateway" -> detail.put("ExecID", id);
      default -> detail.put("confirmationRef", id);
    }
    return event;
  }

  /** The event with a free-text field of its detail padded to {@code characters} characters. */
  static ObjectNode withPadding(ObjectNode event, int characters) {
    ObjectNode detail = (ObjectNode) event.get("detail");
    switch (event.path("source").asText()) {
      case "trading.oms" -> detail.put("trader", "x".repeat(characters));
      case "trading.fix-gateway" -> detail.put("Account", "x".repeat(characters));
      default -> ((ObjectNode) detail.get("instrument")).put("ticker", "x".repeat(characters));
    }
    return event;
  }

  /** The source trade id of an event built here. */
  static String sourceTradeId(ObjectNode event) {
    var detail = event.path("detail");
    return switch (event.path("source").asText()) {
      case "trading.oms" -> detail.path("tradeId").asText();
      case "trading.fix-gateway" -> detail.path("ExecID").asText();
      default -> detail.path("confirmationRef").asText();
    };
  }

  private static boolean readable(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Replaces a string field that the fixture has as a string; a fixture breaking it keeps it. */
  private static void replaceText(ObjectNode detail, String field, String value) {
    if (detail.path(field).isTextual()) {
      detail.put(field, value);
    }
  }
}

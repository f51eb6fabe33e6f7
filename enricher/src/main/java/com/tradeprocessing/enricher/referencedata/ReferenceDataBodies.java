package com.tradeprocessing.enricher.referencedata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.enricher.ReferenceDataContractException;
import com.tradeprocessing.model.Currency;
import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.Mic;
import com.tradeprocessing.model.json.TradeJson;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the 200 bodies of the reference-data API strictly, as {@code docs/reference-data-api.md}
 * types them. Any deviation is a {@link ReferenceDataContractException} naming the field, so a
 * changed API fails loudly instead of producing wrong enrichments. Unknown fields are ignored.
 */
final class ReferenceDataBodies {

  private ReferenceDataBodies() {}

  static Instrument instrument(Isin requested, String body) {
    JsonNode node = object(body, "instrument " + requested);
    String where = "instrument " + requested + ": ";
    Isin isin = required(node, "isin", where, Isin::parse);
    if (!isin.equals(requested)) {
      throw new ReferenceDataContractException(where + "the API answered for " + isin);
    }
    try {
      return new Instrument(
          isin,
          required(node, "symbol", where, Function.identity()),
          required(node, "name", where, Function.identity()),
          required(node, "mic", where, Mic::parse),
          required(node, "currency", where, Currency::parse),
          required(node, "assetClass", where, Function.identity()),
          optional(node, "sector", where),
          positiveInt(node, "lotSize", where),
          required(node, "referencePrice", where, BigDecimal::new),
          required(node, "referencePriceAsOf", where, LocalDate::parse));
    } catch (IllegalArgumentException e) {
      throw new ReferenceDataContractException(where + e.getMessage(), e);
    }
  }

  static Venue venue(Mic requested, String body) {
    JsonNode node = object(body, "venue " + requested);
    String where = "venue " + requested + ": ";
    Mic mic = required(node, "mic", where, Mic::parse);
    if (!mic.equals(requested)) {
      throw new ReferenceDataContractException(where + "the API answered for " + mic);
    }
    try {
      return new Venue(
          mic,
          required(node, "name", where, Function.identity()),
          required(node, "timeZone", where, ZoneId::of),
          required(node, "regularOpen", where, LocalTime::parse),
          required(node, "regularClose", where, LocalTime::parse),
          holidays(node, where));
    } catch (IllegalArgumentException e) {
      throw new ReferenceDataContractException(where + e.getMessage(), e);
    }
  }

  private static JsonNode object(String body, String what) {
    JsonNode node;
    try {
      node = TradeJson.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new ReferenceDataContractException(what + ": the body is not JSON", e);
    }
    if (node == null || !node.isObject()) {
      throw new ReferenceDataContractException(what + ": the body is not a JSON object");
    }
    return node;
  }

  /** A string field parsed by {@code parser}; absent, null, non-string or unparsable fails. */
  private static <T> T required(
      JsonNode node, String field, String where, Function<String, T> parser) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new ReferenceDataContractException(where + "missing field " + field);
    }
    if (!value.isTextual()) {
      throw new ReferenceDataContractException(
          where + field + " must be a JSON string, was " + value.getNodeType());
    }
    try {
      return parser.apply(value.asText());
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new ReferenceDataContractException(
          where + field + " is not valid: '" + value.asText() + "' (" + e.getMessage() + ")", e);
    }
  }

  private static String optional(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new ReferenceDataContractException(
          where + field + " must be a JSON string or null, was " + value.getNodeType());
    }
    return value.asText();
  }

  private static int positiveInt(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new ReferenceDataContractException(where + "missing field " + field);
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
      throw new ReferenceDataContractException(
          where + field + " must be a JSON integer of at least 1, was " + value);
    }
    return value.intValue();
  }

  private static Set<LocalDate> holidays(JsonNode node, String where) {
    JsonNode value = node.get("holidays");
    if (value == null || !value.isArray()) {
      throw new ReferenceDataContractException(where + "holidays must be a JSON array of dates");
    }
    Set<LocalDate> dates = new HashSet<>();
    for (JsonNode element : value) {
      if (!element.isTextual()) {
        throw new ReferenceDataContractException(
            where + "holidays must hold date strings, found " + element);
      }
      try {
        dates.add(LocalDate.parse(element.asText()));
      } catch (DateTimeException e) {
        throw new ReferenceDataContractException(
            where + "holiday is not an ISO date: '" + element.asText() + "'", e);
      }
    }
    return dates;
  }
}

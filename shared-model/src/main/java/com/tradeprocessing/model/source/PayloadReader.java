package com.tradeprocessing.model.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.model.Currency;
import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.MessageText;
import com.tradeprocessing.model.Mic;
import com.tradeprocessing.model.Price;
import com.tradeprocessing.model.Quantity;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.Side;
import com.tradeprocessing.model.SourceTradeIds;
import com.tradeprocessing.model.ValidationProblem;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the fields of one payload, recording one {@link ValidationProblem} for every field that is
 * missing or unreadable and returning {@code null} for it, so that an adapter reads every field and
 * reports every problem in one pass. Never throws for any payload content.
 *
 * <p>Field paths are the source's own names, dotted for nested objects ({@code instrument.isin});
 * they are also the {@code field} of the problems.
 */
final class PayloadReader {

  /** Whether a decimal field accepts a JSON number besides a decimal string. */
  enum NumberForm {
    /** Only a decimal string: a JSON number may already have been rounded through a float. */
    STRING,
    /** A decimal string or a JSON number, read exactly (never through {@code double}). */
    STRING_OR_NUMBER
  }

  /**
   * Integer digits a quantity or price may have. Far beyond any real trade (the validator's
   * thresholds decide what is plausible); it bounds the work on absurd input such as {@code
   * 1e999999999}.
   */
  static final int MAX_INTEGER_DIGITS = 15;

  /** Decimals a quantity may have after trailing zeros are removed (fractional units exist). */
  static final int MAX_QUANTITY_DECIMALS = 8;

  /** Earliest trade time read: anything before is a corrupt clock, not a trade. */
  static final Instant EARLIEST_TIME = Instant.EPOCH;

  /** First instant no longer read: later years do not fit the ISO-8601 four-digit form. */
  static final Instant END_OF_TIME = Instant.parse("+10000-01-01T00:00:00Z");

  // Plain decimal notation only: no exponent, sign '+', spaces or grouping. The bounds keep the
  // match linear in a short prefix of even a huge string.
  private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]{1,40}(\\.[0-9]{1,40})?");

  // Longest value quoted in a message, so a huge field cannot make a huge problem.
  private static final int MAX_QUOTED_LENGTH = MessageText.MAX_LENGTH;

  // Longest text handed to a value type or a date parser; longer is rejected unread.
  private static final int MAX_PARSED_TEXT_LENGTH = 64;

  private final JsonNode payload;
  private final List<ValidationProblem> problems = new ArrayList<>();

  PayloadReader(JsonNode payload) {
    this.payload = payload;
  }

  /** The result: the candidate built from the fields read, with every problem recorded. */
  Adaptation result(TradeCandidate candidate) {
    return new Adaptation(candidate, problems);
  }

  void reject(ReasonCode code, String path, String message) {
    problems.add(ValidationProblem.of(code, path, path + ": " + message));
  }

  /** The node at {@code path}, {@code null} when it or a parent is absent or JSON null. */
  JsonNode node(String path) {
    JsonNode node = payload;
    for (String name : path.split("\\.")) {
      node = node.get(name);
      if (node == null || node.isNull()) {
        return null;
      }
    }
    return node;
  }

  /** A required field's node; absent, null or a blank string is {@code MISSING_FIELD}. */
  JsonNode required(String path) {
    JsonNode node = node(path);
    if (node == null) {
      reject(ReasonCode.MISSING_FIELD, path, "is required");
      return null;
    }
    if (node.isTextual() && node.textValue().isBlank()) {
      reject(ReasonCode.MISSING_FIELD, path, "is required and must not be blank");
      return null;
    }
    return node;
  }

  /** A required string field; any other JSON type is rejected with {@code wrongType}. */
  String requiredText(String path, ReasonCode wrongType) {
    JsonNode node = required(path);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      reject(wrongType, path, "must be a string, was " + describe(node));
      return null;
    }
    return node.textValue();
  }

  /**
   * An optional string field, kept verbatim; absent, null, blank or not a string all read as
   * absent, because no rule depends on it and the payload itself is kept with the record.
   */
  String optionalText(String path) {
    JsonNode node = node(path);
    return node != null && node.isTextual() && !node.textValue().isBlank()
        ? node.textValue()
        : null;
  }

  /**
   * The source's trade id, verbatim (it is hashed into the trade id, so it is never trimmed). A
   * value that is not a string is reported as {@code MISSING_FIELD}: there is no usable id. A
   * string outside {@link SourceTradeIds}' form is {@code INVALID_TRADE_ID} and reads as absent, so
   * the platform never keys, logs or indexes such a value (the payload keeps it).
   */
  String sourceTradeId(String path) {
    String id = requiredText(path, ReasonCode.MISSING_FIELD);
    if (id == null) {
      return null;
    }
    Optional<String> problem = SourceTradeIds.problem(id);
    if (problem.isPresent()) {
      reject(ReasonCode.INVALID_TRADE_ID, path, quote(id) + " " + problem.get());
      return null;
    }
    return id;
  }

  Isin isin(String path) {
    return parse(path, ReasonCode.INVALID_ISIN, Isin::parse);
  }

  Mic venue(String path) {
    return parse(path, ReasonCode.INVALID_VENUE, Mic::parse);
  }

  Currency currency(String path) {
    return parse(path, ReasonCode.INVALID_CURRENCY, Currency::parse);
  }

  /** A source's own codes for buy and sell, in that order (the order problems list them in). */
  static SequencedMap<String, Side> sideCodes(String buy, String sell) {
    SequencedMap<String, Side> codes = new LinkedHashMap<>();
    codes.put(buy, Side.BUY);
    codes.put(sell, Side.SELL);
    return Collections.unmodifiableSequencedMap(codes);
  }

  /** A side from the source's own codes, which are matched exactly (case included). */
  Side side(String path, SequencedMap<String, Side> codes) {
    String text = requiredText(path, ReasonCode.INVALID_SIDE);
    if (text == null) {
      return null;
    }
    Side side = codes.get(text);
    if (side == null) {
      reject(
          ReasonCode.INVALID_SIDE,
          path,
          quote(text) + " is not one of " + String.join(", ", codes.keySet()));
    }
    return side;
  }

  Quantity quantity(String path, NumberForm form) {
    BigDecimal value =
        positiveDecimal(path, ReasonCode.INVALID_QUANTITY, form, MAX_QUANTITY_DECIMALS);
    return value == null ? null : new Quantity(value);
  }

  /** A price's amount, checked as {@link Price} would check it, read apart from its currency. */
  BigDecimal priceAmount(String path, NumberForm form) {
    return positiveDecimal(path, ReasonCode.INVALID_PRICE, form, Price.MAX_DECIMALS);
  }

  /**
   * The price, when both its amount and its currency were read; the reasons are already recorded.
   */
  static Price price(BigDecimal amount, Currency currency) {
    return amount == null || currency == null ? null : new Price(amount, currency);
  }

  /** An optional ISO-8601 date ({@code 2026-11-26}); present but unreadable is {@code code}. */
  LocalDate optionalDate(String path, ReasonCode code) {
    JsonNode node = node(path);
    if (node == null || (node.isTextual() && node.textValue().isBlank())) {
      return null;
    }
    if (!node.isTextual()) {
      reject(code, path, "must be an ISO-8601 date string, was " + describe(node));
      return null;
    }
    String text = node.textValue();
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
      }
    } catch (DateTimeException e) {
      // Reported below with the other unreadable forms.
    }
    reject(code, path, quote(text) + " is not an ISO-8601 date (yyyy-MM-dd)");
    return null;
  }

  /**
   * A trade time the adapter parsed; outside [1970, 10000) it is rejected as {@code
   * INVALID_TRADE_TIME}: no trading system sends such a time on purpose, and a canonical instant
   * must stay writable as ISO-8601.
   */
  Instant plausibleTime(String path, Instant time, String raw) {
    if (time.isBefore(EARLIEST_TIME) || !time.isBefore(END_OF_TIME)) {
      reject(ReasonCode.INVALID_TRADE_TIME, path, raw + " is outside the years 1970 to 9999");
      return null;
    }
    return time;
  }

  /**
   * A required string field read by {@code parser}, whose {@link IllegalArgumentException} or
   * {@link DateTimeException} becomes a problem with {@code code}; so does any other JSON type.
   */
  <T> T parse(String path, ReasonCode code, Function<String, T> parser) {
    String text = requiredText(path, code);
    if (text == null) {
      return null;
    }
    if (text.length() > MAX_PARSED_TEXT_LENGTH) {
      reject(code, path, "is " + text.length() + " characters long: " + quote(text));
      return null;
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException | DateTimeException e) {
      reject(code, path, e.getMessage() == null ? quote(text) + " is not valid" : e.getMessage());
      return null;
    }
  }

  private BigDecimal positiveDecimal(
      String path, ReasonCode code, NumberForm form, int maxDecimals) {
    JsonNode node = required(path);
    if (node == null) {
      return null;
    }
    BigDecimal value;
    if (node.isTextual()) {
      String text = node.textValue();
      if (!PLAIN_DECIMAL.matcher(text).matches()) {
        reject(code, path, quote(text) + " is not a plain decimal number");
        return null;
      }
      value = new BigDecimal(text);
    } else if (node.isNumber() && form == NumberForm.STRING_OR_NUMBER) {
      // A tree built by another mapper may hold a double; NaN and infinities have no decimal.
      if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
        reject(code, path, node.asText() + " is not a finite number");
        return null;
      }
      value = node.decimalValue();
    } else {
      reject(
          code,
          path,
          (form == NumberForm.STRING
                  ? "must be a decimal string"
                  : "must be a number or a decimal string")
              + ", was "
              + describe(node));
      return null;
    }
    if (value.signum() <= 0) {
      reject(code, path, "must be positive, was " + abbreviatedPlain(value));
      return null;
    }
    // precision - scale is the count of integer digits, computed without expanding 1E+999999999.
    if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
      reject(code, path, "has more than " + MAX_INTEGER_DIGITS + " integer digits");
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > maxDecimals) {
      reject(code, path, "has more than " + maxDecimals + " decimals: " + abbreviatedPlain(value));
      return null;
    }
    return value;
  }

  /** Names the JSON type of a value for a message, quoting short strings. */
  static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "the string " + quote(node.textValue());
      case NUMBER -> "the number " + abbreviate(node.toString());
      case BOOLEAN -> "the boolean " + node.booleanValue();
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  static String quote(String text) {
    return MessageText.quote(text);
  }

  private static String abbreviate(String text) {
    return MessageText.abbreviate(text);
  }

  // Scientific form for extreme exponents: toPlainString of 1E-999999999 would build a huge string.
  private static String abbreviatedPlain(BigDecimal value) {
    return Math.abs((long) value.scale()) > MAX_QUOTED_LENGTH
        ? abbreviate(value.toString())
        : abbreviate(value.toPlainString());
  }
}

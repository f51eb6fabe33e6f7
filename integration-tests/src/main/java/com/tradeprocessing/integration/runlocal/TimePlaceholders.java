package com.tradeprocessing.integration.runlocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times relative to the run in a run-local input file, so that a file of sample trades shows the
 * same outcomes on any day it is run. A JSON string value of a {@code Detail} that is exactly a
 * placeholder is replaced, at read time, by the instant the file is read plus an ISO-8601 duration,
 * in one of the sources' formats:
 *
 * <pre>
 * "{{now}}"                      2026-11-24T14:35:00.120Z   (OMS executedAt)
 * "{{now-PT2H}}"                 two hours before the run, same format
 * "{{now-PT2H:fix}}"             20261124-12:35:00.120      (FIX TransactTime)
 * "{{now-PT2H:epoch-millis}}"    1795531700120, a JSON number (prime-broker tradeTime)
 * "{{now+P1D:date}}"             2026-11-25                 (UTC date)
 * </pre>
 *
 * A string that looks like a placeholder ({@code {{...}}}) but is not one is an error, never sent
 * as it is. Any other value is left exactly as written.
 */
final class TimePlaceholders {

  private static final Pattern LOOKS_LIKE = Pattern.compile("\\{\\{.*\\}\\}", Pattern.DOTALL);
  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "\\{\\{now(?<offset>[+-]P[0-9A-Z.]+)?(?::(?<format>iso|fix|epoch-millis|date))?\\}\\}");
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter FIX =
      DateTimeFormatter.ofPattern("uuuuMMdd-HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private final Instant now;

  /** Placeholders resolved against {@code now}, in milliseconds (the sources' precision). */
  TimePlaceholders(Instant now) {
    this.now = now.truncatedTo(ChronoUnit.MILLIS);
  }

  /** A placeholder that cannot be resolved. */
  static final class UnknownPlaceholderException extends IllegalArgumentException {
    UnknownPlaceholderException(String message) {
      super(message);
    }
  }

  /**
   * Replaces every placeholder among the string values of {@code tree}, in place; returns whether
   * any was replaced. The walk uses its own stack: a detail may nest a thousand levels.
   *
   * @throws UnknownPlaceholderException for a string that looks like a placeholder but is not one
   */
  boolean resolve(JsonNode tree) {
    boolean replaced = false;
    Deque<JsonNode> containers = new ArrayDeque<>();
    if (tree.isContainerNode()) {
      containers.push(tree);
    }
    while (!containers.isEmpty()) {
      JsonNode container = containers.pop();
      if (container instanceof ObjectNode object) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
          Map.Entry<String, JsonNode> field = fields.next();
          JsonNode value = field.getValue();
          if (value.isContainerNode()) {
            containers.push(value);
          } else if (value.isTextual() && LOOKS_LIKE.matcher(value.textValue()).matches()) {
            field.setValue(value(value.textValue()));
            replaced = true;
          }
        }
      } else if (container instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          JsonNode value = array.get(i);
          if (value.isContainerNode()) {
            containers.push(value);
          } else if (value.isTextual() && LOOKS_LIKE.matcher(value.textValue()).matches()) {
            array.set(i, value(value.textValue()));
            replaced = true;
          }
        }
      }
    }
    return replaced;
  }

  private JsonNode value(String placeholder) {
    Matcher matcher = PLACEHOLDER.matcher(placeholder);
    if (!matcher.matches()) {
      throw new UnknownPlaceholderException(
          "unknown placeholder "
              + placeholder
              + "; use {{now}}, {{now-PT2H}}, {{now+P1D:date}} with the formats iso, fix,"
              + " epoch-millis or date");
    }
    Instant instant = now;
    String offset = matcher.group("offset");
    if (offset != null) {
      try {
        Duration duration = Duration.parse(offset.substring(1));
        instant = offset.startsWith("-") ? now.minus(duration) : now.plus(duration);
      } catch (DateTimeException | ArithmeticException e) {
        throw new UnknownPlaceholderException(
            "placeholder "
                + placeholder
                + ": "
                + offset.substring(1)
                + " is not an ISO-8601 duration of days, hours, minutes or seconds within range");
      }
    }
    String format = matcher.group("format") == null ? "iso" : matcher.group("format");
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (format) {
      case "fix" -> nodes.textNode(FIX.format(instant));
      case "epoch-millis" -> nodes.numberNode(instant.toEpochMilli());
      case "date" -> nodes.textNode(DATE.format(instant));
      default -> nodes.textNode(ISO.format(instant));
    };
  }
}

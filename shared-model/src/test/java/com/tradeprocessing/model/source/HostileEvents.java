package com.tradeprocessing.model.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.event.EventLimits;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.model.source.PayloadGenerators.Field;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generated EventBridge events of one source, for property tests that run the stages on anything a
 * publisher could send: valid trades (some executed just before {@code now}, so they can be
 * accepted), trades with one to three fields broken, trade ids of another form, hostile text
 * (control characters, unpaired surrogates, text of up to 40,000 characters), extra fields nested
 * up to PutEvents' 1,100 levels, numbers of up to 20,000 digits (Jackson's default limit is 1,000),
 * details around and far above the {@link EventLimits} size, details of any JSON type, details
 * given as a string, and envelopes with a wrong or missing source, detail-type, time or detail.
 * Public for the other modules' tests, through this module's test-jar.
 */
public final class HostileEvents {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final DateTimeFormatter FIX_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  /**
   * PutEvents' deepest nesting
   * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html).
   */
  public static final int PUT_EVENTS_MAX_DEPTH = 1100;

  /**
   * Largest detail generated: 8 KiB under PutEvents' 256 KB entry, the room the event's envelope
   * and the stage outputs take in the Record task's input, which Step Functions limits to 256 KiB
   * (ADR 0024).
   */
  public static final int MAX_GENERATED_DETAIL_BYTES = 248 * 1024;

  private static final List<String> KNOWN_VENUES = List.of("XNAS", "XNYS", "XLON", "XETR", "XAMS");

  private HostileEvents() {}

  /** One generated event and what kind of input it is, for the report of a failed try. */
  public record Generated(String kind, ObjectNode event) {
    @Override
    public String toString() {
      String text = new String(bytes(event), java.nio.charset.StandardCharsets.UTF_8);
      return kind + ": " + (text.length() <= 600 ? text : text.substring(0, 600) + "...");
    }
  }

  /** Events published as {@code system}'s, of every kind above, with the event time {@code now}. */
  public static Arbitrary<Generated> events(SourceSystem system, Instant now) {
    Arbitrary<ObjectNode> valid = PayloadGenerators.validSamples(system).map(s -> s.payload());
    return Arbitraries.frequencyOf(
        Tuple.of(20, fresh(system, valid, now).map(d -> event(system, "fresh trade", d, now))),
        Tuple.of(8, valid.map(d -> event(system, "valid sample", d, now))),
        Tuple.of(22, mutated(system, valid).map(d -> event(system, "mutated", d, now))),
        Tuple.of(10, hostileId(system, valid).map(d -> event(system, "hostile id", d, now))),
        Tuple.of(10, hostileText(system, valid).map(d -> event(system, "hostile text", d, now))),
        Tuple.of(5, deeplyNested(valid).map(d -> event(system, "deeply nested", d, now))),
        Tuple.of(3, longNumber(system, valid).map(d -> event(system, "long number", d, now))),
        Tuple.of(
            7, oversize(system, fresh(system, valid, now)).map(d -> event(system, "size", d, now))),
        Tuple.of(5, PayloadGenerators.anyJson().map(d -> event(system, "any JSON detail", d, now))),
        Tuple.of(3, asString(valid).map(d -> event(system, "detail as a string", d, now))),
        Tuple.of(7, envelope(system, valid, now)));
  }

  /**
   * A valid payload that the default thresholds accept: executed between now and two days before,
   * on a known venue, 1 to 1,000 units in USD at 95 to 105 (so a reference price of 100 puts it in
   * the price band).
   */
  private static Arbitrary<ObjectNode> fresh(
      SourceSystem system, Arbitrary<ObjectNode> valid, Instant now) {
    return Combinators.combine(
            valid,
            Arbitraries.longs().between(0, Duration.ofDays(2).toMillis()),
            Arbitraries.of(KNOWN_VENUES),
            Arbitraries.integers().between(1, 1000),
            Arbitraries.bigDecimals()
                .between(new BigDecimal("95"), new BigDecimal("105"))
                .ofScale(2))
        .as(
            (payload, ago, venue, quantity, price) -> {
              Instant time = now.minusMillis(ago);
              String[] names =
                  switch (system) {
                    case OMS -> new String[] {"venue", "quantity", "price", "currency"};
                    case FIX_GATEWAY -> new String[] {"LastMkt", "LastQty", "LastPx", "Currency"};
                    case PRIME_BROKER -> new String[] {"exchange", "qty", "px", "ccy"};
                  };
              payload.put(names[0], venue);
              payload.put(names[1], Integer.toString(quantity));
              payload.put(names[2], price.toPlainString());
              payload.put(names[3], "USD");
              switch (system) {
                case OMS -> payload.put("executedAt", time.toString());
                case FIX_GATEWAY -> payload.put("TransactTime", FIX_TIME.format(time));
                case PRIME_BROKER -> payload.put("tradeTime", time.toEpochMilli());
              }
              return payload;
            });
  }

  private static Arbitrary<ObjectNode> mutated(SourceSystem system, Arbitrary<ObjectNode> valid) {
    return Combinators.combine(valid, PayloadGenerators.changes(system))
        .as(
            (payload, chosen) -> {
              chosen.forEach(change -> PayloadGenerators.apply(payload, change));
              return payload;
            });
  }

  private static Arbitrary<ObjectNode> hostileId(SourceSystem system, Arbitrary<ObjectNode> valid) {
    return Combinators.combine(valid, PayloadGenerators.invalidSourceTradeIds())
        .as((payload, id) -> payload.put(idField(system), id));
  }

  /** Strings no publisher should send, in a field every source reads or in a free-text field. */
  static Arbitrary<String> hostileStrings() {
    Arbitrary<String> characters =
        Arbitraries.strings()
            .withChars('\u0000', '\u001f', '\u007f', '\u0085', '\u2028', '\u202e', '\ufeff')
            .withChars('\ud800', '\udbff', '\udc00', '\udfff', 'é', '中')
            .withCharRange('!', '~')
            .ofMinLength(1)
            .ofMaxLength(80);
    Arbitrary<String> emoji =
        Arbitraries.integers().between(1, 60).map(n -> "\ud83d\ude00".repeat(n));
    Arbitrary<String> huge =
        Combinators.combine(
                Arbitraries.of("x", "\u0000", "é", "\ud83d\ude00", "\\\""),
                Arbitraries.integers().between(1_000, 40_000))
            .as(String::repeat);
    return Arbitraries.frequencyOf(Tuple.of(6, characters), Tuple.of(2, emoji), Tuple.of(1, huge));
  }

  private static Arbitrary<ObjectNode> hostileText(
      SourceSystem system, Arbitrary<ObjectNode> valid) {
    List<String> paths =
        PayloadGenerators.fields(system).stream()
            .map(Field::path)
            .filter(path -> !path.equals("instrument"))
            .toList();
    return Combinators.combine(valid, Arbitraries.of(paths), hostileStrings())
        .as(
            (payload, path, text) -> {
              int dot = path.indexOf('.');
              ObjectNode holder =
                  dot < 0 ? payload : (ObjectNode) payload.get(path.substring(0, dot));
              holder.put(path.substring(dot + 1), text);
              return payload;
            });
  }

  /** An extra field of arrays or objects nested up to PutEvents' depth, the detail included. */
  private static Arbitrary<ObjectNode> deeplyNested(Arbitrary<ObjectNode> valid) {
    return Combinators.combine(
            valid,
            Arbitraries.integers().between(1, PUT_EVENTS_MAX_DEPTH - 1),
            Arbitraries.of(true, false))
        .as(
            (payload, depth, arrays) -> {
              JsonNode inner = JSON.textNode("bottom");
              for (int level = 1; level < depth; level++) {
                inner = arrays ? JSON.arrayNode().add(inner) : JSON.objectNode().set("n", inner);
              }
              payload.set("extension", inner);
              return payload;
            });
  }

  private static Arbitrary<ObjectNode> longNumber(
      SourceSystem system, Arbitrary<ObjectNode> valid) {
    String quantity =
        switch (system) {
          case OMS -> "quantity";
          case FIX_GATEWAY -> "LastQty";
          case PRIME_BROKER -> "qty";
        };
    return Combinators.combine(
            valid,
            Arbitraries.integers().between(1_001, 20_000),
            Arbitraries.of(quantity, "extension"))
        .as(
            (payload, digits, field) ->
                payload.put(field, new BigDecimal("0." + "7".repeat(digits))));
  }

  /** A payload padded to a few bytes around the size limit, or far above it. */
  private static Arbitrary<ObjectNode> oversize(SourceSystem system, Arbitrary<ObjectNode> valid) {
    Arbitrary<Integer> sizes =
        Arbitraries.frequencyOf(
            Tuple.of(
                3,
                Arbitraries.integers().between(-2, 2).map(d -> EventLimits.MAX_DETAIL_BYTES + d)),
            Tuple.of(1, Arbitraries.integers().between(40_000, MAX_GENERATED_DETAIL_BYTES)));
    String freeText =
        switch (system) {
          case OMS -> "trader";
          case FIX_GATEWAY -> "Account";
          case PRIME_BROKER -> "padding";
        };
    return Combinators.combine(valid, sizes)
        .as(
            (payload, size) -> {
              payload.put(freeText, "");
              long base = EventLimits.detailBytes(payload);
              payload.put(freeText, "p".repeat((int) Math.max(0, size - base)));
              return payload;
            });
  }

  private static Arbitrary<JsonNode> asString(Arbitrary<ObjectNode> valid) {
    return Arbitraries.oneOf(
        valid.map(payload -> (JsonNode) JSON.textNode(payload.toString())),
        PayloadGenerators.garbage().map(text -> (JsonNode) JSON.textNode(text)),
        Arbitraries.just(JSON.textNode("[1,2]")),
        Arbitraries.just(JSON.textNode("[".repeat(3000) + "]".repeat(3000))));
  }

  /** A valid payload under a broken envelope. */
  private static Arbitrary<Generated> envelope(
      SourceSystem system, Arbitrary<ObjectNode> valid, Instant now) {
    List<SourceSystem> others =
        java.util.Arrays.stream(SourceSystem.values()).filter(s -> s != system).toList();
    return Combinators.combine(valid, Arbitraries.integers().between(0, 6), Arbitraries.of(others))
        .as(
            (payload, breakage, other) -> {
              ObjectNode event = event(system, "envelope", payload, now).event();
              String kind =
                  switch (breakage) {
                    case 0 -> {
                      event.remove("source");
                      yield "no source";
                    }
                    case 1 -> {
                      event.put("detail-type", other.detailType());
                      yield "another source's detail-type";
                    }
                    case 2 -> {
                      event.put("source", other.eventSource());
                      event.put("detail-type", other.detailType());
                      yield "published as another source";
                    }
                    case 3 -> {
                      event.remove("detail");
                      yield "no detail";
                    }
                    case 4 -> {
                      event.put("time", "yesterday");
                      yield "unreadable time";
                    }
                    case 5 -> {
                      event.remove("id");
                      event.remove("time");
                      yield "no id or time";
                    }
                    default -> {
                      event.put("source", "trading.unknown");
                      yield "unknown source";
                    }
                  };
              return new Generated("envelope: " + kind, event);
            });
  }

  private static Generated event(SourceSystem system, String kind, JsonNode detail, Instant now) {
    ObjectNode event = JSON.objectNode();
    event.put("version", "0");
    event.put("id", new UUID(kind.hashCode(), detail.hashCode()).toString());
    event.put("detail-type", system.detailType());
    event.put("source", system.eventSource());
    event.put("account", "123456789012");
    event.put("time", now.toString());
    event.put("region", "us-east-1");
    event.putArray("resources");
    event.set("detail", detail);
    return new Generated(kind, event);
  }

  private static String idField(SourceSystem system) {
    return switch (system) {
      case OMS -> "tradeId";
      case FIX_GATEWAY -> "ExecID";
      case PRIME_BROKER -> "confirmationRef";
    };
  }

  // JsonNode.toString writes with Jackson's default limits, below PutEvents' nesting depth.
  private static byte[] bytes(JsonNode node) {
    try {
      return TradeJson.mapper().writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}

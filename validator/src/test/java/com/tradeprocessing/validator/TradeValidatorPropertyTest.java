package com.tradeprocessing.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.Currency;
import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.Mic;
import com.tradeprocessing.model.Price;
import com.tradeprocessing.model.Quantity;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.Side;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.event.TradeEvent;
import com.tradeprocessing.model.json.TradeJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Thousands of generated EventBridge events, valid and broken, from all three sources: the
 * validator never throws, a broken event is rejected with the reason its breakage implies, and a
 * valid event maps to exactly the trade that was generated, which survives a JSON round trip.
 */
class TradeValidatorPropertyTest {

  // jqwik logs at INFO that these generators have more edge cases than tries, which is expected
  // (edge cases are mixed in, not exhausted). Held in a field: JUL keeps loggers weakly.
  private static final Logger EDGE_CASE_NOTICES = quiet("net.jqwik.engine.properties");

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.WARNING);
    return logger;
  }

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Instant NOW = TestValidators.NOW;
  private static final Duration SKEW = Duration.ofSeconds(30);
  private static final Duration MAX_AGE = Duration.ofDays(3);
  private static final DateTimeFormatter FIX_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private static final List<String> ISINS =
      List.of("US0378331005", "US5949181045", "GB00BH4HKS39", "DE0007164600", "NL0010273215");
  private static final List<String> KNOWN_VENUES = List.of("XNAS", "XNYS", "XLON", "XETR", "XAMS");
  private static final List<String> CURRENCIES = List.of("USD", "EUR", "GBP", "JPY", "CHF");

  /** Required payload fields of each source, as the source names them. */
  private static final Map<SourceSystem, List<String>> REQUIRED =
      Map.of(
          SourceSystem.OMS,
          List.of(
              "tradeId", "isin", "side", "quantity", "price", "currency", "venue", "executedAt"),
          SourceSystem.FIX_GATEWAY,
          List.of(
              "ExecID",
              "SecurityID",
              "SecurityIDSource",
              "Side",
              "LastQty",
              "LastPx",
              "Currency",
              "LastMkt",
              "TransactTime"),
          SourceSystem.PRIME_BROKER,
          List.of(
              "confirmationRef",
              "instrument",
              "direction",
              "qty",
              "px",
              "ccy",
              "exchange",
              "tradeTime"));

  private final TradeValidator validator = TestValidators.withDefaults();

  /** The economic content of a generated trade, before it is written in a source's format. */
  record TradeValues(
      SourceSystem source,
      String sourceTradeId,
      String isin,
      Side side,
      BigDecimal quantity,
      BigDecimal price,
      String currency,
      String venue,
      Instant executedAt) {

    TradeValues withQuantityAndPrice(BigDecimal newQuantity, BigDecimal newPrice) {
      return new TradeValues(
          source, sourceTradeId, isin, side, newQuantity, newPrice, currency, venue, executedAt);
    }

    TradeValues withVenue(String newVenue) {
      return new TradeValues(
          source, sourceTradeId, isin, side, quantity, price, currency, newVenue, executedAt);
    }

    TradeValues withExecutedAt(Instant newExecutedAt) {
      return new TradeValues(
          source, sourceTradeId, isin, side, quantity, price, currency, venue, newExecutedAt);
    }
  }

  /**
   * One generated event and what validating it must give: valid, or rejected with {@code expected}
   * among the reason codes, or (for arbitrary damage) anything but an exception.
   */
  record GeneratedEvent(
      String description,
      ObjectNode event,
      TradeValues values,
      Expectation expectation,
      ReasonCode expected) {

    GeneratedEvent withEvent(Consumer<ObjectNode> change) {
      ObjectNode changed = event.deepCopy();
      change.accept(changed);
      return new GeneratedEvent(description, changed, values, expectation, expected);
    }

    @Override
    public String toString() {
      return description + " " + event;
    }
  }

  enum Expectation {
    VALID,
    REJECTED,
    ANY
  }

  // ---- properties ----

  // The coverage below is checked on every run; its table is printed only when the property fails.
  @Property(tries = 3000)
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
  @Label("validate never throws and judges every generated event as its generation implies")
  void validate_generatedEvent_shouldMatchItsExpectation(
      @ForAll("events") GeneratedEvent generated) {
    // GIVEN
    TradeEvent event = TradeEvent.fromJson(generated.event());

    // WHEN
    ValidationResult[] result = new ValidationResult[1];
    assertThatCode(() -> result[0] = validator.validate(event)).doesNotThrowAnyException();

    // THEN
    Statistics.label("expectation").collect(generated.expectation(), generated.expected());
    Statistics.label("expectation")
        .coverage(
            checker -> {
              checker.check(Expectation.VALID, null).percentage(p -> p > 20);
              checker.check(Expectation.ANY, null).percentage(p -> p > 5);
              for (ReasonCode code :
                  List.of(
                      ReasonCode.MALFORMED_PAYLOAD,
                      ReasonCode.MISSING_FIELD,
                      ReasonCode.INVALID_ISIN,
                      ReasonCode.INVALID_QUANTITY,
                      ReasonCode.INVALID_VENUE,
                      ReasonCode.FUTURE_TRADE_TIME,
                      ReasonCode.STALE_TRADE,
                      ReasonCode.NOTIONAL_LIMIT_EXCEEDED)) {
                checker.check(Expectation.REJECTED, code).count(c -> c > 0);
              }
            });
    ValidationResult r = result[0];
    assertThat(r.isValid()).isEqualTo(r.reasonCodes().isEmpty());
    assertThat(r.ruleSetVersion()).isNotBlank();
    switch (generated.expectation()) {
      case VALID -> {
        assertThat(r.problems()).as(generated.description()).isEmpty();
        assertThat(r.trade()).isEqualTo(expectedTrade(generated.values()));
        assertThat(roundTrip(r.trade())).isEqualTo(r.trade());
      }
      case REJECTED -> {
        assertThat(r.isValid()).as(generated.description()).isFalse();
        assertThat(r.reasonCodes()).as(generated.description()).contains(generated.expected());
      }
      case ANY -> {
        if (r.isValid()) {
          assertThat(roundTrip(r.trade())).isEqualTo(r.trade());
        }
      }
    }
  }

  @Property(tries = 1000)
  @Label("validate never throws for payloads whose every field holds any JSON value")
  void validate_payloadOfRandomValues_shouldNeverThrowAndOnlyAcceptARealTrade(
      @ForAll("randomPayloads") ObjectNode json) {
    // GIVEN
    TradeEvent event = TradeEvent.fromJson(json);

    // WHEN
    ValidationResult[] result = new ValidationResult[1];
    assertThatCode(() -> result[0] = validator.validate(event)).doesNotThrowAnyException();

    // THEN
    ValidationResult r = result[0];
    assertThat(r.isValid()).isEqualTo(r.reasonCodes().isEmpty());
    if (r.isValid()) {
      assertThat(roundTrip(r.trade())).isEqualTo(r.trade());
    } else {
      assertThat(r.problems()).allSatisfy(p -> assertThat(p.message()).isNotBlank());
    }
  }

  // ---- generators ----

  @Provide
  Arbitrary<ObjectNode> randomPayloads() {
    Arbitrary<JsonNode> anyValue =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(30).map(JSON::textNode),
            Arbitraries.of(ISINS).map(JSON::textNode),
            Arbitraries.of(KNOWN_VENUES).map(JSON::textNode),
            Arbitraries.of(CURRENCIES).map(JSON::textNode),
            Arbitraries.of("BUY", "SELL", "1", "2", "B", "S", "4").map(JSON::textNode),
            Arbitraries.bigDecimals().map(d -> JSON.textNode(d.toPlainString())),
            Arbitraries.bigDecimals().map(JSON::numberNode),
            Arbitraries.longs().map(JSON::numberNode),
            Arbitraries.of(true, false).map(JSON::booleanNode),
            Arbitraries.just(JSON.nullNode()),
            Arbitraries.just(JSON.objectNode().put("isin", "GB00BH4HKS39")));
    return Combinators.combine(
            Arbitraries.of(SourceSystem.class),
            Arbitraries.of(SourceSystem.class),
            anyValue.list().ofSize(9))
        .as(
            (source, detailTypeOf, fieldValues) -> {
              ObjectNode event = JSON.objectNode();
              event.put("source", source.eventSource());
              event.put("detail-type", detailTypeOf.detailType());
              ObjectNode detail = event.putObject("detail");
              List<String> fields = REQUIRED.get(source);
              for (int i = 0; i < fields.size(); i++) {
                detail.set(fields.get(i), fieldValues.get(i));
              }
              return event;
            });
  }

  @Provide
  Arbitrary<GeneratedEvent> events() {
    Arbitrary<TradeValues> values = tradeValues();
    return Arbitraries.frequencyOf(
        Tuple.of(4, values.map(v -> valid("valid", v))),
        Tuple.of(
            1,
            values.map(
                v ->
                    valid("valid, detail as a JSON string", v)
                        .withEvent(e -> e.put("detail", e.get("detail").toString())))),
        Tuple.of(1, quantityAboveMaximum(values)),
        Tuple.of(1, notionalAboveLimit(values)),
        Tuple.of(1, unknownVenue(values)),
        Tuple.of(1, futureTradeTime(values)),
        Tuple.of(1, staleTrade(values)),
        Tuple.of(1, wrongDetailType(values)),
        Tuple.of(1, unknownSource(values)),
        Tuple.of(1, nonObjectDetail(values)),
        Tuple.of(1, missingRequiredField(values)),
        Tuple.of(1, nonPositiveQuantity(values)),
        Tuple.of(1, badIsinCheckDigit(values)),
        Tuple.of(3, arbitraryDamage(values)));
  }

  private Arbitrary<TradeValues> tradeValues() {
    Arbitrary<SourceSystem> sources = Arbitraries.of(SourceSystem.class);
    Arbitrary<String> ids =
        Arbitraries.strings()
            .withCharRange('A', 'Z')
            .numeric()
            .withChars('-')
            .ofMinLength(1)
            .ofMaxLength(24);
    // Up to 100000 units at up to 500: the notional never passes the 50000000 limit.
    Arbitrary<BigDecimal> quantities =
        Arbitraries.bigDecimals()
            .between(new BigDecimal("0.0001"), new BigDecimal("100000"))
            .ofScale(4);
    Arbitrary<BigDecimal> prices =
        Arbitraries.bigDecimals()
            .between(new BigDecimal("0.0001"), new BigDecimal("500"))
            .ofScale(4);
    Arbitrary<Instant> times =
        Arbitraries.longs()
            .between(-SKEW.toMillis(), MAX_AGE.toMillis())
            .map(ago -> NOW.minusMillis(ago));
    return Combinators.combine(
            sources,
            ids,
            Arbitraries.of(ISINS),
            Arbitraries.of(Side.class),
            quantities,
            prices,
            Arbitraries.of(CURRENCIES),
            Arbitraries.of(KNOWN_VENUES))
        .flatAs(
            (source, id, isin, side, quantity, price, currency, venue) ->
                times.map(
                    time ->
                        new TradeValues(
                            source, id, isin, side, quantity, price, currency, venue, time)));
  }

  private static GeneratedEvent valid(String description, TradeValues values) {
    return new GeneratedEvent(
        description + " " + values.source(), event(values), values, Expectation.VALID, null);
  }

  private static GeneratedEvent rejected(
      String description, ObjectNode event, TradeValues values, ReasonCode expected) {
    return new GeneratedEvent(
        description + " " + values.source(), event, values, Expectation.REJECTED, expected);
  }

  private Arbitrary<GeneratedEvent> quantityAboveMaximum(Arbitrary<TradeValues> values) {
    Arbitrary<BigDecimal> above =
        Arbitraries.bigDecimals()
            .between(new BigDecimal("1000000.0001"), new BigDecimal("1e14"))
            .ofScale(4);
    return Combinators.combine(values, above)
        .as(
            (v, q) -> {
              TradeValues changed = v.withQuantityAndPrice(q, new BigDecimal("0.0001"));
              return rejected(
                  "quantity above maximum", event(changed), changed, ReasonCode.INVALID_QUANTITY);
            });
  }

  private Arbitrary<GeneratedEvent> notionalAboveLimit(Arbitrary<TradeValues> values) {
    Arbitrary<BigDecimal> quantities =
        Arbitraries.bigDecimals()
            .between(new BigDecimal("500000"), new BigDecimal("1000000"))
            .ofScale(0);
    Arbitrary<BigDecimal> prices =
        Arbitraries.bigDecimals()
            .between(new BigDecimal("100.01"), new BigDecimal("100000"))
            .ofScale(2);
    return Combinators.combine(values, quantities, prices)
        .as(
            (v, q, p) -> {
              TradeValues changed = v.withQuantityAndPrice(q, p);
              return rejected(
                  "notional above limit",
                  event(changed),
                  changed,
                  ReasonCode.NOTIONAL_LIMIT_EXCEEDED);
            });
  }

  private Arbitrary<GeneratedEvent> unknownVenue(Arbitrary<TradeValues> values) {
    Arbitrary<String> venues =
        Arbitraries.strings()
            .withCharRange('A', 'Z')
            .numeric()
            .ofLength(4)
            .filter(mic -> !KNOWN_VENUES.contains(mic));
    return Combinators.combine(values, venues)
        .as(
            (v, mic) -> {
              TradeValues changed = v.withVenue(mic);
              return rejected(
                  "unknown venue " + mic, event(changed), changed, ReasonCode.INVALID_VENUE);
            });
  }

  private Arbitrary<GeneratedEvent> futureTradeTime(Arbitrary<TradeValues> values) {
    Arbitrary<Long> ahead =
        Arbitraries.longs().between(SKEW.toMillis() + 1, Duration.ofDays(400).toMillis());
    return Combinators.combine(values, ahead)
        .as(
            (v, ms) -> {
              TradeValues changed = v.withExecutedAt(NOW.plusMillis(ms));
              return rejected(
                  "future trade time", event(changed), changed, ReasonCode.FUTURE_TRADE_TIME);
            });
  }

  private Arbitrary<GeneratedEvent> staleTrade(Arbitrary<TradeValues> values) {
    Arbitrary<Long> ago =
        Arbitraries.longs().between(MAX_AGE.toMillis() + 1, Duration.ofDays(20 * 365).toMillis());
    return Combinators.combine(values, ago)
        .as(
            (v, ms) -> {
              TradeValues changed = v.withExecutedAt(NOW.minusMillis(ms));
              return rejected("stale trade", event(changed), changed, ReasonCode.STALE_TRADE);
            });
  }

  private Arbitrary<GeneratedEvent> wrongDetailType(Arbitrary<TradeValues> values) {
    Arbitrary<String> detailTypes =
        Arbitraries.oneOf(
            Arbitraries.of("Trade Executed", "Execution Report", "Trade Confirmation", ""),
            Arbitraries.strings().ofMaxLength(60));
    return Combinators.combine(values, detailTypes)
        .filter((v, type) -> !type.equals(v.source().detailType()))
        .as(
            (v, type) -> {
              ObjectNode event = event(v);
              event.put("detail-type", type);
              return rejected("detail-type '" + type + "'", event, v, ReasonCode.MALFORMED_PAYLOAD);
            });
  }

  private Arbitrary<GeneratedEvent> unknownSource(Arbitrary<TradeValues> values) {
    Arbitrary<Optional<String>> sources =
        Arbitraries.oneOf(
            Arbitraries.of("trading.OMS", "trading.fix", "aws.events", "").map(Optional::of),
            Arbitraries.strings().ofMaxLength(30).map(Optional::of),
            Arbitraries.just(Optional.empty()));
    return Combinators.combine(values, sources)
        .filter((v, source) -> source.flatMap(SourceSystem::fromEventSource).isEmpty())
        .as(
            (v, source) -> {
              ObjectNode event = event(v);
              source.ifPresentOrElse(s -> event.put("source", s), () -> event.remove("source"));
              return rejected("source " + source, event, v, ReasonCode.MALFORMED_PAYLOAD);
            });
  }

  private Arbitrary<GeneratedEvent> nonObjectDetail(Arbitrary<TradeValues> values) {
    Arbitrary<Optional<JsonNode>> details =
        Arbitraries.oneOf(
            Arbitraries.just(Optional.empty()),
            Arbitraries.just(Optional.of(JSON.nullNode())),
            Arbitraries.strings()
                .ofMaxLength(40)
                .filter(s -> !s.strip().startsWith("{"))
                .map(s -> Optional.of(JSON.textNode(s))),
            Arbitraries.integers().map(i -> Optional.of(JSON.numberNode(i))),
            Arbitraries.of(true, false).map(b -> Optional.of(JSON.booleanNode(b))),
            Arbitraries.just(Optional.of(JSON.arrayNode())));
    return Combinators.combine(values, details)
        .as(
            (v, detail) -> {
              ObjectNode event = event(v);
              ObjectNode original = (ObjectNode) event.get("detail");
              detail.ifPresentOrElse(
                  d -> event.set("detail", d.isArray() ? JSON.arrayNode().add(original) : d),
                  () -> event.remove("detail"));
              return rejected(
                  "detail " + detail.map(JsonNode::getNodeType),
                  event,
                  v,
                  ReasonCode.MALFORMED_PAYLOAD);
            });
  }

  private Arbitrary<GeneratedEvent> missingRequiredField(Arbitrary<TradeValues> values) {
    return values.flatMap(
        v ->
            Arbitraries.of(REQUIRED.get(v.source()))
                .map(
                    field -> {
                      ObjectNode event = event(v);
                      ((ObjectNode) event.get("detail")).remove(field);
                      return rejected("without " + field, event, v, ReasonCode.MISSING_FIELD);
                    }));
  }

  private Arbitrary<GeneratedEvent> nonPositiveQuantity(Arbitrary<TradeValues> values) {
    Arbitrary<BigDecimal> quantities =
        Arbitraries.bigDecimals().between(new BigDecimal("-1000000"), BigDecimal.ZERO).ofScale(2);
    return Combinators.combine(values, quantities)
        .as(
            (v, q) -> {
              TradeValues changed = v.withQuantityAndPrice(q, v.price());
              return rejected(
                  "quantity " + q, event(changed), changed, ReasonCode.INVALID_QUANTITY);
            });
  }

  private Arbitrary<GeneratedEvent> badIsinCheckDigit(Arbitrary<TradeValues> values) {
    return Combinators.combine(values, Arbitraries.integers().between(1, 9))
        .as(
            (v, shift) -> {
              int digit = v.isin().charAt(11) - '0';
              String isin = v.isin().substring(0, 11) + (char) ('0' + (digit + shift) % 10);
              TradeValues changed =
                  new TradeValues(
                      v.source(),
                      v.sourceTradeId(),
                      isin,
                      v.side(),
                      v.quantity(),
                      v.price(),
                      v.currency(),
                      v.venue(),
                      v.executedAt());
              return rejected("ISIN " + isin, event(changed), changed, ReasonCode.INVALID_ISIN);
            });
  }

  /** Any detail field replaced by any JSON value, or removed, or an extra field added. */
  private Arbitrary<GeneratedEvent> arbitraryDamage(Arbitrary<TradeValues> values) {
    Arbitrary<JsonNode> anyValue =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(30).map(JSON::textNode),
            Arbitraries.strings()
                .numeric()
                .withChars('.', '-', 'e', 'E')
                .ofMaxLength(25)
                .map(JSON::textNode),
            Arbitraries.bigDecimals().map(JSON::numberNode),
            Arbitraries.longs().map(JSON::numberNode),
            Arbitraries.doubles().map(JSON::numberNode),
            Arbitraries.of(true, false).map(JSON::booleanNode),
            Arbitraries.just(JSON.nullNode()),
            Arbitraries.just(JSON.objectNode()),
            Arbitraries.just(JSON.arrayNode()));
    return values.flatMap(
        v -> {
          List<String> fields = REQUIRED.get(v.source());
          return Combinators.combine(
                  Arbitraries.of(fields).injectNull(0.1), anyValue, Arbitraries.of(true, false))
              .as(
                  (field, value, remove) -> {
                    ObjectNode event = event(v);
                    ObjectNode detail = (ObjectNode) event.get("detail");
                    String target = field == null ? "unexpectedField" : field;
                    if (remove && field != null) {
                      detail.remove(target);
                    } else {
                      detail.set(target, value);
                    }
                    return new GeneratedEvent(
                        "damaged " + target + " " + v.source(), event, v, Expectation.ANY, null);
                  });
        });
  }

  // ---- payloads in each source's format ----

  private static ObjectNode event(TradeValues v) {
    ObjectNode event = JSON.objectNode();
    event.put("version", "0");
    event.put("id", "00000000-0000-0000-0000-000000000001");
    event.put("detail-type", v.source().detailType());
    event.put("source", v.source().eventSource());
    event.put("account", "123456789012");
    event.put("time", NOW.toString());
    event.put("region", "us-east-1");
    event.set("resources", JSON.arrayNode());
    event.set(
        "detail",
        switch (v.source()) {
          case OMS -> omsDetail(v);
          case FIX_GATEWAY -> fixDetail(v);
          case PRIME_BROKER -> primeBrokerDetail(v);
        });
    return event;
  }

  private static ObjectNode omsDetail(TradeValues v) {
    ObjectNode d = JSON.objectNode();
    d.put("tradeId", "OMS-" + v.sourceTradeId());
    d.put("isin", v.isin());
    d.put("side", v.side().name());
    d.put("quantity", v.quantity().toPlainString());
    d.put("price", v.price().toPlainString());
    d.put("currency", v.currency());
    d.put("venue", v.venue());
    d.put("executedAt", v.executedAt().toString());
    d.put("account", "ACC-001");
    return d;
  }

  private static ObjectNode fixDetail(TradeValues v) {
    ObjectNode d = JSON.objectNode();
    d.put("ExecID", "FIX-" + v.sourceTradeId());
    d.put("SecurityID", v.isin());
    d.put("SecurityIDSource", "4");
    d.put("Side", v.side() == Side.BUY ? "1" : "2");
    d.put("LastQty", v.quantity().toPlainString());
    d.put("LastPx", v.price().toPlainString());
    d.put("Currency", v.currency());
    d.put("LastMkt", v.venue());
    d.put("TransactTime", FIX_TIME.format(v.executedAt()));
    return d;
  }

  private static ObjectNode primeBrokerDetail(TradeValues v) {
    ObjectNode d = JSON.objectNode();
    d.put("confirmationRef", "PB-" + v.sourceTradeId());
    d.putObject("instrument").put("isin", v.isin());
    d.put("direction", v.side() == Side.BUY ? "B" : "S");
    // The broker sends quantities as numbers and prices as strings, and sometimes the reverse.
    if (v.sourceTradeId().hashCode() % 2 == 0) {
      d.put("qty", v.quantity());
      d.put("px", v.price().toPlainString());
    } else {
      d.put("qty", v.quantity().toPlainString());
      d.put("px", v.price());
    }
    d.put("ccy", v.currency());
    d.put("tradeTime", v.executedAt().toEpochMilli());
    d.put("exchange", v.venue());
    return d;
  }

  private static String sourceTradeId(TradeValues v) {
    return switch (v.source()) {
          case OMS -> "OMS-";
          case FIX_GATEWAY -> "FIX-";
          case PRIME_BROKER -> "PB-";
        }
        + v.sourceTradeId();
  }

  private static Trade expectedTrade(TradeValues v) {
    return new Trade(
        com.tradeprocessing.model.TradeId.of(v.source(), sourceTradeId(v)),
        v.source(),
        sourceTradeId(v),
        Isin.parse(v.isin()),
        null,
        v.side(),
        new Quantity(v.quantity()),
        new Price(v.price(), Currency.parse(v.currency())),
        Mic.parse(v.venue()),
        v.executedAt(),
        v.source() == SourceSystem.OMS ? "ACC-001" : null,
        null,
        null);
  }

  private static Trade roundTrip(Trade trade) {
    try {
      String json = TradeJson.mapper().writeValueAsString(trade);
      return TradeJson.mapper().readValue(json, Trade.class);
    } catch (JsonProcessingException e) {
      throw new AssertionError("trade does not round-trip through JSON: " + trade, e);
    }
  }
}

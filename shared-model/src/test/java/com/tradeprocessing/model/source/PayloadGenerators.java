package com.tradeprocessing.model.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.Currency;
import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.Mic;
import com.tradeprocessing.model.Price;
import com.tradeprocessing.model.Quantity;
import com.tradeprocessing.model.Side;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.SourceTradeIds;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.TradeId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of source payloads for the property tests: valid payloads together with the trade they
 * must map to, and per-field mutations that know whether they make the payload invalid.
 */
final class PayloadGenerators {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Largest epoch millisecond the adapters read (the last of year 9999). */
  static final long LAST_MILLI = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

  private static final List<String> CURRENCIES =
      List.of("USD", "EUR", "GBP", "JPY", "CHF", "KWD", "SEK", "HKD");

  private PayloadGenerators() {}

  /** A valid payload and the trade it must map to. */
  record Sample(ObjectNode payload, Trade expected) {}

  /** The kinds of field the sources have; each has its own ways to go wrong. */
  enum Kind {
    ID,
    ISIN,
    SIDE,
    DECIMAL_STRICT,
    DECIMAL_LENIENT,
    CURRENCY,
    MIC,
    TIME_ISO,
    TIME_FIX,
    TIME_EPOCH,
    SECURITY_ID_SOURCE,
    OPTIONAL_TEXT,
    OPTIONAL_DATE,
    INSTRUMENT
  }

  /** A payload field (dotted path) and what it holds. */
  record Field(String path, Kind kind, boolean required) {}

  /**
   * A change to one field: its new value computed from the current one ({@code null} removes the
   * field), whether it makes the payload invalid, and whether it does so only by making the field
   * absent, null or blank.
   */
  record Mutation(
      String description, UnaryOperator<JsonNode> value, boolean invalid, boolean presence) {
    @Override
    public String toString() {
      return description;
    }
  }

  /** A mutation applied to a field. */
  record Change(Field field, Mutation mutation) {
    @Override
    public String toString() {
      return field.path() + " <- " + mutation.description();
    }
  }

  // ---------------------------------------------------------------- the sources' field lists

  static List<Field> fields(SourceSystem system) {
    return switch (system) {
      case OMS ->
          List.of(
              new Field("tradeId", Kind.ID, true),
              new Field("isin", Kind.ISIN, true),
              new Field("symbol", Kind.OPTIONAL_TEXT, false),
              new Field("side", Kind.SIDE, true),
              new Field("quantity", Kind.DECIMAL_STRICT, true),
              new Field("price", Kind.DECIMAL_STRICT, true),
              new Field("currency", Kind.CURRENCY, true),
              new Field("venue", Kind.MIC, true),
              new Field("executedAt", Kind.TIME_ISO, true),
              new Field("account", Kind.OPTIONAL_TEXT, false),
              new Field("trader", Kind.OPTIONAL_TEXT, false));
      case FIX_GATEWAY ->
          List.of(
              new Field("ExecID", Kind.ID, true),
              new Field("SecurityID", Kind.ISIN, true),
              new Field("SecurityIDSource", Kind.SECURITY_ID_SOURCE, true),
              new Field("Symbol", Kind.OPTIONAL_TEXT, false),
              new Field("Side", Kind.SIDE, true),
              new Field("LastQty", Kind.DECIMAL_STRICT, true),
              new Field("LastPx", Kind.DECIMAL_STRICT, true),
              new Field("Currency", Kind.CURRENCY, true),
              new Field("LastMkt", Kind.MIC, true),
              new Field("TransactTime", Kind.TIME_FIX, true),
              new Field("Account", Kind.OPTIONAL_TEXT, false));
      case PRIME_BROKER ->
          List.of(
              new Field("confirmationRef", Kind.ID, true),
              new Field("instrument", Kind.INSTRUMENT, true),
              new Field("instrument.isin", Kind.ISIN, true),
              new Field("instrument.ticker", Kind.OPTIONAL_TEXT, false),
              new Field("direction", Kind.SIDE, true),
              new Field("qty", Kind.DECIMAL_LENIENT, true),
              new Field("px", Kind.DECIMAL_LENIENT, true),
              new Field("ccy", Kind.CURRENCY, true),
              new Field("exchange", Kind.MIC, true),
              new Field("tradeTime", Kind.TIME_EPOCH, true),
              new Field("settlementDate", Kind.OPTIONAL_DATE, false));
    };
  }

  /** The source's codes for buy and sell. */
  static List<String> sideCodes(SourceSystem system) {
    return switch (system) {
      case OMS -> List.of("BUY", "SELL");
      case FIX_GATEWAY -> List.of("1", "2");
      case PRIME_BROKER -> List.of("B", "S");
    };
  }

  // ---------------------------------------------------------------- valid payloads

  static Arbitrary<Sample> validSamples(SourceSystem system) {
    return switch (system) {
      case OMS -> omsSamples();
      case FIX_GATEWAY -> fixSamples();
      case PRIME_BROKER -> primeBrokerSamples();
    };
  }

  /** The economic core every source shares. */
  private record Core(
      String sourceTradeId,
      Isin isin,
      Side side,
      BigDecimal quantity,
      BigDecimal price,
      String currency,
      String venue,
      String symbol,
      String account) {

    Trade trade(SourceSystem system, Instant executedAt, String trader, LocalDate settlementDate) {
      return new Trade(
          TradeId.of(system, sourceTradeId),
          system,
          sourceTradeId,
          isin,
          symbol,
          side,
          new Quantity(quantity),
          new Price(price, Currency.parse(currency)),
          Mic.parse(venue),
          executedAt,
          account,
          trader,
          settlementDate);
    }
  }

  private static Arbitrary<Core> cores() {
    return Combinators.combine(
            sourceTradeIds(),
            isins(),
            Arbitraries.of(Side.class),
            decimals(),
            decimals(),
            Arbitraries.of(CURRENCIES),
            mics(),
            Combinators.combine(optionalTexts(), optionalTexts()).as((a, b) -> new String[] {a, b}))
        .as(
            (id, isin, side, quantity, price, currency, venue, labels) ->
                new Core(id, isin, side, quantity, price, currency, venue, labels[0], labels[1]));
  }

  private static Arbitrary<Sample> omsSamples() {
    Arbitrary<Instant> instants =
        Combinators.combine(
                Arbitraries.longs().between(0, LAST_MILLI / 1000),
                Arbitraries.integers().between(0, 999_999_999))
            .as(Instant::ofEpochSecond);
    return Combinators.combine(cores(), instants, Arbitraries.of("Z", "+00:00"), optionalTexts())
        .as(
            (core, executedAt, utc, trader) -> {
              ObjectNode payload = JSON.objectNode();
              payload.put("tradeId", core.sourceTradeId());
              payload.put("isin", core.isin().value());
              putOptional(payload, "symbol", core.symbol());
              payload.put("side", core.side().name());
              payload.put("quantity", core.quantity().toPlainString());
              payload.put("price", core.price().toPlainString());
              payload.put("currency", core.currency());
              payload.put("venue", core.venue());
              String iso = executedAt.toString();
              payload.put("executedAt", iso.substring(0, iso.length() - 1) + utc);
              putOptional(payload, "account", core.account());
              putOptional(payload, "trader", trader);
              return new Sample(payload, core.trade(SourceSystem.OMS, executedAt, trader, null));
            });
  }

  private static final DateTimeFormatter FIX_SECONDS =
      DateTimeFormatter.ofPattern("uuuuMMdd-HH:mm:ss", Locale.ROOT);

  private static Arbitrary<Sample> fixSamples() {
    Arbitrary<LocalDateTime> seconds =
        Arbitraries.longs()
            .between(0, LAST_MILLI / 1000)
            .map(s -> LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC));
    Arbitrary<Integer> fractionDigits = Arbitraries.of(0, 3, 6, 9);
    Arbitrary<Integer> nanos = Arbitraries.integers().between(0, 999_999_999);
    return Combinators.combine(cores(), seconds, fractionDigits, nanos)
        .as(
            (core, time, digits, rawNanos) -> {
              int unit = (int) Math.pow(10, 9 - digits);
              int fraction = rawNanos / unit;
              String text =
                  time.format(FIX_SECONDS)
                      + (digits == 0
                          ? ""
                          : "." + String.format(Locale.ROOT, "%0" + digits + "d", fraction));
              Instant executedAt = time.toInstant(ZoneOffset.UTC).plusNanos((long) fraction * unit);
              ObjectNode payload = JSON.objectNode();
              payload.put("ExecID", core.sourceTradeId());
              payload.put("SecurityID", core.isin().value());
              payload.put("SecurityIDSource", "4");
              putOptional(payload, "Symbol", core.symbol());
              payload.put("Side", core.side() == Side.BUY ? "1" : "2");
              payload.put("LastQty", core.quantity().toPlainString());
              payload.put("LastPx", core.price().toPlainString());
              payload.put("Currency", core.currency());
              payload.put("LastMkt", core.venue());
              payload.put("TransactTime", text);
              putOptional(payload, "Account", core.account());
              return new Sample(
                  payload, core.trade(SourceSystem.FIX_GATEWAY, executedAt, null, null));
            });
  }

  private static Arbitrary<Sample> primeBrokerSamples() {
    Arbitrary<LocalDate> dates =
        Arbitraries.longs()
            .between(0, LocalDate.parse("9999-12-31").toEpochDay())
            .map(LocalDate::ofEpochDay)
            .injectNull(0.3);
    return Combinators.combine(
            cores(),
            Arbitraries.longs().between(0, LAST_MILLI),
            dates,
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(
            (core, millis, settlementDate, qtyAsNumber, pxAsNumber) -> {
              ObjectNode payload = JSON.objectNode();
              payload.put("confirmationRef", core.sourceTradeId());
              ObjectNode instrument = payload.putObject("instrument");
              instrument.put("isin", core.isin().value());
              putOptional(instrument, "ticker", core.symbol());
              payload.put("direction", core.side() == Side.BUY ? "B" : "S");
              putDecimal(payload, "qty", core.quantity(), qtyAsNumber);
              putDecimal(payload, "px", core.price(), pxAsNumber);
              payload.put("ccy", core.currency());
              payload.put("tradeTime", millis);
              payload.put("exchange", core.venue());
              if (settlementDate != null) {
                payload.put("settlementDate", settlementDate.toString());
              }
              Trade trade =
                  new Core(
                          core.sourceTradeId(),
                          core.isin(),
                          core.side(),
                          core.quantity(),
                          core.price(),
                          core.currency(),
                          core.venue(),
                          core.symbol(),
                          null)
                      .trade(
                          SourceSystem.PRIME_BROKER,
                          Instant.ofEpochMilli(millis),
                          null,
                          settlementDate);
              return new Sample(payload, trade);
            });
  }

  private static void putOptional(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static void putDecimal(
      ObjectNode node, String field, BigDecimal value, boolean asNumber) {
    if (asNumber) {
      node.put(field, value);
    } else {
      node.put(field, value.toPlainString());
    }
  }

  /** Ids of the accepted form: 1 to 64 printable ASCII characters (SourceTradeIds). */
  static Arbitrary<String> sourceTradeIds() {
    return Arbitraries.strings()
        .withCharRange('!', '~')
        .ofMinLength(1)
        .ofMaxLength(SourceTradeIds.MAX_LENGTH);
  }

  /** Ids outside the accepted form that are still present and not blank. */
  static Arbitrary<String> invalidSourceTradeIds() {
    Arbitrary<String> valid = sourceTradeIds();
    Arbitrary<Character> outside =
        Arbitraries.of('\u0000', '\u001f', '\u007f', ' ', 'é', '€', '中', '\ud83d', '\u2028');
    return Arbitraries.oneOf(
        Arbitraries.integers()
            .between(SourceTradeIds.MAX_LENGTH + 1, 3000)
            .map(length -> "T".repeat(length)),
        Combinators.combine(valid, outside, Arbitraries.integers().between(0, 64))
            .as(
                (id, c, at) -> {
                  int position = Math.min(at, id.length());
                  return id.substring(0, position) + c + id.substring(position);
                }));
  }

  static Arbitrary<String> optionalTexts() {
    return Arbitraries.strings()
        .withCharRange('!', '~')
        .ofMinLength(1)
        .ofMaxLength(12)
        .injectNull(0.3);
  }

  /** Real-looking ISINs: a random prefix completed with its one valid check digit. */
  static Arbitrary<Isin> isins() {
    Arbitrary<String> country = Arbitraries.strings().withCharRange('A', 'Z').ofLength(2);
    Arbitrary<String> nsin = Arbitraries.strings().withCharRange('A', 'Z').numeric().ofLength(9);
    return Combinators.combine(country, nsin)
        .as(
            (c, n) ->
                IntStream.range(0, 10)
                    .mapToObj(d -> c + n + d)
                    .filter(PayloadGenerators::isIsin)
                    .map(Isin::parse)
                    .findFirst()
                    .orElseThrow());
  }

  static boolean isIsin(String value) {
    try {
      Isin.parse(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static Arbitrary<String> mics() {
    return Arbitraries.strings().withCharRange('A', 'Z').numeric().ofLength(4);
  }

  /** Positive decimals with at most 15 integer digits and 8 decimals, trailing zeros included. */
  static Arbitrary<BigDecimal> decimals() {
    return Combinators.combine(
            Arbitraries.longs().between(1, 999_999_999_999_999L),
            Arbitraries.integers().between(0, 8))
        .as(BigDecimal::valueOf);
  }

  // ---------------------------------------------------------------- mutations

  /**
   * The ways {@code field} can be changed. The arbitraries do not depend on the payload (so they
   * are built once per field); a mutation computes its new value from the field's current one.
   */
  static Arbitrary<Mutation> mutations(SourceSystem system, Field field) {
    boolean required = field.required();
    boolean wrongTypeInvalid = required || field.kind() == Kind.OPTIONAL_DATE;
    List<Arbitrary<Mutation>> options = new ArrayList<>();
    options.add(Arbitraries.just(new Mutation("removed", current -> null, required, true)));
    options.add(just("null", JSON.nullNode(), required, true));
    options.add(
        Arbitraries.of("", " ", "\t \n")
            .map(blank -> new Mutation("blank", current -> JSON.textNode(blank), required, true)));
    options.add(
        Arbitraries.of(true, false)
            .map(
                b ->
                    new Mutation(
                        "boolean", current -> JSON.booleanNode(b), wrongTypeInvalid, false)));
    options.add(
        Arbitraries.just(
            new Mutation(
                "array", current -> JSON.arrayNode().add(current), wrongTypeInvalid, false)));
    options.add(
        Arbitraries.just(
            new Mutation(
                "object",
                current -> JSON.objectNode().set("v", current),
                wrongTypeInvalid,
                false)));
    options.add(
        garbage()
            .map(
                g ->
                    new Mutation(
                        "garbage", current -> JSON.textNode(g), garbageInvalid(field, g), false)));
    options.addAll(specificMutations(system, field));
    return Arbitraries.oneOf(options);
  }

  /** Strings that no field but a free text (and an id of the accepted form) accepts: '#...'. */
  static Arbitrary<String> garbage() {
    return Arbitraries.frequencyOf(
        Tuple.of(50, Arbitraries.strings().ofMaxLength(20).map(s -> "#" + s)),
        Tuple.of(1, Arbitraries.just("#" + "9".repeat(100_000))));
  }

  private static boolean garbageInvalid(Field field, String garbage) {
    return switch (field.kind()) {
      case ID -> !SourceTradeIds.isValid(garbage);
      case OPTIONAL_TEXT -> false;
      default -> true;
    };
  }

  private static List<Arbitrary<Mutation>> specificMutations(SourceSystem system, Field field) {
    List<Arbitrary<Mutation>> options = new ArrayList<>();
    switch (field.kind()) {
      case ID -> {
        options.add(just("number", JSON.numberNode(12345), true));
        options.add(sourceTradeIds().map(id -> replaceWith("other id", JSON.textNode(id), false)));
        options.add(
            invalidSourceTradeIds()
                .map(id -> replaceWith("id of another form", JSON.textNode(id), true)));
      }
      case ISIN -> {
        options.add(
            derived(
                "wrong check digit",
                isin -> {
                  String text = isin.textValue();
                  char check = text.charAt(11);
                  return JSON.textNode(
                      text.substring(0, 11) + (char) ('0' + (check - '0' + 1) % 10));
                },
                true));
        options.add(
            derived("too short", isin -> JSON.textNode(isin.textValue().substring(0, 11)), true));
        options.add(just("number", JSON.numberNode(378331005), true));
        options.add(
            isins().map(other -> replaceWith("other ISIN", JSON.textNode(other.value()), false)));
      }
      case SIDE -> {
        List<String> codes = sideCodes(system);
        options.add(
            Arbitraries.of(codes)
                .map(code -> replaceWith("side code", JSON.textNode(code), false)));
        options.add(just("number", JSON.numberNode(1), true));
        options.add(just("padded", JSON.textNode(" " + codes.get(0)), true));
        options.add(just("word", JSON.textNode("SHORT"), true));
      }
      case DECIMAL_STRICT, DECIMAL_LENIENT -> {
        boolean lenient = field.kind() == Kind.DECIMAL_LENIENT;
        options.add(
            derived(
                "negative string", c -> JSON.textNode(decimal(c).negate().toPlainString()), true));
        options.add(derived("9 decimals", c -> JSON.textNode(tooPrecise(c).toPlainString()), true));
        options.add(
            derived(
                "comma",
                c -> JSON.textNode(decimal(c).toPlainString().replace('.', ',') + ",5"),
                true));
        options.add(
            derived(
                "trailing zeros",
                c -> {
                  BigDecimal value = decimal(c);
                  return JSON.textNode(
                      value.toPlainString() + (value.scale() > 0 ? "0000" : ".0000"));
                },
                false));
        options.add(derived("as number", c -> JSON.numberNode(decimal(c)), !lenient));
        options.add(derived("negative number", c -> JSON.numberNode(decimal(c).negate()), true));
        options.add(derived("too precise number", c -> JSON.numberNode(tooPrecise(c)), true));
        options.add(just("zero string", JSON.textNode("0"), true));
        options.add(just("exponent string", JSON.textNode("1e999999999"), true));
        options.add(just("16 integer digits", JSON.textNode("1" + "0".repeat(15)), true));
        options.add(just("zero number", JSON.numberNode(0), true));
        options.add(just("huge number", JSON.numberNode(new BigDecimal("1e999999999")), true));
        options.add(just("tiny number", JSON.numberNode(new BigDecimal("1e-999999999")), true));
        options.add(just("NaN double", JSON.numberNode(Double.NaN), true));
      }
      case CURRENCY -> {
        options.add(
            derived(
                "lower case", c -> JSON.textNode(c.textValue().toLowerCase(Locale.ROOT)), true));
        options.add(just("gold", JSON.textNode("XAU"), true));
        options.add(just("pence", JSON.textNode("GBX"), true));
        options.add(just("numeric code", JSON.numberNode(840), true));
        options.add(
            Arbitraries.of(CURRENCIES)
                .map(c -> replaceWith("other currency", JSON.textNode(c), false)));
      }
      case MIC -> {
        options.add(derived("five characters", c -> JSON.textNode(c.textValue() + "X"), true));
        options.add(
            derived("three characters", c -> JSON.textNode(c.textValue().substring(0, 3)), true));
        options.add(just("lower case", JSON.textNode("xnas"), true));
        options.add(mics().map(m -> replaceWith("other MIC", JSON.textNode(m), false)));
      }
      case TIME_ISO -> {
        options.add(derived("no offset", c -> JSON.textNode(withoutOffset(c.textValue())), true));
        options.add(
            derived(
                "New York offset",
                c -> JSON.textNode(withoutOffset(c.textValue()) + "-05:00"),
                true));
        options.add(just("epoch number", JSON.numberNode(1795617000123L), true));
        options.add(just("before 1970", JSON.textNode("1969-12-31T23:59:59.999Z"), true));
        options.add(just("after 9999", JSON.textNode("+10000-01-01T00:00:00Z"), true));
        options.add(just("FIX form", JSON.textNode("20261125-14:30:05.250"), true));
      }
      case TIME_FIX -> {
        options.add(just("ISO form", JSON.textNode("2026-11-25T14:30:05.250Z"), true));
        options.add(just("two-digit fraction", JSON.textNode("20261125-14:30:05.25"), true));
        options.add(just("30 February", JSON.textNode("20260230-14:30:05"), true));
        options.add(just("hour 24", JSON.textNode("20261125-24:00:00"), true));
        options.add(just("before 1970", JSON.textNode("19691231-23:59:59"), true));
        options.add(just("number", JSON.numberNode(20261125143005L), true));
      }
      case TIME_EPOCH -> {
        options.add(derived("as string", c -> JSON.textNode(Long.toString(c.longValue())), true));
        options.add(derived("negative", c -> JSON.numberNode(-c.longValue() - 1), true));
        options.add(
            derived(
                "fraction",
                c -> JSON.numberNode(BigDecimal.valueOf(c.longValue()).add(new BigDecimal("0.5"))),
                true));
        options.add(just("after 9999", JSON.numberNode(LAST_MILLI + 1), true));
        options.add(
            just("beyond long", JSON.numberNode(new BigInteger("99999999999999999999999")), true));
        options.add(
            Arbitraries.longs()
                .between(0, LAST_MILLI)
                .map(m -> replaceWith("other time", JSON.numberNode(m), false)));
      }
      case SECURITY_ID_SOURCE -> {
        options.add(
            Arbitraries.of("1", "2", "8", "A")
                .map(s -> replaceWith("not ISIN", JSON.textNode(s), true)));
        options.add(just("number", JSON.numberNode(4), true));
      }
      case OPTIONAL_TEXT -> options.add(just("number", JSON.numberNode(42), false));
      case OPTIONAL_DATE -> {
        options.add(just("30 February", JSON.textNode("2026-02-30"), true));
        options.add(just("day first", JSON.textNode("26/11/2026"), true));
        options.add(just("number", JSON.numberNode(20261126), true));
        options.add(just("other date", JSON.textNode("2027-01-04"), false));
      }
      case INSTRUMENT -> {
        options.add(just("string", JSON.textNode("GB00BH4HKS39"), true));
        options.add(just("empty object", JSON.objectNode(), true));
      }
    }
    return options;
  }

  private static BigDecimal decimal(JsonNode current) {
    return current.isTextual() ? new BigDecimal(current.textValue()) : current.decimalValue();
  }

  /** The value with a ninth significant decimal (it has at most eight). */
  private static BigDecimal tooPrecise(JsonNode current) {
    return decimal(current).add(new BigDecimal("0.000000001"));
  }

  private static String withoutOffset(String isoTime) {
    return isoTime.endsWith("Z")
        ? isoTime.substring(0, isoTime.length() - 1)
        : isoTime.substring(0, isoTime.length() - "+00:00".length());
  }

  private static Mutation replaceWith(String description, JsonNode value, boolean invalid) {
    return new Mutation(description, current -> value, invalid, false);
  }

  private static Arbitrary<Mutation> just(String description, JsonNode value, boolean invalid) {
    return just(description, value, invalid, false);
  }

  private static Arbitrary<Mutation> just(
      String description, JsonNode value, boolean invalid, boolean presence) {
    return Arbitraries.just(new Mutation(description, current -> value, invalid, presence));
  }

  private static Arbitrary<Mutation> derived(
      String description, UnaryOperator<JsonNode> value, boolean invalid) {
    return Arbitraries.just(new Mutation(description, value, invalid, false));
  }

  /** Applies {@code change} to {@code payload} in place. */
  /**
   * One to three of the source's fields, each with one of its {@link #mutations}, in path order;
   * none inside another chosen field (a whole object replaced makes changes inside it meaningless:
   * {@code instrument} wins).
   */
  static Arbitrary<List<Change>> changes(SourceSystem system) {
    List<Field> fields = fields(system);
    Map<Field, Arbitrary<Change>> changesByField = new LinkedHashMap<>();
    for (Field field : fields) {
      changesByField.put(
          field, mutations(system, field).map(mutation -> new Change(field, mutation)));
    }
    return Arbitraries.subsetOf(fields)
        .ofMinSize(1)
        .ofMaxSize(3)
        .map(PayloadGenerators::withoutChildrenOfChangedParents)
        .flatMap(
            chosen ->
                Combinators.combine(chosen.stream().map(changesByField::get).toList())
                    .as(List::copyOf));
  }

  private static List<Field> withoutChildrenOfChangedParents(Set<Field> chosen) {
    Set<String> paths = chosen.stream().map(Field::path).collect(Collectors.toSet());
    return chosen.stream()
        .filter(field -> paths.stream().noneMatch(other -> field.path().startsWith(other + ".")))
        .sorted(Comparator.comparing(Field::path))
        .toList();
  }

  static void apply(ObjectNode payload, Change change) {
    String path = change.field().path();
    int dot = path.lastIndexOf('.');
    JsonNode parent = dot < 0 ? payload : payload.get(path.substring(0, dot));
    String name = path.substring(dot + 1);
    if (!(parent instanceof ObjectNode object)) {
      throw new IllegalStateException("no object to change at " + path);
    }
    JsonNode value = change.mutation().value().apply(object.path(name));
    if (value == null) {
      object.remove(name);
    } else {
      object.set(name, value);
    }
  }

  // ---------------------------------------------------------------- arbitrary JSON

  /** Any JSON value, nested up to a few levels, with the awkward numbers and strings included. */
  static Arbitrary<JsonNode> anyJson() {
    Arbitrary<JsonNode> leaves =
        Arbitraries.oneOf(
            Arbitraries.just(JSON.nullNode()),
            Arbitraries.of(true, false).map(JSON::booleanNode),
            Arbitraries.strings().ofMaxLength(16).map(JSON::textNode),
            Arbitraries.of(
                    "1e999999999",
                    "-0",
                    "NaN",
                    "0.000000001",
                    "20261125-14:30:05",
                    "BUY",
                    "4",
                    "US0378331005",
                    "2026-11-25T14:30:00Z",
                    "XNAS",
                    "USD")
                .map(JSON::textNode),
            Arbitraries.longs().map(JSON::numberNode),
            Arbitraries.bigDecimals().map(JSON::numberNode),
            Arbitraries.of(
                    "1e999999999", "-1e999999999", "1e-999999999", "123456789012345678901234567890")
                .map(text -> JSON.numberNode(new BigDecimal(text))),
            Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 0.1).map(JSON::numberNode));
    return Arbitraries.recursive(
        () -> leaves,
        inner ->
            Arbitraries.oneOf(
                leaves,
                inner.list().ofMaxSize(3).map(items -> (JsonNode) JSON.arrayNode().addAll(items)),
                inner.list().ofMaxSize(3).map(PayloadGenerators::objectOf)),
        0,
        2);
  }

  private static JsonNode objectOf(List<JsonNode> values) {
    ObjectNode object = JSON.objectNode();
    for (int i = 0; i < values.size(); i++) {
      object.set(i == 0 ? "isin" : "f" + i, values.get(i));
    }
    return object;
  }
}

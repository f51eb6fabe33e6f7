package com.tradeprocessing.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.model.Currency;
import com.tradeprocessing.model.Money;
import com.tradeprocessing.model.Price;
import com.tradeprocessing.model.fixtures.EventFixtures;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TradeJsonTest {

  // jqwik logs at INFO that the nested generators have more edge cases than tries, which is
  // expected (edge cases are mixed in, not exhausted). Held in a field: JUL keeps loggers weakly.
  private static final Logger EDGE_CASE_NOTICES = quiet("net.jqwik.engine.properties");

  /**
   * Equal values: numbers by numeric value (a decimal of scale 0 such as {@code 19.9e1} reads back
   * as the integer 199), everything else by {@link JsonNode#equals(Object)}.
   */
  private static final Comparator<JsonNode> SAME_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  /** A typed decimal written as a number and one written as a string. */
  record Amounts(BigDecimal number, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal text) {}

  @Property(tries = 1000)
  void writeValueAsString_anyTreeItReads_shouldWriteItBackUnchanged(
      @ForAll("jsonTexts") String text) throws Exception {
    // GIVEN
    JsonNode tree = TradeJson.mapper().readTree(text);

    // WHEN
    String written = TradeJson.mapper().writeValueAsString(tree);

    // THEN
    JsonNode readBack = TradeJson.mapper().readTree(written);
    assertThat(readBack.equals(SAME_VALUE, tree))
        .as("%s read back from %s", readBack, text)
        .isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"qty\": 1e999999999}    | {\"qty\":1E+999999999}",
        "{\"qty\": 1E-999999999}   | {\"qty\":1E-999999999}",
        "{\"qty\": 2.5e-999999998} | {\"qty\":2.5E-999999998}",
        "{\"px\": 190.250}         | {\"px\":190.250}",
        "{\"qty\": 250}            | {\"qty\":250}"
      })
  void writeValueAsString_treeNumber_shouldBeWrittenAsBigDecimalToStringWrites(
      String text, String expected) throws Exception {
    // GIVEN
    JsonNode tree = TradeJson.mapper().readTree(text);

    // WHEN
    String written = TradeJson.mapper().writeValueAsString(tree);

    // THEN
    assertThat(written).isEqualTo(expected);
  }

  @Test
  void writeValueAsString_primeBrokerPayloadWithHugeQuantity_shouldWriteItBack() throws Exception {
    // GIVEN the payload the validator rejects as INVALID_QUANTITY and the recorder stores raw
    JsonNode detail = EventFixtures.detail("prime-broker_huge-quantity");

    // WHEN
    String written = TradeJson.mapper().writeValueAsString(detail);

    // THEN
    assertThat(TradeJson.mapper().readTree(written)).isEqualTo(detail);
    assertThat(written).contains("\"qty\":1E+999999999");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "1E+2,       100",
    "0.00000001, 0.00000001",
    "1.50,       1.50",
    "-0.3947,    -0.3947",
    "1E+999999999, 1E+999999999"
  })
  void writeValueAsString_typedDecimal_shouldBePlainAsNumberAndAsString(
      BigDecimal value, String expected) throws Exception {
    // GIVEN
    Amounts amounts = new Amounts(value, value);

    // WHEN
    String written = TradeJson.mapper().writeValueAsString(amounts);

    // THEN
    assertThat(written).isEqualTo("{\"number\":" + expected + ",\"text\":\"" + expected + "\"}");
  }

  @Test
  void writeValueAsString_priceAndMoney_shouldBePlainDecimalStrings() throws Exception {
    // GIVEN a price whose toString() notation would be 1E-8
    Price price = Price.of("0.00000001", Currency.parse("USD"));
    Money money = Money.of("12.5", Currency.parse("USD"));

    // WHEN
    String writtenPrice = TradeJson.mapper().writeValueAsString(price);
    String writtenMoney = TradeJson.mapper().writeValueAsString(money);

    // THEN
    assertThat(writtenPrice).isEqualTo("{\"amount\":\"0.00000001\",\"currency\":\"USD\"}");
    assertThat(writtenMoney).isEqualTo("{\"amount\":\"12.50\",\"currency\":\"USD\"}");
  }

  @Provide
  Arbitrary<String> jsonTexts() {
    return values(3);
  }

  private static Arbitrary<String> values(int depth) {
    Arbitrary<String> scalars =
        Arbitraries.oneOf(
            numbers(),
            Arbitraries.strings().ofMaxLength(8).map(TradeJsonTest::quoted),
            Arbitraries.of("true", "false", "null"));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<List<String>> children = values(depth - 1).list().ofMaxSize(4);
    Arbitrary<String> arrays = children.map(items -> "[" + String.join(",", items) + "]");
    Arbitrary<String> objects =
        children.map(
            items -> {
              List<String> members = new ArrayList<>();
              for (int i = 0; i < items.size(); i++) {
                members.add("\"k" + i + "\":" + items.get(i));
              }
              return "{" + String.join(",", members) + "}";
            });
    return Arbitraries.frequencyOf(Tuple.of(3, scalars), Tuple.of(1, arrays), Tuple.of(1, objects));
  }

  /**
   * JSON numbers of any form: sign, integer digits, fraction, exponent up to BigDecimal's range.
   */
  private static Arbitrary<String> numbers() {
    Arbitrary<String> integer =
        Arbitraries.oneOf(
            Arbitraries.just("0"),
            Combinators.combine(
                    Arbitraries.chars().range('1', '9'),
                    Arbitraries.strings().numeric().ofMaxLength(30))
                .as((first, rest) -> first + rest));
    Arbitrary<String> fraction =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30).map(d -> "." + d));
    Arbitrary<String> exponent =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Combinators.combine(
                    Arbitraries.of("e", "E", "e+", "E-", "e-"),
                    Arbitraries.integers().between(0, 999_999_000))
                .as((marker, value) -> marker + value));
    return Combinators.combine(Arbitraries.of("", "-"), integer, fraction, exponent)
        .as((sign, digits, decimals, power) -> sign + digits + decimals + power);
  }

  @Test
  void readTree_anythingPutEventsAccepts_shouldBeReadAndWrittenBack() throws Exception {
    // GIVEN: a detail nested 1,100 levels inside a stage input's two wrapping levels, a decimal
    // of 200,000 digits and a field name of 100,000 characters, all within a PutEvents entry
    String nested = "[".repeat(1100) + "]".repeat(1100);
    String digits = "0." + "1".repeat(200_000);
    String name = "n".repeat(100_000);
    String text =
        "{\"event\":{\"detail\":{\"deep\":"
            + nested
            + ",\"long\":"
            + digits
            + ",\""
            + name
            + "\":1}}}";

    // WHEN
    JsonNode tree = TradeJson.mapper().readTree(text);
    String written = TradeJson.mapper().writeValueAsString(tree);

    // THEN
    assertThat(tree.at("/event/detail/long").decimalValue()).isEqualTo(new BigDecimal(digits));
    assertThat(tree.at("/event/detail").has(name)).isTrue();
    assertThat(written).isEqualTo(text);
  }

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.WARNING);
    return logger;
  }

  /** A JSON string literal, escaped by Jackson. */
  private static String quoted(String text) {
    return TradeJson.mapper().getNodeFactory().textNode(text).toString();
  }
}

package com.tradeprocessing.model.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.Currency;
import com.tradeprocessing.model.Price;
import com.tradeprocessing.model.Quantity;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.model.fixtures.EventFixtures;
import com.tradeprocessing.model.fixtures.TradeFixtures;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OmsTradeAdapterTest {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final OmsTradeAdapter adapter = new OmsTradeAdapter();

  private static ObjectNode valid() {
    return EventFixtures.detailObject(EventFixtures.OMS_VALID);
  }

  @Test
  void sourceSystem_oms_shouldBeOms() {
    // WHEN / THEN
    assertThat(adapter.sourceSystem()).isEqualTo(SourceSystem.OMS);
  }

  @Test
  void adapt_contractSample_shouldMapEveryField() {
    // GIVEN
    ObjectNode detail = valid();

    // WHEN
    Trade trade = adapter.adapt(detail).trade().orElseThrow();

    // THEN
    assertThat(trade.sourceTradeId()).isEqualTo("OMS-20261125-000123");
    assertThat(trade.isin().value()).isEqualTo("US0378331005");
    assertThat(trade.symbol()).isEqualTo("AAPL");
    assertThat(trade.quantity()).isEqualTo(Quantity.of("100"));
    assertThat(trade.price()).isEqualTo(Price.of("189.25", Currency.USD));
    assertThat(trade.venue().value()).isEqualTo("XNAS");
    assertThat(trade.executedAt()).isEqualTo(Instant.parse("2026-11-25T14:30:00.123Z"));
    assertThat(trade.account()).isEqualTo("ACC-001");
    assertThat(trade.trader()).isEqualTo("jdoe");
    assertThat(trade.settlementDate()).isNull();
    assertThat(trade).isEqualTo(TradeFixtures.omsTrade());
  }

  @ParameterizedTest
  @CsvSource({"BUY, BUY", "SELL, SELL"})
  void adapt_side_shouldMapToCanonicalSide(String side, com.tradeprocessing.model.Side expected) {
    // GIVEN
    ObjectNode detail = valid().put("side", side);

    // WHEN / THEN
    assertThat(adapter.adapt(detail).trade().orElseThrow().side()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"buy", "Buy", "B", "1", "SHORT", " BUY"})
  void adapt_otherSide_shouldBeInvalidSide(String side) {
    // WHEN / THEN
    assertThat(problemsWith("side", side)).containsExactly("INVALID_SIDE@side");
  }

  @Test
  void adapt_quantityAndPriceAsJsonNumbers_shouldBeRejectedAsTheContractWantsStrings() {
    // GIVEN
    ObjectNode detail = valid();
    detail.put("quantity", 100);
    detail.put("price", new BigDecimal("189.25"));

    // WHEN
    Adaptation adaptation = adapter.adapt(detail);

    // THEN
    assertThat(Problems.of(adaptation))
        .containsExactly("INVALID_QUANTITY@quantity", "INVALID_PRICE@price");
    assertThat(adaptation.problems().get(0).message()).contains("decimal string");
  }

  @ParameterizedTest
  @CsvSource({
    "189.25,        189.25",
    "189.2500,      189.25",
    "0.00000001,    0.00000001",
    "189.123456780, 189.12345678",
    "999999999999999, 999999999999999",
  })
  void adapt_priceString_shouldBeReadExactly(String price, String expected) {
    // GIVEN
    ObjectNode detail = valid().put("price", price);

    // WHEN
    Trade trade = adapter.adapt(detail).trade().orElseThrow();

    // THEN
    assertThat(trade.price().amount()).isEqualTo(new BigDecimal(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0", "-189.25", "189.123456789", "1.8925E2", "1e999999999", "+189.25", " 189.25", "189.",
        ".25", "189,25", "1 000", "NaN", "Infinity", "0x10", "189.25USD", "1000000000000000"
      })
  void adapt_badPrice_shouldBeInvalidPrice(String price) {
    // GIVEN
    ObjectNode detail = valid().put("price", price);

    // WHEN
    Adaptation adaptation = adapter.adapt(detail);

    // THEN
    assertThat(Problems.of(adaptation)).containsExactly("INVALID_PRICE@price");
    assertThat(adaptation.candidate().price()).isNull();
    assertThat(adaptation.candidate().quantity()).isEqualTo(Quantity.of("100"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0", "0.000", "-100", "abc", "1e999999999", "100.123456789", "1000000000000000"})
  void adapt_badQuantity_shouldBeInvalidQuantity(String quantity) {
    // WHEN / THEN
    assertThat(problemsWith("quantity", quantity)).containsExactly("INVALID_QUANTITY@quantity");
  }

  @Test
  void adapt_fractionalQuantity_shouldBeAccepted() {
    // GIVEN
    ObjectNode detail = valid().put("quantity", "0.12345678");

    // WHEN / THEN
    assertThat(adapter.adapt(detail).trade().orElseThrow().quantity())
        .isEqualTo(Quantity.of("0.12345678"));
  }

  @ParameterizedTest
  @CsvSource({
    "2026-11-25T14:30:00.123Z,       2026-11-25T14:30:00.123Z",
    "2026-11-25T14:30:00.123+00:00,  2026-11-25T14:30:00.123Z",
    "2026-11-25T14:30Z,              2026-11-25T14:30:00Z",
    "2026-11-25T14:30:00.123456789Z, 2026-11-25T14:30:00.123456789Z",
    "2026-11-25t14:30:00.123z,       2026-11-25T14:30:00.123Z", // RFC 3339 allows lower case
  })
  void adapt_utcExecutedAt_shouldBeRead(String executedAt, Instant expected) {
    // GIVEN
    ObjectNode detail = valid().put("executedAt", executedAt);

    // WHEN / THEN
    assertThat(adapter.adapt(detail).trade().orElseThrow().executedAt()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-25T09:30:00.123-05:00", // the same instant, but not in UTC as the contract says
        "2026-11-25T15:30:00.123+01:00",
        "2026-11-25T14:30:00.123", // no offset: ambiguous
        "2026-11-25 14:30:00.123Z",
        "2026-11-31T14:30:00Z",
        "20261125-14:30:00.123",
        "1764081000123",
        "1969-12-31T23:59:59Z",
        "+10000-01-01T00:00:00Z",
        "yesterday"
      })
  void adapt_badExecutedAt_shouldBeInvalidTradeTime(String executedAt) {
    // WHEN / THEN
    assertThat(problemsWith("executedAt", executedAt))
        .containsExactly("INVALID_TRADE_TIME@executedAt");
  }

  @Test
  void adapt_invalidCurrencyWithValidPrice_shouldReportOnlyTheCurrency() {
    // GIVEN
    ObjectNode detail = valid().put("currency", "XAU");

    // WHEN
    Adaptation adaptation = adapter.adapt(detail);

    // THEN
    assertThat(Problems.of(adaptation)).containsExactly("INVALID_CURRENCY@currency");
    assertThat(adaptation.candidate().price()).isNull();
  }

  @Test
  void adapt_zeroDecimalCurrency_shouldKeepThePriceUnrounded() {
    // GIVEN
    ObjectNode detail = valid().put("currency", "JPY").put("price", "2750.5");

    // WHEN
    Trade trade = adapter.adapt(detail).trade().orElseThrow();

    // THEN
    assertThat(trade.price()).isEqualTo(Price.of("2750.5", Currency.parse("JPY")));
  }

  @Test
  void adapt_optionalFieldsAbsentBlankOrNotStrings_shouldYieldTradeWithoutThem() {
    // GIVEN
    ObjectNode detail = valid();
    detail.remove("symbol");
    detail.put("account", "  ");
    detail.put("trader", 42);

    // WHEN
    Trade trade = adapter.adapt(detail).trade().orElseThrow();

    // THEN
    assertThat(trade.symbol()).isNull();
    assertThat(trade.account()).isNull();
    assertThat(trade.trader()).isNull();
  }

  @Test
  void adapt_unknownExtraFields_shouldBeIgnored() {
    // GIVEN
    ObjectNode detail = valid();
    detail.put("strategy", "momentum");
    detail.set("legs", JSON.arrayNode().add(1));

    // WHEN / THEN
    assertThat(adapter.adapt(detail).trade()).contains(TradeFixtures.omsTrade());
  }

  @Test
  void adapt_tradeIdNotAString_shouldBeMissingField() {
    // GIVEN
    ObjectNode detail = valid().put("tradeId", 123);

    // WHEN
    Adaptation adaptation = adapter.adapt(detail);

    // THEN
    assertThat(Problems.of(adaptation)).containsExactly("MISSING_FIELD@tradeId");
    assertThat(adaptation.problems().get(0).message()).contains("must be a string");
  }

  @Test
  void adapt_tradeIdWithPunctuation_shouldBeKeptVerbatim() {
    // GIVEN
    ObjectNode detail = valid().put("tradeId", "OMS/2026:11#25_x.1");

    // WHEN / THEN
    assertThat(adapter.adapt(detail).trade().orElseThrow().sourceTradeId())
        .isEqualTo("OMS/2026:11#25_x.1");
  }

  @Test
  void adapt_tradeIdWithSpaces_shouldBeRejectedAsInvalidTradeIdAndNotRead() {
    // GIVEN
    ObjectNode detail = valid().put("tradeId", " OMS-1 ");

    // WHEN
    Adaptation adaptation = adapter.adapt(detail);

    // THEN
    assertThat(invalidTradeIdMessage(adaptation)).contains("a space U+0020 at position 1");
    assertThat(adaptation.trade()).isEmpty();
  }

  @Test
  void adapt_tradeIdOf3000CharactersWithControlCharacters_shouldQuoteItShortAndPrintable() {
    // GIVEN
    String id = "\u0000OMS\u001f" + "9".repeat(2995);
    ObjectNode detail = valid().put("tradeId", id);

    // WHEN
    Adaptation adaptation = adapter.adapt(detail);

    // THEN
    assertThat(invalidTradeIdMessage(adaptation))
        .startsWith("tradeId: '\\u0000OMS\\u001F99")
        .contains("(3000 characters)", "3000 characters long, more than 64")
        .doesNotContain("\u0000", "\u001f")
        .hasSizeLessThan(200);
  }

  @Test
  void adapt_everyRequiredFieldNullOrBlank_shouldReportEachAsMissing() {
    // GIVEN
    ObjectNode detail = valid();
    detail.putNull("tradeId");
    detail.put("isin", "");
    detail.putNull("side");
    detail.put("quantity", " ");
    detail.putNull("price");
    detail.putNull("currency");
    detail.put("venue", "\t");
    detail.putNull("executedAt");

    // WHEN
    Adaptation adaptation = adapter.adapt(detail);

    // THEN
    assertThat(Problems.of(adaptation))
        .containsExactly(
            "MISSING_FIELD@tradeId",
            "MISSING_FIELD@isin",
            "MISSING_FIELD@side",
            "MISSING_FIELD@quantity",
            "MISSING_FIELD@price",
            "MISSING_FIELD@currency",
            "MISSING_FIELD@venue",
            "MISSING_FIELD@executedAt");
    assertThat(adaptation.candidate().symbol()).isEqualTo("AAPL");
    assertThat(adaptation.candidate().account()).isEqualTo("ACC-001");
  }

  @Test
  void adapt_everyFieldOfTheWrongType_shouldReportEachWithItsOwnCode() {
    // GIVEN
    ObjectNode detail = JSON.objectNode();
    detail.set("tradeId", JSON.arrayNode());
    detail.put("isin", 378331005);
    detail.put("side", true);
    detail.set("quantity", JSON.objectNode());
    detail.put("price", false);
    detail.put("currency", 840);
    detail.set("venue", JSON.arrayNode().add("XNAS"));
    detail.put("executedAt", 1764081000123L);

    // WHEN
    Adaptation adaptation = adapter.adapt(detail);

    // THEN
    assertThat(Problems.of(adaptation))
        .containsExactly(
            "MISSING_FIELD@tradeId",
            "INVALID_ISIN@isin",
            "INVALID_SIDE@side",
            "INVALID_QUANTITY@quantity",
            "INVALID_PRICE@price",
            "INVALID_CURRENCY@currency",
            "INVALID_VENUE@venue",
            "INVALID_TRADE_TIME@executedAt");
  }

  @Test
  void adapt_hugeStrings_shouldBeRejectedWithShortMessages() {
    // GIVEN
    String huge = "9".repeat(1_000_000);
    ObjectNode detail = valid();
    for (String field :
        new String[] {"isin", "side", "quantity", "price", "currency", "venue", "executedAt"}) {
      detail.put(field, huge);
    }

    // WHEN
    Adaptation adaptation = adapter.adapt(detail);

    // THEN
    assertThat(adaptation.problems()).hasSize(7);
    assertThat(adaptation.problems())
        .extracting(ValidationProblem::message)
        .allSatisfy(message -> assertThat(message).hasSizeLessThan(200));
  }

  @Test
  void adapt_nullDetail_shouldBeMalformedPayloadOfTheOms() {
    // GIVEN
    JsonNode detail = null;

    // WHEN
    Adaptation adaptation = adapter.adapt(detail);

    // THEN
    assertThat(Problems.of(adaptation)).containsExactly("MALFORMED_PAYLOAD@");
    assertThat(adaptation.candidate().sourceSystem()).isEqualTo(SourceSystem.OMS);
  }

  /** The problems of the valid payload with {@code field} set to the string {@code value}. */
  private List<String> problemsWith(String field, String value) {
    return Problems.of(adapter.adapt(valid().put(field, value)));
  }

  /**
   * Asserts that the one problem is {@code INVALID_TRADE_ID} on {@code tradeId} and that the id was
   * not read; answers the problem's message.
   */
  private static String invalidTradeIdMessage(Adaptation adaptation) {
    assertThat(adaptation.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.code()).isEqualTo(ReasonCode.INVALID_TRADE_ID);
              assertThat(problem.field()).isEqualTo("tradeId");
            });
    assertThat(adaptation.candidate().sourceTradeId()).isNull();
    return adaptation.problems().get(0).message();
  }
}

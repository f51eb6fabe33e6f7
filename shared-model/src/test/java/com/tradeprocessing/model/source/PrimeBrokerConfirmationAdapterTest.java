package com.tradeprocessing.model.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.Quantity;
import com.tradeprocessing.model.Side;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.fixtures.EventFixtures;
import com.tradeprocessing.model.fixtures.TradeFixtures;
import com.tradeprocessing.model.json.TradeJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrimeBrokerConfirmationAdapterTest {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final PrimeBrokerConfirmationAdapter adapter = new PrimeBrokerConfirmationAdapter();

  private static ObjectNode valid() {
    return EventFixtures.detailObject(EventFixtures.PRIME_BROKER_VALID);
  }

  @Test
  void sourceSystem_primeBroker_shouldBePrimeBroker() {
    // WHEN / THEN
    assertThat(adapter.sourceSystem()).isEqualTo(SourceSystem.PRIME_BROKER);
  }

  @Test
  void adapt_contractSample_shouldMapEveryField() {
    // GIVEN
    ObjectNode detail = valid();

    // WHEN
    Trade trade = adapter.adapt(detail).trade().orElseThrow();

    // THEN
    assertThat(trade.sourceTradeId()).isEqualTo("PB-77120");
    assertThat(trade.isin().value()).isEqualTo("GB00BH4HKS39");
    assertThat(trade.symbol()).isEqualTo("VOD");
    assertThat(trade.side()).isEqualTo(Side.SELL);
    assertThat(trade.quantity()).isEqualTo(Quantity.of("250"));
    assertThat(trade.price().amount()).isEqualTo(new BigDecimal("0.7012"));
    assertThat(trade.executedAt()).isEqualTo(Instant.parse("2026-11-25T14:30:00.123Z"));
    assertThat(trade.settlementDate()).isEqualTo(LocalDate.parse("2026-11-26"));
    assertThat(trade.account()).isNull();
    assertThat(trade).isEqualTo(TradeFixtures.primeBrokerTrade());
  }

  @ParameterizedTest
  @CsvSource({"B, BUY", "S, SELL"})
  void adapt_direction_shouldMapToCanonicalSide(String direction, Side expected) {
    // GIVEN
    ObjectNode detail = valid().put("direction", direction);

    // WHEN / THEN
    assertThat(adapter.adapt(detail).trade().orElseThrow().side()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"b", "s", "BUY", "SELL", "X"})
  void adapt_otherDirection_shouldBeInvalidSide(String direction) {
    // GIVEN
    ObjectNode detail = valid().put("direction", direction);

    // WHEN / THEN
    assertThat(Problems.of(adapter.adapt(detail))).containsExactly("INVALID_SIDE@direction");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "250            | 250",
        "\"250\"        | 250",
        "250.0          | 250",
        "250.5          | 250.5",
        "\"0.00000001\" | 0.00000001",
        "1e3            | 1000",
        "123456789012345 | 123456789012345",
      })
  void adapt_qtyAsNumberOrString_shouldBeReadExactly(String qtyJson, String expected)
      throws Exception {
    // GIVEN
    ObjectNode detail = valid();
    detail.set("qty", TradeJson.mapper().readTree(qtyJson));

    // WHEN / THEN
    assertThat(adapter.adapt(detail).trade().orElseThrow().quantity())
        .isEqualTo(Quantity.of(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "-250",
        "\"-250\"",
        "250.123456789",
        "1e999999999",
        "-1e999999999",
        "1e-999999999",
        "1234567890123456",
        "true",
        "[250]",
        "{\"value\":250}",
        "\"250 shares\"",
        "\"1e3\""
      })
  void adapt_badQty_shouldBeInvalidQuantity(String qtyJson) throws Exception {
    // WHEN / THEN
    assertThat(problemsWithJson("qty", qtyJson)).containsExactly("INVALID_QUANTITY@qty");
  }

  @Test
  void adapt_pxAsJsonNumber_shouldBeReadExactlyWithoutABinaryFloat() throws Exception {
    // GIVEN 0.1 has no exact double; read through a double it would not equal 0.1
    ObjectNode detail = valid();
    detail.set("px", TradeJson.mapper().readTree("0.10000000"));

    // WHEN
    Trade trade = adapter.adapt(detail).trade().orElseThrow();

    // THEN
    assertThat(trade.price().amount()).isEqualTo(new BigDecimal("0.1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0.7012", "0.701234567", "\"0,7012\"", "\"NaN\"", "false"})
  void adapt_badPx_shouldBeInvalidPrice(String pxJson) throws Exception {
    // WHEN / THEN
    assertThat(problemsWithJson("px", pxJson)).containsExactly("INVALID_PRICE@px");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void adapt_nonFiniteDoublePx_shouldBeInvalidPrice(double px) {
    // GIVEN a tree built by code rather than parsed, which can hold a double
    ObjectNode detail = valid().put("px", px);

    // WHEN / THEN
    assertThat(Problems.of(adapter.adapt(detail))).containsExactly("INVALID_PRICE@px");
  }

  @ParameterizedTest
  @CsvSource({
    "0,               1970-01-01T00:00:00Z",
    "1795617000123,   2026-11-25T14:30:00.123Z",
    "253402300799999, 9999-12-31T23:59:59.999Z",
  })
  void adapt_epochMillis_shouldBeReadAsUtc(long millis, Instant expected) {
    // GIVEN
    ObjectNode detail = valid().put("tradeTime", millis);

    // WHEN / THEN
    assertThat(adapter.adapt(detail).trade().orElseThrow().executedAt()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"1795617000123\"", "\"2026-11-25T14:30:00.123Z\"", "1795617000123.5", "1.795617000123E12",
        "-1", "253402300800000", "99999999999999999999999", "true"
      })
  void adapt_badTradeTime_shouldBeInvalidTradeTime(String tradeTimeJson) throws Exception {
    // WHEN / THEN
    assertThat(problemsWithJson("tradeTime", tradeTimeJson))
        .containsExactly("INVALID_TRADE_TIME@tradeTime");
  }

  @Test
  void adapt_tradeTimeAsBigInteger_shouldBeReadWhenItFits() {
    // GIVEN
    ObjectNode detail = valid().put("tradeTime", BigInteger.valueOf(1795617000123L));

    // WHEN / THEN
    assertThat(adapter.adapt(detail).trade().orElseThrow().executedAt())
        .isEqualTo(TradeFixtures.PRIME_BROKER_EXECUTED_AT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"26/11/2026\"",
        "\"2026-02-30\"",
        "\"20261126\"",
        "20261126",
        "\"2026-11-26T00:00:00Z\"",
        "\"+2026-11-26\"",
        "{}"
      })
  void adapt_badSettlementDate_shouldBeInvalidSettlementDate(String dateJson) throws Exception {
    // GIVEN
    ObjectNode detail = valid();
    detail.set("settlementDate", TradeJson.mapper().readTree(dateJson));

    // WHEN
    Adaptation adaptation = adapter.adapt(detail);

    // THEN
    assertThat(Problems.of(adaptation)).containsExactly("INVALID_SETTLEMENT_DATE@settlementDate");
    assertThat(adaptation.candidate().settlementDate()).isNull();
    assertThat(adaptation.candidate().toTrade()).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "\"\"", "\"  \""})
  void adapt_settlementDateNullOrBlank_shouldBeAbsent(String dateJson) throws Exception {
    // GIVEN
    ObjectNode detail = valid();
    detail.set("settlementDate", TradeJson.mapper().readTree(dateJson));

    // WHEN / THEN
    assertThat(adapter.adapt(detail).trade().orElseThrow().settlementDate()).isNull();
  }

  @Test
  void adapt_instrumentMissing_shouldReportItsIsinMissing() {
    // GIVEN
    ObjectNode detail = valid();
    detail.remove("instrument");

    // WHEN / THEN
    assertThat(Problems.of(adapter.adapt(detail))).containsExactly("MISSING_FIELD@instrument.isin");
  }

  @Test
  void adapt_instrumentNotAnObject_shouldBeInvalidIsinOnInstrument() {
    // GIVEN
    ObjectNode detail = valid().put("instrument", "GB00BH4HKS39");

    // WHEN
    Adaptation adaptation = adapter.adapt(detail);

    // THEN
    assertThat(Problems.of(adaptation)).containsExactly("INVALID_ISIN@instrument");
    assertThat(adaptation.candidate().symbol()).isNull();
  }

  @Test
  void adapt_instrumentWithoutTicker_shouldYieldTradeWithoutSymbol() {
    // GIVEN
    ObjectNode detail = valid();
    ((ObjectNode) detail.get("instrument")).remove("ticker");

    // WHEN / THEN
    assertThat(adapter.adapt(detail).trade().orElseThrow().symbol()).isNull();
  }

  @Test
  void adapt_everyFieldMissingOrWrong_shouldReportEveryField() {
    // GIVEN
    ObjectNode detail = JSON.objectNode();
    detail.put("confirmationRef", "");
    detail.set("instrument", JSON.objectNode().put("isin", "GB00BH4HKS3"));
    detail.put("direction", 1);
    detail.putNull("qty");
    detail.put("px", "cheap");
    detail.put("ccy", "gbp");
    detail.put("exchange", 1234);
    detail.put("tradeTime", "now");
    detail.put("settlementDate", "T+1");

    // WHEN
    Adaptation adaptation = adapter.adapt(detail);

    // THEN
    assertThat(Problems.of(adaptation))
        .containsExactly(
            "MISSING_FIELD@confirmationRef",
            "INVALID_ISIN@instrument.isin",
            "INVALID_SIDE@direction",
            "MISSING_FIELD@qty",
            "INVALID_PRICE@px",
            "INVALID_CURRENCY@ccy",
            "INVALID_VENUE@exchange",
            "INVALID_TRADE_TIME@tradeTime",
            "INVALID_SETTLEMENT_DATE@settlementDate");
  }

  /** The problems of the valid payload with {@code field} set to the JSON value {@code json}. */
  private List<String> problemsWithJson(String field, String json) throws IOException {
    ObjectNode detail = valid();
    detail.set(field, TradeJson.mapper().readTree(json));
    return Problems.of(adapter.adapt(detail));
  }
}

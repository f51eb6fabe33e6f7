package com.tradeprocessing.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.model.fixtures.TradeFixtures;
import com.tradeprocessing.model.json.TradeJson;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TradeTest {

  static Stream<Trade> fixtureTrades() {
    return Stream.of(
        TradeFixtures.omsTrade(),
        TradeFixtures.fixGatewayTrade(),
        TradeFixtures.primeBrokerTrade(),
        TradeFixtures.aTrade()
            .withQuantity("0.12345678")
            .withPrice("12345678.12345678", Currency.parse("JPY"))
            .withSymbol(null)
            .withAccount(null)
            .withTrader(null)
            .build());
  }

  @ParameterizedTest
  @MethodSource("fixtureTrades")
  void json_trade_shouldRoundTripEqual(Trade trade) throws Exception {
    // WHEN
    String json = TradeJson.mapper().writeValueAsString(trade);
    Trade read = TradeJson.mapper().readValue(json, Trade.class);

    // THEN
    assertThat(read).isEqualTo(trade);
    assertThat(TradeJson.mapper().writeValueAsString(read)).isEqualTo(json);
  }

  @Test
  void json_trade_shouldWriteDecimalsAsStringsAndInstantsAsIso() throws Exception {
    // GIVEN
    Trade trade = TradeFixtures.fixGatewayTrade();

    // WHEN
    JsonNode json = TradeJson.mapper().valueToTree(trade);

    // THEN
    assertThat(json.get("tradeId").textValue()).isEqualTo(trade.tradeId().value());
    assertThat(json.get("sourceSystem").textValue()).isEqualTo("trading.fix-gateway");
    assertThat(json.get("quantity").isTextual()).isTrue();
    assertThat(json.get("quantity").textValue()).isEqualTo("50");
    assertThat(json.get("price").get("amount").isTextual()).isTrue();
    assertThat(json.get("price").get("amount").textValue()).isEqualTo("415.1");
    assertThat(json.get("price").get("currency").textValue()).isEqualTo("USD");
    assertThat(json.get("executedAt").textValue()).isEqualTo("2026-11-25T14:30:05.250Z");
    assertThat(json.get("side").textValue()).isEqualTo("SELL");
    assertThat(json.get("isin").textValue()).isEqualTo("US5949181045");
    assertThat(json.get("venue").textValue()).isEqualTo("XNAS");
  }

  @Test
  void json_tradeWithoutOptionalFields_shouldOmitThem() {
    // GIVEN
    Trade trade = TradeFixtures.fixGatewayTrade();

    // WHEN
    JsonNode json = TradeJson.mapper().valueToTree(trade);

    // THEN
    assertThat(json.has("trader")).isFalse();
    assertThat(json.has("settlementDate")).isFalse();
    assertThat(
            TradeJson.mapper()
                .valueToTree(TradeFixtures.primeBrokerTrade())
                .get("settlementDate")
                .textValue())
        .isEqualTo("2026-11-26");
  }

  @Test
  void new_tradeIdNotDerivedFromSource_shouldThrow() {
    // GIVEN
    Trade trade = TradeFixtures.omsTrade();

    // WHEN / THEN
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                withIdAndPrice(
                    trade,
                    TradeId.of(SourceSystem.FIX_GATEWAY, trade.sourceTradeId()),
                    trade.price()));
  }

  @Test
  void new_missingMandatoryField_shouldThrow() {
    // GIVEN
    Trade trade = TradeFixtures.omsTrade();

    // WHEN / THEN
    assertThatNullPointerException()
        .isThrownBy(() -> withIdAndPrice(trade, trade.tradeId(), null))
        .withMessage("price");
  }

  @Test
  void notional_trade_shouldBeQuantityTimesPriceInMinorUnits() {
    // GIVEN
    Trade trade = TradeFixtures.omsTrade();

    // WHEN / THEN
    assertThat(trade.notional()).isEqualTo(Money.of("18925.00", Currency.USD));
    assertThat(trade.currency()).isEqualTo(Currency.USD);
  }

  /**
   * {@code trade}'s fields under {@code tradeId} and with {@code price}, through the constructor.
   */
  private static Trade withIdAndPrice(Trade trade, TradeId tradeId, Price price) {
    return new Trade(
        tradeId,
        trade.sourceSystem(),
        trade.sourceTradeId(),
        trade.isin(),
        trade.symbol(),
        trade.side(),
        trade.quantity(),
        price,
        trade.venue(),
        trade.executedAt(),
        trade.account(),
        trade.trader(),
        trade.settlementDate());
  }
}

package com.tradeprocessing.model.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.Currency;
import com.tradeprocessing.model.Price;
import com.tradeprocessing.model.Side;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.fixtures.EventFixtures;
import com.tradeprocessing.model.fixtures.TradeFixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FixExecutionReportAdapterTest {

  private final FixExecutionReportAdapter adapter = new FixExecutionReportAdapter();

  private static ObjectNode valid() {
    return EventFixtures.detailObject(EventFixtures.FIX_GATEWAY_VALID);
  }

  @Test
  void sourceSystem_fixGateway_shouldBeFixGateway() {
    // WHEN / THEN
    assertThat(adapter.sourceSystem()).isEqualTo(SourceSystem.FIX_GATEWAY);
  }

  @Test
  void adapt_contractSample_shouldMapEveryTag() {
    // GIVEN
    ObjectNode detail = valid();

    // WHEN
    Trade trade = adapter.adapt(detail).trade().orElseThrow();

    // THEN
    assertThat(trade.sourceTradeId()).isEqualTo("FIX-8841");
    assertThat(trade.isin().value()).isEqualTo("US5949181045");
    assertThat(trade.symbol()).isEqualTo("MSFT");
    assertThat(trade.side()).isEqualTo(Side.SELL);
    assertThat(trade.price()).isEqualTo(Price.of("415.1", Currency.USD));
    assertThat(trade.executedAt()).isEqualTo(Instant.parse("2026-11-25T14:30:05.250Z"));
    assertThat(trade.account()).isEqualTo("ACC-002");
    assertThat(trade.trader()).isNull();
    assertThat(trade).isEqualTo(TradeFixtures.fixGatewayTrade());
  }

  @ParameterizedTest
  @CsvSource({"1, BUY", "2, SELL"})
  void adapt_fixSide_shouldMapToCanonicalSide(String side, Side expected) {
    // GIVEN
    ObjectNode detail = valid().put("Side", side);

    // WHEN / THEN
    assertThat(adapter.adapt(detail).trade().orElseThrow().side()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "6", "3", "BUY", "S", "0"})
  void adapt_otherFixSide_shouldBeInvalidSide(String side) {
    // WHEN / THEN
    assertThat(problemsWith("Side", side)).containsExactly("INVALID_SIDE@Side");
  }

  @Test
  void adapt_sideAsJsonNumber_shouldBeInvalidSide() {
    // GIVEN
    ObjectNode detail = valid().put("Side", 1);

    // WHEN / THEN
    assertThat(Problems.of(adapter.adapt(detail))).containsExactly("INVALID_SIDE@Side");
  }

  @ParameterizedTest
  @CsvSource({
    "20261125-14:30:05,           2026-11-25T14:30:05Z",
    "20261125-14:30:05.250,       2026-11-25T14:30:05.250Z",
    "20261125-14:30:05.250123,    2026-11-25T14:30:05.250123Z",
    "20261125-14:30:05.250123456, 2026-11-25T14:30:05.250123456Z",
    "20240229-23:59:59.999,       2024-02-29T23:59:59.999Z",
  })
  void adapt_utcTimestamp_shouldBeReadAsUtc(String transactTime, Instant expected) {
    // GIVEN
    ObjectNode detail = valid().put("TransactTime", transactTime);

    // WHEN / THEN
    assertThat(adapter.adapt(detail).trade().orElseThrow().executedAt()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-25T14:30:05.250Z",
        "20261125 14:30:05.250",
        "20261125-14:30:05.25",
        "20261125-14:30:05.2501",
        "20261125-14:30",
        "20261131-14:30:05",
        "20250229-14:30:05",
        "20261125-24:00:00",
        "20261125-14:60:00",
        "20261125-14:30:60",
        "19691231-23:59:59",
        "20261125-14:30:05.250+01:00",
        "1795617005250"
      })
  void adapt_badTransactTime_shouldBeInvalidTradeTime(String transactTime) {
    // WHEN / THEN
    assertThat(problemsWith("TransactTime", transactTime))
        .containsExactly("INVALID_TRADE_TIME@TransactTime");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2", "8", "A", "104"})
  void adapt_securityIdSourceNotIsin_shouldBeInvalidIsinOnTheSourceTag(String source) {
    // GIVEN a CUSIP, SEDOL or other identifier in SecurityID
    ObjectNode detail = valid().put("SecurityIDSource", source).put("SecurityID", "594918104");

    // WHEN
    Adaptation adaptation = adapter.adapt(detail);

    // THEN
    assertThat(Problems.of(adaptation)).containsExactly("INVALID_ISIN@SecurityIDSource");
    assertThat(adaptation.candidate().isin()).isNull();
  }

  @Test
  void adapt_securityIdSourceAsJsonNumber_shouldBeInvalidIsin() {
    // GIVEN
    ObjectNode detail = valid().put("SecurityIDSource", 4);

    // WHEN / THEN
    assertThat(Problems.of(adapter.adapt(detail))).containsExactly("INVALID_ISIN@SecurityIDSource");
  }

  @Test
  void adapt_securityIdSourceMissing_shouldNotTrustTheSecurityId() {
    // GIVEN
    ObjectNode detail = valid();
    detail.remove("SecurityIDSource");

    // WHEN
    Adaptation adaptation = adapter.adapt(detail);

    // THEN
    assertThat(Problems.of(adaptation)).containsExactly("MISSING_FIELD@SecurityIDSource");
    assertThat(adaptation.candidate().isin()).isNull();
  }

  @Test
  void adapt_securityIdAndItsSourceBothWrong_shouldReportBoth() {
    // GIVEN
    ObjectNode detail = valid().put("SecurityIDSource", "1");
    detail.remove("SecurityID");

    // WHEN / THEN
    assertThat(Problems.of(adapter.adapt(detail)))
        .containsExactly("INVALID_ISIN@SecurityIDSource", "MISSING_FIELD@SecurityID");
  }

  @Test
  void adapt_lastQtyAndLastPxAsJsonNumbers_shouldBeRejectedAsFixValuesAreStrings() {
    // GIVEN
    ObjectNode detail = valid().put("LastQty", 50).put("LastPx", 415.10);

    // WHEN / THEN
    assertThat(Problems.of(adapter.adapt(detail)))
        .containsExactly("INVALID_QUANTITY@LastQty", "INVALID_PRICE@LastPx");
  }

  @Test
  void adapt_optionalTagsAbsent_shouldYieldTradeWithoutThem() {
    // GIVEN
    ObjectNode detail = valid();
    detail.remove("Symbol");
    detail.remove("Account");

    // WHEN
    Trade trade = adapter.adapt(detail).trade().orElseThrow();

    // THEN
    assertThat(trade.symbol()).isNull();
    assertThat(trade.account()).isNull();
  }

  @Test
  void adapt_otherFixTags_shouldBeIgnored() {
    // GIVEN
    ObjectNode detail =
        valid().put("OrdStatus", "2").put("ExecType", "F").put("SettlDate", "20261127");

    // WHEN / THEN
    assertThat(adapter.adapt(detail).trade()).contains(TradeFixtures.fixGatewayTrade());
  }

  @Test
  void adapt_everyTagWrong_shouldReportEveryTag() {
    // GIVEN
    ObjectNode detail = valid();
    detail.putNull("ExecID");
    detail.put("SecurityID", "US5949181040");
    detail.put("Side", "7");
    detail.put("LastQty", "-50");
    detail.put("LastPx", "415.1000000001");
    detail.put("Currency", "DOLLAR");
    detail.put("LastMkt", "xnas");
    detail.put("TransactTime", "25/11/2026 14:30");

    // WHEN
    Adaptation adaptation = adapter.adapt(detail);

    // THEN
    assertThat(Problems.of(adaptation))
        .containsExactly(
            "MISSING_FIELD@ExecID",
            "INVALID_ISIN@SecurityID",
            "INVALID_SIDE@Side",
            "INVALID_QUANTITY@LastQty",
            "INVALID_PRICE@LastPx",
            "INVALID_CURRENCY@Currency",
            "INVALID_VENUE@LastMkt",
            "INVALID_TRADE_TIME@TransactTime");
    assertThat(adaptation.candidate().symbol()).isEqualTo("MSFT");
    assertThat(adaptation.candidate().account()).isEqualTo("ACC-002");
  }

  /** The problems of the valid payload with {@code field} set to the string {@code value}. */
  private List<String> problemsWith(String field, String value) {
    return Problems.of(adapter.adapt(valid().put(field, value)));
  }
}

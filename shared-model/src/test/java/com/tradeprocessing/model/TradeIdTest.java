package com.tradeprocessing.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TradeIdTest {

  // Pinned: compliance records are keyed by these ids, so the derivation must never change.
  @ParameterizedTest
  @CsvSource({
    "OMS,          OMS-20261125-000123, TRD-869ea5d4d46f5840a94387bd496f29c8",
    "FIX_GATEWAY,  FIX-8841,            TRD-e016ed5bc007fd4551e153566c4ba284",
    "PRIME_BROKER, PB-77120,            TRD-6ebfd4a0a803bd343dc9bb6501e9475e",
  })
  void of_sourceTrade_shouldBeTheStableDerivedId(
      SourceSystem source, String sourceTradeId, String expected) {
    // WHEN
    TradeId id = TradeId.of(source, sourceTradeId);

    // THEN
    assertThat(id.value()).isEqualTo(expected);
  }

  @Test
  void of_sameSourceTrade_shouldBeDeterministic() {
    // WHEN
    TradeId first = TradeId.of(SourceSystem.OMS, "OMS-1");
    TradeId second = TradeId.of(SourceSystem.OMS, "OMS-1");

    // THEN
    assertThat(first).isEqualTo(second);
    assertThat(first.value()).matches("TRD-[0-9a-f]{32}");
  }

  @Test
  void of_sameSourceTradeIdFromAnotherSource_shouldDiffer() {
    // WHEN
    TradeId oms = TradeId.of(SourceSystem.OMS, "12345");
    TradeId fix = TradeId.of(SourceSystem.FIX_GATEWAY, "12345");
    TradeId broker = TradeId.of(SourceSystem.PRIME_BROKER, "12345");

    // THEN
    assertThat(oms).isNotEqualTo(fix).isNotEqualTo(broker);
    assertThat(fix).isNotEqualTo(broker);
  }

  @Test
  void of_sourceTradeIdsDifferingOnlyInCaseOrSpace_shouldDiffer() {
    // WHEN / THEN
    assertThat(TradeId.of(SourceSystem.OMS, "oms-1"))
        .isNotEqualTo(TradeId.of(SourceSystem.OMS, "OMS-1"));
    assertThat(TradeId.of(SourceSystem.OMS, "OMS-1 "))
        .isNotEqualTo(TradeId.of(SourceSystem.OMS, "OMS-1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void of_blankSourceTradeId_shouldThrow(String sourceTradeId) {
    // WHEN / THEN
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TradeId.of(SourceSystem.OMS, sourceTradeId));
  }

  @Test
  void parse_value_shouldRoundTrip() {
    // GIVEN
    TradeId id = TradeId.of(SourceSystem.PRIME_BROKER, "PB-1");

    // WHEN / THEN
    assertThat(TradeId.parse(id.toString())).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "TRD-",
        "TRD-869EA5D4D46F5840A94387BD496F29C8",
        "869ea5d4d46f5840a94387bd496f29c8",
        "TRD-869ea5d4d46f5840a94387bd496f29c",
        "OMS-20261125-000123"
      })
  void parse_notATradeId_shouldThrow(String value) {
    // WHEN / THEN
    assertThatIllegalArgumentException().isThrownBy(() -> TradeId.parse(value));
  }
}

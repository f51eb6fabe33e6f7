package com.tradeprocessing.model.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.model.event.TradeEvent;
import com.tradeprocessing.model.fixtures.EventFixtures;
import com.tradeprocessing.model.fixtures.TradeFixtures;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SourceAdaptersTest {

  // Every fixture must appear in one of the tables below (checked after all tests).
  private static final Set<String> COVERED = new HashSet<>();

  @AfterAll
  static void everyFixtureIsCovered() {
    assertThat(COVERED).containsExactlyInAnyOrderElementsOf(EventFixtures.names());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "oms_valid,                          OMS",
    "oms_detail-as-string,               OMS",
    "fix-gateway_valid,                  FIX_GATEWAY",
    "prime-broker_valid,                 PRIME_BROKER",
    "prime-broker_qty-as-string,         PRIME_BROKER",
    "prime-broker_px-as-number,          PRIME_BROKER",
  })
  void adapt_validFixture_shouldYieldTheFixtureTrade(String fixture, SourceSystem system) {
    // GIVEN / WHEN
    Adaptation adaptation = adaptFixture(fixture);

    // THEN
    assertThat(adaptation.problems()).isEmpty();
    assertThat(adaptation.trade()).contains(TradeFixtures.validTradeOf(system));
  }

  @Test
  void adapt_primeBrokerQtyAsDecimalNumber_shouldReadItExactly() {
    // GIVEN / WHEN
    Adaptation adaptation = adaptFixture("prime-broker_qty-as-number");

    // THEN
    assertThat(adaptation.trade())
        .contains(
            TradeFixtures.from(TradeFixtures.primeBrokerTrade()).withQuantity("2500").build());
  }

  @Test
  void adapt_primeBrokerWithoutSettlementDate_shouldYieldTradeWithoutOne() {
    // GIVEN / WHEN
    Adaptation adaptation = adaptFixture("prime-broker_without-settlement-date");

    // THEN
    assertThat(adaptation.trade())
        .contains(
            TradeFixtures.from(TradeFixtures.primeBrokerTrade()).withSettlementDate(null).build());
  }

  @ParameterizedTest(name = "{0}")
  // One payload problem per event fixture: the code its adapter reports and the source field it
  // names (empty for the payload as a whole); the adapters' and the validator's tests share it.
  @CsvFileSource(resources = "/events-payload-problems.csv", numLinesToSkip = 1)
  void adapt_invalidFixture_shouldReportExactlyItsProblem(
      String fixture, ReasonCode code, String field) {
    // GIVEN / WHEN
    Adaptation adaptation = adaptFixture(fixture);

    // THEN
    assertThat(adaptation.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.code()).isEqualTo(code);
              assertThat(problem.field()).isEqualTo(field);
              assertThat(problem.message()).isNotBlank();
            });
    assertThat(adaptation.trade()).isEmpty();
    assertThat(adaptation.isValid()).isFalse();
    assertThat(adaptation.candidate().sourceSystem())
        .isEqualTo(
            SourceSystem.fromEventSource(EventFixtures.tradeEvent(fixture).source()).orElseThrow());
  }

  @Test
  void adapt_severalBadFields_shouldReportEveryOneAndKeepTheGoodOnes() {
    // GIVEN / WHEN
    Adaptation adaptation = adaptFixture("oms_multiple-problems");

    // THEN
    assertThat(adaptation.problems())
        .extracting(ValidationProblem::code, ValidationProblem::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ReasonCode.INVALID_ISIN, "isin"),
            org.assertj.core.groups.Tuple.tuple(ReasonCode.INVALID_QUANTITY, "quantity"),
            org.assertj.core.groups.Tuple.tuple(ReasonCode.MISSING_FIELD, "venue"));
    TradeCandidate candidate = adaptation.candidate();
    assertThat(candidate.sourceTradeId()).isEqualTo("OMS-20261125-000123");
    assertThat(candidate.price()).isEqualTo(TradeFixtures.omsTrade().price());
    assertThat(candidate.executedAt()).isEqualTo(TradeFixtures.OMS_EXECUTED_AT);
    assertThat(candidate.isin()).isNull();
    assertThat(candidate.quantity()).isNull();
    assertThat(candidate.venue()).isNull();
  }

  @Test
  void adapt_unknownSource_shouldBeMalformedWithoutSourceSystem() {
    // GIVEN
    JsonNode detail = EventFixtures.detail(EventFixtures.OMS_VALID);

    // WHEN
    Adaptation adaptation = SourceAdapters.adapt("trading.unknown", detail);

    // THEN
    assertThat(adaptation.problems())
        .extracting(ValidationProblem::code)
        .containsExactly(ReasonCode.MALFORMED_PAYLOAD);
    assertThat(adaptation.problems().get(0).message()).contains("trading.unknown");
    assertThat(adaptation.candidate().sourceSystem()).isNull();
  }

  @Test
  void adapt_nullSource_shouldBeMalformed() {
    // GIVEN
    JsonNode detail = EventFixtures.detail(EventFixtures.OMS_VALID);

    // WHEN
    Adaptation adaptation = SourceAdapters.adapt(null, detail);

    // THEN
    assertThat(adaptation.problems())
        .extracting(ValidationProblem::code)
        .containsExactly(ReasonCode.MALFORMED_PAYLOAD);
  }

  @ParameterizedTest
  @EnumSource(SourceSystem.class)
  void adapt_detailNotAnObject_shouldBeMalformedForTheKnownSource(SourceSystem system) {
    // GIVEN
    List<JsonNode> details =
        List.of(
            NullNode.getInstance(),
            JsonNodeFactory.instance.textNode("{not json"),
            JsonNodeFactory.instance.numberNode(42),
            JsonNodeFactory.instance.arrayNode());

    for (JsonNode detail : details) {
      // WHEN
      Adaptation adaptation = SourceAdapters.adapt(system.eventSource(), detail);

      // THEN
      assertThat(adaptation.problems())
          .extracting(ValidationProblem::code)
          .containsExactly(ReasonCode.MALFORMED_PAYLOAD);
      assertThat(adaptation.candidate().sourceSystem()).isEqualTo(system);
    }
  }

  @ParameterizedTest
  @EnumSource(SourceSystem.class)
  void adapt_missingDetail_shouldBeMalformed(SourceSystem system) {
    // GIVEN
    JsonNode detail = null;

    // WHEN
    Adaptation adaptation = SourceAdapters.adapt(system.eventSource(), detail);

    // THEN
    assertThat(adaptation.problems())
        .extracting(ValidationProblem::code)
        .containsExactly(ReasonCode.MALFORMED_PAYLOAD);
  }

  @ParameterizedTest
  @EnumSource(SourceSystem.class)
  void forSource_eachSystem_shouldReturnItsAdapter(SourceSystem system) {
    // WHEN
    SourceAdapter adapter = SourceAdapters.forSource(system);

    // THEN
    assertThat(adapter.sourceSystem()).isEqualTo(system);
  }

  @ParameterizedTest
  @EnumSource(SourceSystem.class)
  void adapt_emptyObject_shouldReportEveryRequiredFieldMissing(SourceSystem system) {
    // GIVEN
    JsonNode detail = JsonNodeFactory.instance.objectNode();

    // WHEN
    Adaptation adaptation = SourceAdapters.adapt(system.eventSource(), detail);

    // THEN
    List<String> expectedFields =
        switch (system) {
          case OMS ->
              List.of(
                  "tradeId",
                  "isin",
                  "side",
                  "quantity",
                  "price",
                  "currency",
                  "venue",
                  "executedAt");
          case FIX_GATEWAY ->
              List.of(
                  "ExecID",
                  "SecurityIDSource",
                  "SecurityID",
                  "Side",
                  "LastQty",
                  "LastPx",
                  "Currency",
                  "LastMkt",
                  "TransactTime");
          case PRIME_BROKER ->
              List.of(
                  "confirmationRef",
                  "instrument.isin",
                  "direction",
                  "qty",
                  "px",
                  "ccy",
                  "exchange",
                  "tradeTime");
        };
    assertThat(adaptation.problems())
        .allSatisfy(problem -> assertThat(problem.code()).isEqualTo(ReasonCode.MISSING_FIELD))
        .extracting(ValidationProblem::field)
        .containsExactlyElementsOf(expectedFields);
  }

  /** The event fixture {@code name} adapted; the fixture counts as covered by this class. */
  private static Adaptation adaptFixture(String name) {
    COVERED.add(name);
    TradeEvent event = EventFixtures.tradeEvent(name);
    return SourceAdapters.adapt(event.source(), event.detail());
  }
}

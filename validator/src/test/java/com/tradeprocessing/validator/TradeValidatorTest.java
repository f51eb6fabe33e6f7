package com.tradeprocessing.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.TradeId;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.model.event.EventLimits;
import com.tradeprocessing.model.event.TradeEvent;
import com.tradeprocessing.model.fixtures.EventFixtures;
import com.tradeprocessing.validator.rules.RuleSet;
import com.tradeprocessing.validator.thresholds.InvalidThresholdException;
import com.tradeprocessing.validator.thresholds.ValidationThresholds;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TradeValidatorTest {

  private final TradeValidator validator = TestValidators.withDefaults();

  private ValidationResult validate(String fixture) {
    return validator.validate(EventFixtures.tradeEvent(fixture));
  }

  @ParameterizedTest
  @CsvSource({
    "oms_valid,          trading.oms,          OMS-20261125-000123",
    "fix-gateway_valid,  trading.fix-gateway,  FIX-8841",
    "prime-broker_valid, trading.prime-broker, PB-77120",
    "oms_detail-as-string, trading.oms,        OMS-20261125-000123",
  })
  void validate_validEvent_shouldAcceptItWithItsTrade(
      String fixture, String source, String sourceTradeId) {
    // GIVEN
    SourceSystem system = SourceSystem.fromEventSource(source).orElseThrow();

    // WHEN
    ValidationResult result = validate(fixture);

    // THEN
    assertThat(result.isValid()).isTrue();
    assertThat(result.problems()).isEmpty();
    assertThat(result.reasonCodes()).isEmpty();
    assertThat(result.sourceSystem()).isEqualTo(system);
    assertThat(result.sourceTradeId()).isEqualTo(sourceTradeId);
    assertThat(result.tradeId()).isEqualTo(TradeId.of(system, sourceTradeId));
    assertThat(result.trade()).isNotNull();
    assertThat(result.trade().tradeId()).isEqualTo(result.tradeId());
    assertThat(result.ruleSetVersion()).isEqualTo(RuleSet.VERSION);
  }

  /** The payload problems the adapters find, for every source, through the validator. */
  @ParameterizedTest
  // One payload problem per event fixture: the code its adapter reports and the source field it
  // names (empty for the payload as a whole); the adapters' and the validator's tests share it.
  @CsvFileSource(resources = "/events-payload-problems.csv", numLinesToSkip = 1)
  void validate_payloadProblem_shouldReportItsCodeWithoutATrade(
      String fixture, ReasonCode code, String field) {
    // GIVEN / WHEN
    ValidationResult result = validate(fixture);

    // THEN
    assertThat(result.isValid()).isFalse();
    assertThat(result.reasonCodes()).containsExactly(code);
    assertThat(result.problems()).extracting(ValidationProblem::field).containsExactly(field);
    assertThat(result.trade()).isNull();
    assertThat(result.ruleSetVersion()).isEqualTo(RuleSet.VERSION);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "oms_invalid-trade-id",
        "oms_trade-id-too-long",
        "fix-gateway_invalid-trade-id",
        "fix-gateway_trade-id-too-long",
        "prime-broker_invalid-trade-id",
        "prime-broker_trade-id-too-long"
      })
  void validate_tradeIdOfAnotherForm_shouldGiveNeitherTradeIdNorSourceTradeId(String fixture) {
    // GIVEN / WHEN
    ValidationResult result = validate(fixture);

    // THEN: the record is then keyed by the payload's hash, never by the raw id
    assertThat(result.reasonCodes()).containsExactly(ReasonCode.INVALID_TRADE_ID);
    assertThat(result.sourceSystem()).isNotNull();
    assertThat(result.sourceTradeId()).isNull();
    assertThat(result.tradeId()).isNull();
    assertThat(result.problems().get(0).message()).hasSizeLessThan(250).doesNotContain("\u0000");
  }

  @ParameterizedTest
  @CsvSource({
    "oms_valid,          OMS-20261125-000123",
    "fix-gateway_valid,  FIX-8841",
    "prime-broker_valid, PB-77120",
  })
  void validate_detailOneByteAboveTheLimit_shouldRejectItAsEventTooLargeWithoutTheTrade(
      String fixture, String sourceTradeId) {
    // GIVEN: the valid trade with a free-text field padded to one byte above the limit
    ObjectNode event = EventFixtures.event(fixture);
    pad(event, EventLimits.MAX_DETAIL_BYTES + 1);

    // WHEN
    ValidationResult result = validator.validate(TradeEvent.fromJson(event));

    // THEN
    assertThat(result.reasonCodes()).containsExactly(ReasonCode.EVENT_TOO_LARGE);
    assertThat(result.problems().get(0).field()).isEqualTo("detail");
    assertThat(result.problems().get(0).message())
        .isEqualTo("detail: 32769 bytes of JSON, more than the 32768 bytes a trade event may have");
    assertThat(result.trade()).isNull();
    assertThat(result.sourceTradeId()).isEqualTo(sourceTradeId);
    assertThat(result.tradeId()).isEqualTo(TradeId.of(result.sourceSystem(), sourceTradeId));
  }

  @ParameterizedTest
  @ValueSource(strings = {"oms_valid", "fix-gateway_valid", "prime-broker_valid"})
  void validate_detailExactlyAtTheLimit_shouldAcceptIt(String fixture) {
    // GIVEN
    ObjectNode event = EventFixtures.event(fixture);
    pad(event, EventLimits.MAX_DETAIL_BYTES);

    // WHEN
    ValidationResult result = validator.validate(TradeEvent.fromJson(event));

    // THEN
    assertThat(result.isValid()).isTrue();
    assertThat(result.trade()).isNotNull();
  }

  @Test
  void validate_hugeDetailWithOtherProblems_shouldReportTheSizeFirstAndTheRestAfter() {
    // GIVEN
    ObjectNode event = EventFixtures.event(EventFixtures.OMS_VALID);
    ((ObjectNode) event.get("detail")).put("side", "HOLD").put("extra", "x".repeat(200_000));

    // WHEN
    ValidationResult result = validator.validate(TradeEvent.fromJson(event));

    // THEN
    assertThat(result.reasonCodes())
        .containsExactly(ReasonCode.EVENT_TOO_LARGE, ReasonCode.INVALID_SIDE);
    assertThat(result.problems()).allSatisfy(p -> assertThat(p.message()).hasSizeLessThan(200));
  }

  /** Pads the detail's free-text field (OMS trader, FIX Account, prime-broker ticker) to size. */
  private static void pad(ObjectNode event, int bytes) {
    ObjectNode detail = (ObjectNode) event.get("detail");
    ObjectNode holder = detail.has("instrument") ? (ObjectNode) detail.get("instrument") : detail;
    String field = detail.has("trader") ? "trader" : detail.has("Account") ? "Account" : "ticker";
    holder.put(field, "");
    long base = EventLimits.detailBytes(detail);
    holder.put(field, "x".repeat((int) (bytes - base)));
    assertThat(EventLimits.detailBytes(detail)).isEqualTo(bytes);
  }

  /** The codes the validator's own checks decide, for every source, on a payload that maps. */
  @ParameterizedTest
  @CsvSource({
    "oms_quantity-above-max,                  INVALID_QUANTITY,        quantity",
    "oms_notional-above-limit,                NOTIONAL_LIMIT_EXCEEDED, 'quantity,price'",
    "oms_unknown-venue,                       INVALID_VENUE,           venue",
    "oms_future-trade-time,                   FUTURE_TRADE_TIME,       executedAt",
    "oms_stale-trade,                         STALE_TRADE,             executedAt",
    "oms_wrong-detail-type,                   MALFORMED_PAYLOAD,       detail-type",
    "fix-gateway_quantity-above-max,          INVALID_QUANTITY,        LastQty",
    "fix-gateway_notional-above-limit,        NOTIONAL_LIMIT_EXCEEDED, 'LastQty,LastPx'",
    "fix-gateway_unknown-venue,               INVALID_VENUE,           LastMkt",
    "fix-gateway_future-trade-time,           FUTURE_TRADE_TIME,       TransactTime",
    "fix-gateway_stale-trade,                 STALE_TRADE,             TransactTime",
    "fix-gateway_wrong-detail-type,           MALFORMED_PAYLOAD,       detail-type",
    "prime-broker_quantity-above-max,         INVALID_QUANTITY,        qty",
    "prime-broker_notional-above-limit,       NOTIONAL_LIMIT_EXCEEDED, 'qty,px'",
    "prime-broker_unknown-venue,              INVALID_VENUE,           exchange",
    "prime-broker_future-trade-time,          FUTURE_TRADE_TIME,       tradeTime",
    "prime-broker_stale-trade,                STALE_TRADE,             tradeTime",
    "prime-broker_wrong-detail-type,          MALFORMED_PAYLOAD,       detail-type",
  })
  void validate_validatorRuleBroken_shouldReportItsCodeOnTheSourceFieldAndKeepTheTrade(
      String fixture, ReasonCode code, String field) {
    // GIVEN / WHEN
    ValidationResult result = validate(fixture);

    // THEN
    assertThat(result.isValid()).isFalse();
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(code);
              assertThat(p.field()).isEqualTo(field);
              assertThat(p.message()).startsWith(field + ": ");
            });
    assertThat(result.trade()).isNotNull();
    assertThat(result.tradeId()).isEqualTo(result.trade().tradeId());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "oms_quantity-at-max", "oms_notional-at-limit",
        "fix-gateway_quantity-at-max", "fix-gateway_notional-at-limit",
        "prime-broker_quantity-at-max", "prime-broker_notional-at-limit",
      })
  void validate_quantityOrNotionalExactlyAtTheLimit_shouldAccept(String fixture) {
    // GIVEN / WHEN
    ValidationResult result = validate(fixture);

    // THEN
    assertThat(result.problems()).isEmpty();
  }

  static Stream<Arguments> manyProblems() {
    List<ReasonCode> everyKind =
        List.of(
            ReasonCode.MALFORMED_PAYLOAD,
            ReasonCode.INVALID_ISIN,
            ReasonCode.INVALID_QUANTITY,
            ReasonCode.NOTIONAL_LIMIT_EXCEEDED,
            ReasonCode.INVALID_VENUE,
            ReasonCode.FUTURE_TRADE_TIME);
    return Stream.of(
        Arguments.of("oms_many-problems", everyKind),
        Arguments.of("fix-gateway_many-problems", everyKind),
        // 2000000 x GBP 0.7012 stays under the notional limit.
        Arguments.of(
            "prime-broker_many-problems",
            everyKind.stream()
                .filter(code -> code != ReasonCode.NOTIONAL_LIMIT_EXCEEDED)
                .toList()));
  }

  @ParameterizedTest
  @MethodSource("manyProblems")
  void validate_envelopePayloadAndRuleProblemsTogether_shouldReportEveryOne(
      String fixture, List<ReasonCode> codes) {
    // GIVEN / WHEN
    ValidationResult result = validate(fixture);

    // THEN
    assertThat(result.reasonCodes()).containsExactlyElementsOf(codes);
    assertThat(result.problems()).hasSize(codes.size());
    assertThat(result.trade()).isNull();
    assertThat(result.tradeId()).isNotNull();
  }

  @Test
  void validate_missingFieldAndBadValuesInOneOmsTrade_shouldReportEachProblem() {
    // GIVEN
    TradeEvent event = EventFixtures.tradeEvent("oms_multiple-problems");

    // WHEN
    ValidationResult result = validator.validate(event);

    // THEN
    assertThat(result.problems())
        .extracting(ValidationProblem::code, ValidationProblem::field)
        .containsExactly(
            tuple(ReasonCode.INVALID_ISIN, "isin"),
            tuple(ReasonCode.INVALID_QUANTITY, "quantity"),
            tuple(ReasonCode.MISSING_FIELD, "venue"));
  }

  @Test
  void validate_unknownSource_shouldBeMalformedWithNothingRead() {
    // GIVEN
    ObjectNode json = EventFixtures.event(EventFixtures.OMS_VALID);
    json.put("source", "trading.dark-pool");

    // WHEN
    ValidationResult result = validator.validate(TradeEvent.fromJson(json));

    // THEN
    assertThat(result.reasonCodes()).containsExactly(ReasonCode.MALFORMED_PAYLOAD);
    assertThat(result.problems().get(0).message()).contains("trading.dark-pool");
    assertThat(result.sourceSystem()).isNull();
    assertThat(result.tradeId()).isNull();
    assertThat(result.sourceTradeId()).isNull();
    assertThat(result.trade()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        EventFixtures.OMS_VALID,
        EventFixtures.FIX_GATEWAY_VALID,
        EventFixtures.PRIME_BROKER_VALID
      })
  void validate_missingDetailType_shouldBeMalformed(String fixture) {
    // GIVEN
    ObjectNode json = EventFixtures.event(fixture);
    json.remove("detail-type");

    // WHEN
    ValidationResult result = validator.validate(TradeEvent.fromJson(json));

    // THEN
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ReasonCode.MALFORMED_PAYLOAD);
              assertThat(p.field()).isEqualTo("detail-type");
              assertThat(p.message()).contains("missing");
            });
  }

  static Stream<Arguments> nonObjectDetails() {
    List<JsonNode> details =
        List.of(
            NullNode.getInstance(),
            TextNode.valueOf("not json at all"),
            TextNode.valueOf("[1,2]"),
            new DecimalNode(BigDecimal.TEN),
            BooleanNode.TRUE);
    return Stream.of(
            EventFixtures.OMS_VALID,
            EventFixtures.FIX_GATEWAY_VALID,
            EventFixtures.PRIME_BROKER_VALID)
        .flatMap(fixture -> details.stream().map(detail -> Arguments.of(fixture, detail)));
  }

  @ParameterizedTest
  @MethodSource("nonObjectDetails")
  void validate_detailNotAnObject_shouldBeMalformedButKeepTheSource(
      String fixture, JsonNode detail) {
    // GIVEN
    ObjectNode json = EventFixtures.eventWithDetail(fixture, detail);

    // WHEN
    ValidationResult result = validator.validate(TradeEvent.fromJson(json));

    // THEN
    assertThat(result.reasonCodes()).containsExactly(ReasonCode.MALFORMED_PAYLOAD);
    assertThat(result.sourceSystem())
        .isEqualTo(SourceSystem.fromEventSource(EventFixtures.source(fixture)).orElseThrow());
    assertThat(result.tradeId()).isNull();
    assertThat(result.trade()).isNull();
  }

  @Test
  void validate_detailMissing_shouldBeMalformed() {
    // GIVEN
    ObjectNode json = EventFixtures.event(EventFixtures.FIX_GATEWAY_VALID);
    json.remove("detail");

    // WHEN
    ValidationResult result = validator.validate(TradeEvent.fromJson(json));

    // THEN
    assertThat(result.reasonCodes()).containsExactly(ReasonCode.MALFORMED_PAYLOAD);
  }

  @Test
  void validate_notAnEventAtAll_shouldBeMalformed() {
    // GIVEN
    TradeEvent event = TradeEvent.fromJson(TextNode.valueOf("hello"));

    // WHEN
    ValidationResult result = validator.validate(event);

    // THEN
    assertThat(result.reasonCodes()).containsExactly(ReasonCode.MALFORMED_PAYLOAD);
    assertThat(result.sourceSystem()).isNull();
  }

  @Test
  void validate_configuredThresholds_shouldBeTheOnesApplied() {
    // GIVEN
    TradeValidator strict =
        TestValidators.with(
            ValidationThresholds.DEFAULTS
                .withMaxQuantity(new BigDecimal("99"))
                .withKnownVenues(ValidationThresholds.venues("XLON")));

    // WHEN
    ValidationResult result = strict.validate(EventFixtures.tradeEvent(EventFixtures.OMS_VALID));

    // THEN
    assertThat(result.reasonCodes())
        .containsExactly(ReasonCode.INVALID_QUANTITY, ReasonCode.INVALID_VENUE);
  }

  @Test
  void validate_thresholdsUnreadable_shouldFailRatherThanValidate() {
    // GIVEN
    TradeValidator broken =
        new TradeValidator(
            () -> {
              throw new InvalidThresholdException("max-quantity is 'lots'", null);
            },
            TestValidators.CLOCK);

    // WHEN / THEN
    assertThatThrownBy(() -> broken.validate(EventFixtures.tradeEvent(EventFixtures.OMS_VALID)))
        .isInstanceOf(InvalidThresholdException.class);
  }
}

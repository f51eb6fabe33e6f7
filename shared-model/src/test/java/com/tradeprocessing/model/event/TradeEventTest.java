package com.tradeprocessing.model.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.fixtures.EventFixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TradeEventTest {

  @Test
  void fromJson_eventWithObjectDetail_shouldReadEnvelopeAndDetail() {
    // GIVEN
    ObjectNode json = EventFixtures.event(EventFixtures.OMS_VALID);

    // WHEN
    TradeEvent event = TradeEvent.fromJson(json);

    // THEN
    assertThat(event.id()).isEqualTo(json.get("id").textValue());
    assertThat(event.source()).isEqualTo("trading.oms");
    assertThat(event.detailType()).isEqualTo("Trade Executed");
    assertThat(event.time()).isEqualTo(Instant.parse("2026-11-25T14:30:01Z"));
    assertThat(event.detail()).isEqualTo(json.get("detail"));
  }

  @Test
  void fromJson_detailAsJsonString_shouldParseItToTheSameObject() {
    // GIVEN
    ObjectNode json = EventFixtures.event("oms_detail-as-string");

    // WHEN
    TradeEvent event = TradeEvent.fromJson(json);

    // THEN
    assertThat(json.get("detail").isTextual()).isTrue();
    assertThat(event.detail().isObject()).isTrue();
    assertThat(event.detail()).isEqualTo(EventFixtures.detail(EventFixtures.OMS_VALID));
  }

  @Test
  void fromJson_detailStringThatIsNotJson_shouldKeepTheString() {
    // GIVEN
    ObjectNode json =
        EventFixtures.eventWithDetail(
            EventFixtures.OMS_VALID, JsonNodeFactory.instance.textNode("{not json"));

    // WHEN
    TradeEvent event = TradeEvent.fromJson(json);

    // THEN
    assertThat(event.detail().isTextual()).isTrue();
    assertThat(event.detail().textValue()).isEqualTo("{not json");
  }

  @Test
  void fromJson_eventWithoutDetail_shouldHoldJsonNull() {
    // GIVEN
    ObjectNode json = EventFixtures.event(EventFixtures.FIX_GATEWAY_VALID);
    json.remove("detail");

    // WHEN
    TradeEvent event = TradeEvent.fromJson(json);

    // THEN
    assertThat(event.detail().isNull()).isTrue();
    assertThat(event.source()).isEqualTo("trading.fix-gateway");
  }

  @Test
  void fromJson_unreadableEnvelopeFields_shouldBeNull() {
    // GIVEN
    ObjectNode json = EventFixtures.event(EventFixtures.PRIME_BROKER_VALID);
    json.put("time", "yesterday");
    json.put("source", 42);
    json.remove("detail-type");
    json.remove("id");

    // WHEN
    TradeEvent event = TradeEvent.fromJson(json);

    // THEN
    assertThat(event.time()).isNull();
    assertThat(event.source()).isNull();
    assertThat(event.detailType()).isNull();
    assertThat(event.id()).isNull();
    assertThat(event.detail().isObject()).isTrue();
  }

  @Test
  void fromJson_notAnObject_shouldBeAnEmptyEvent() {
    // GIVEN
    JsonNode array = JsonNodeFactory.instance.arrayNode().add(1);

    // WHEN
    TradeEvent fromArray = TradeEvent.fromJson(array);
    TradeEvent fromNull = TradeEvent.fromJson(null);

    // THEN
    for (TradeEvent event : new TradeEvent[] {fromArray, fromNull}) {
      assertThat(event.id()).isNull();
      assertThat(event.source()).isNull();
      assertThat(event.detailType()).isNull();
      assertThat(event.time()).isNull();
      assertThat(event.detail().isNull()).isTrue();
    }
  }
}

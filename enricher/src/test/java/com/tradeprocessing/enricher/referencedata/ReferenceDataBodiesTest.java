package com.tradeprocessing.enricher.referencedata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.enricher.ReferenceDataContractException;
import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.Mic;
import com.tradeprocessing.model.json.TradeJson;
import java.math.BigDecimal;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceDataBodiesTest {

  private static final Isin APPLE = Isin.parse("US0378331005");
  private static final Mic XNAS = Mic.parse("XNAS");

  private static String instrumentWith(Consumer<ObjectNode> change) {
    return modified(ReferenceDataFixtures.instrumentJson(APPLE.value()), change);
  }

  private static String venueWith(Consumer<ObjectNode> change) {
    return modified(ReferenceDataFixtures.venueJson(XNAS.value()), change);
  }

  private static String modified(String json, Consumer<ObjectNode> change) {
    try {
      ObjectNode node = (ObjectNode) TradeJson.mapper().readTree(json);
      change.accept(node);
      return TradeJson.mapper().writeValueAsString(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> invalidInstruments() {
    return Stream.of(
        arguments(
            "symbol missing", instrumentWith(n -> n.remove("symbol")), "missing field symbol"),
        arguments("name blank", instrumentWith(n -> n.put("name", " ")), "name must not be blank"),
        arguments(
            "referencePrice a JSON number",
            instrumentWith(n -> n.put("referencePrice", new BigDecimal("190.00"))),
            "referencePrice must be a JSON string"),
        arguments(
            "referencePrice not a number",
            instrumentWith(n -> n.put("referencePrice", "n/a")),
            "referencePrice is not valid"),
        arguments(
            "referencePrice zero",
            instrumentWith(n -> n.put("referencePrice", "0")),
            "price must be positive"),
        arguments(
            "referencePrice with nine decimals",
            instrumentWith(n -> n.put("referencePrice", "190.123456789")),
            "more than 8 decimals"),
        arguments(
            "referencePriceAsOf not ISO",
            instrumentWith(n -> n.put("referencePriceAsOf", "24/11/2026")),
            "referencePriceAsOf is not valid"),
        arguments(
            "lotSize a string",
            instrumentWith(n -> n.put("lotSize", "100")),
            "lotSize must be a JSON integer"),
        arguments(
            "lotSize zero",
            instrumentWith(n -> n.put("lotSize", 0)),
            "lotSize must be a JSON integer of at least 1"),
        arguments(
            "lotSize fractional",
            instrumentWith(n -> n.put("lotSize", 1.5)),
            "lotSize must be a JSON integer"),
        arguments(
            "isin of another instrument",
            instrumentWith(n -> n.put("isin", "US5949181045")),
            "answered for US5949181045"),
        arguments(
            "isin with a wrong check digit",
            instrumentWith(n -> n.put("isin", "US0378331006")),
            "isin is not valid"),
        arguments(
            "currency not ISO 4217",
            instrumentWith(n -> n.put("currency", "GBX")),
            "currency is not valid"),
        arguments("mic malformed", instrumentWith(n -> n.put("mic", "xnas")), "mic is not valid"),
        arguments(
            "sector a number",
            instrumentWith(n -> n.put("sector", 45)),
            "sector must be a JSON string or null"),
        arguments("an array", "[]", "not a JSON object"),
        arguments("JSON null", "null", "not a JSON object"),
        arguments("not JSON", "Service Unavailable", "the body is not JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidInstruments")
  void instrument_bodyOutsideTheContract_shouldThrowNamingTheProblem(
      String description, String body, String expectedMessage) {
    // WHEN / THEN
    assertThatThrownBy(() -> ReferenceDataBodies.instrument(APPLE, body))
        .isInstanceOf(ReferenceDataContractException.class)
        .hasMessageStartingWith("instrument US0378331005: ")
        .hasMessageContaining(expectedMessage);
  }

  @Test
  void instrument_nullSectorAndUnknownFields_shouldBeRead() {
    // GIVEN
    String body =
        instrumentWith(
            n -> {
              n.putNull("sector");
              n.put("listedSince", "1980-12-12");
            });

    // WHEN
    Instrument instrument = ReferenceDataBodies.instrument(APPLE, body);

    // THEN
    assertThat(instrument.sector()).isNull();
    assertThat(instrument.symbol()).isEqualTo("AAPL");
  }

  static Stream<Arguments> invalidVenues() {
    return Stream.of(
        arguments(
            "timeZone a fixed offset",
            venueWith(n -> n.put("timeZone", "-05:00")),
            "not an offset"),
        arguments(
            "timeZone unknown",
            venueWith(n -> n.put("timeZone", "Mars/Olympus")),
            "timeZone is not valid"),
        arguments(
            "regularOpen without a leading zero",
            venueWith(n -> n.put("regularOpen", "9:30")),
            "regularOpen is not valid"),
        arguments(
            "regularOpen after regularClose",
            venueWith(
                n -> {
                  n.put("regularOpen", "16:00");
                  n.put("regularClose", "09:30");
                }),
            "must be before regularClose"),
        arguments(
            "holidays missing",
            venueWith(n -> n.remove("holidays")),
            "holidays must be a JSON array"),
        arguments(
            "holiday a number",
            venueWith(n -> n.putArray("holidays").add(20261225)),
            "holidays must hold date strings"),
        arguments(
            "holiday not a date",
            venueWith(n -> n.putArray("holidays").add("2026-13-01")),
            "holiday is not an ISO date"),
        arguments(
            "mic of another venue", venueWith(n -> n.put("mic", "XNYS")), "answered for XNYS"),
        arguments("name missing", venueWith(n -> n.remove("name")), "missing field name"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidVenues")
  void venue_bodyOutsideTheContract_shouldThrowNamingTheProblem(
      String description, String body, String expectedMessage) {
    // WHEN / THEN
    assertThatThrownBy(() -> ReferenceDataBodies.venue(XNAS, body))
        .isInstanceOf(ReferenceDataContractException.class)
        .hasMessageStartingWith("venue XNAS: ")
        .hasMessageContaining(expectedMessage);
  }

  @ParameterizedTest
  @ValueSource(strings = {"09:30", "09:30:00"})
  void venue_localTimeWithOrWithoutSeconds_shouldBeRead(String open) {
    // GIVEN
    String body = venueWith(n -> n.put("regularOpen", open));

    // WHEN
    Venue venue = ReferenceDataBodies.venue(XNAS, body);

    // THEN
    assertThat(venue.regularOpen()).hasToString("09:30");
  }
}

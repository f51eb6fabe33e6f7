package com.tradeprocessing.enricher.referencedata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.enricher.ReferenceDataContractException;
import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.Mic;
import com.tradeprocessing.model.json.TradeJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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

  /**
   * The cases of {@code reference-data/contract-violations/<resource>}: each names a body outside
   * the contract, either given whole ({@code body}) or as a patch of top-level fields on the valid
   * {@code fixture} (a field set to {@code null} is removed), and the message expected for it.
   */
  private static Stream<Arguments> violations(String resource, String fixture) {
    String name = "/reference-data/contract-violations/" + resource;
    try (InputStream in = ReferenceDataBodiesTest.class.getResourceAsStream(name)) {
      List<Arguments> cases = new ArrayList<>();
      for (JsonNode violation : TradeJson.mapper().readTree(in)) {
        String body =
            violation.has("body")
                ? violation.get("body").asText()
                : modified(fixture, node -> mergePatch(node, violation.get("patch")));
        cases.add(
            arguments(violation.get("case").asText(), body, violation.get("message").asText()));
      }
      return cases.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(name, e);
    }
  }

  /** Reading fails as a contract violation about {@code subject}, naming the problem. */
  private static void assertOutsideTheContract(
      ThrowingCallable read, String subject, String expectedMessage) {
    assertThatThrownBy(read)
        .isInstanceOf(ReferenceDataContractException.class)
        .hasMessageStartingWith(subject + ": ")
        .hasMessageContaining(expectedMessage);
  }

  private static void mergePatch(ObjectNode target, JsonNode patch) {
    patch
        .properties()
        .forEach(
            field -> {
              if (field.getValue().isNull()) {
                target.remove(field.getKey());
              } else {
                target.set(field.getKey(), field.getValue());
              }
            });
  }

  static Stream<Arguments> invalidInstruments() {
    return violations("instruments.json", ReferenceDataFixtures.instrumentJson(APPLE.value()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidInstruments")
  void instrument_bodyOutsideTheContract_shouldThrowNamingTheProblem(
      String description, String body, String expectedMessage) {
    // WHEN / THEN
    assertOutsideTheContract(
        () -> ReferenceDataBodies.instrument(APPLE, body),
        "instrument US0378331005",
        expectedMessage);
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
    return violations("venues.json", ReferenceDataFixtures.venueJson(XNAS.value()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidVenues")
  void venue_bodyOutsideTheContract_shouldThrowNamingTheProblem(
      String description, String body, String expectedMessage) {
    // WHEN / THEN
    assertOutsideTheContract(
        () -> ReferenceDataBodies.venue(XNAS, body), "venue XNAS", expectedMessage);
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

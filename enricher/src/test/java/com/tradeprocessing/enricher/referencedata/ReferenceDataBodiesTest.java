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
import java.util.function.Function;
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

  /**
   * The cases of {@code reference-data/contract-violations/<resource>}: each names a body outside
   * the contract, either given whole ({@code body}) or as a patch of top-level fields on the valid
   * {@code fixture} (a field set to {@code null} is removed), and the message expected for it. Each
   * case carries the {@code subject} the message starts with and how a body is {@code read}.
   */
  private static Stream<Arguments> violations(
      String resource, String fixture, String subject, Function<String, Object> read) {
    String name = "/reference-data/contract-violations/" + resource;
    try (InputStream in = ReferenceDataBodiesTest.class.getResourceAsStream(name)) {
      List<Arguments> cases = new ArrayList<>();
      for (JsonNode violation : TradeJson.mapper().readTree(in)) {
        String body =
            violation.has("body")
                ? violation.get("body").asText()
                : modified(fixture, node -> mergePatch(node, violation.get("patch")));
        cases.add(
            arguments(
                subject,
                violation.get("case").asText(),
                read,
                body,
                violation.get("message").asText()));
      }
      return cases.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(name, e);
    }
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

  static Stream<Arguments> bodiesOutsideTheContract() {
    return Stream.concat(
        violations(
            "instruments.json",
            ReferenceDataFixtures.instrumentJson(APPLE.value()),
            "instrument US0378331005",
            body -> ReferenceDataBodies.instrument(APPLE, body)),
        violations(
            "venues.json",
            ReferenceDataFixtures.venueJson(XNAS.value()),
            "venue XNAS",
            body -> ReferenceDataBodies.venue(XNAS, body)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("bodiesOutsideTheContract")
  void read_bodyOutsideTheContract_shouldThrowNamingTheProblem(
      String subject,
      String description,
      Function<String, Object> read,
      String body,
      String expectedMessage) {
    // WHEN / THEN
    assertThatThrownBy(() -> read.apply(body))
        .isInstanceOf(ReferenceDataContractException.class)
        .hasMessageStartingWith(subject + ": ")
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

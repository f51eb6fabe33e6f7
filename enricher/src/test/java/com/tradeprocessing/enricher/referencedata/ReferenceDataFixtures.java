package com.tradeprocessing.enricher.referencedata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.Mic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Real venue data (time zones, hours, 2026 holidays) and instruments, as the reference-data API
 * serves them: one JSON file per answer under {@code src/test/resources/reference-data/}.
 */
public final class ReferenceDataFixtures {

  public static final List<String> VENUES = List.of("XNAS", "XNYS", "XLON", "XETR", "XAMS");

  public static final List<String> INSTRUMENTS =
      List.of(
          "US0378331005", // Apple, XNAS, USD 190.00
          "US5949181045", // Microsoft, XNAS
          "US4592001014", // IBM, XNYS
          "GB0009895292", // AstraZeneca, XLON, GBP
          "GB00BH4HKS39", // Vodafone, XLON, GBP 0.7050
          "DE0007164600", // SAP, XETR, EUR
          "NL0010273215"); // ASML, XAMS, EUR

  private ReferenceDataFixtures() {}

  /** The body {@code GET /venues/{mic}} answers. */
  public static String venueJson(String mic) {
    return resource("venues/" + mic + ".json");
  }

  /** The body {@code GET /instruments/{isin}} answers. */
  public static String instrumentJson(String isin) {
    return resource("instruments/" + isin + ".json");
  }

  public static Venue venue(String mic) {
    return ReferenceDataBodies.venue(Mic.parse(mic), venueJson(mic));
  }

  public static Instrument instrument(String isin) {
    return ReferenceDataBodies.instrument(Isin.parse(isin), instrumentJson(isin));
  }

  /** Every fixture instrument and venue, in memory; anything else is not known. */
  public static ReferenceData inMemory() {
    return new ReferenceData() {
      @Override
      public Optional<Instrument> instrument(Isin isin) {
        return INSTRUMENTS.contains(isin.value())
            ? Optional.of(ReferenceDataFixtures.instrument(isin.value()))
            : Optional.empty();
      }

      @Override
      public Optional<Venue> venue(Mic mic) {
        return VENUES.contains(mic.value())
            ? Optional.of(ReferenceDataFixtures.venue(mic.value()))
            : Optional.empty();
      }
    };
  }

  /** Serves every fixture venue and instrument; anything else is WireMock's unmatched 404. */
  public static void serveAll(WireMockExtension api) {
    for (String mic : VENUES) {
      api.stubFor(get(urlEqualTo("/venues/" + mic)).willReturn(json(venueJson(mic))));
    }
    for (String isin : INSTRUMENTS) {
      api.stubFor(get(urlEqualTo("/instruments/" + isin)).willReturn(json(instrumentJson(isin))));
    }
  }

  public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static String resource(String path) {
    String name = "/reference-data/" + path;
    try (InputStream in = ReferenceDataFixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

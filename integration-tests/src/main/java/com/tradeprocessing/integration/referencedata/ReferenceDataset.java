package com.tradeprocessing.integration.referencedata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The instruments and venues the local reference-data API serves, shipped in this module's
 * resources ({@code reference-data/instruments.json}, {@code reference-data/venues.json}) in the
 * bodies of docs/reference-data-api.md.
 */
public record ReferenceDataset(Map<String, JsonNode> instruments, Map<String, JsonNode> venues) {

  public ReferenceDataset {
    instruments = Map.copyOf(instruments);
    venues = Map.copyOf(venues);
  }

  /** The dataset shipped with the project. */
  public static ReferenceDataset shipped() {
    return new ReferenceDataset(
        byKey(read("reference-data/instruments.json"), "isin"),
        byKey(read("reference-data/venues.json"), "mic"));
  }

  public Optional<JsonNode> instrument(String isin) {
    return Optional.ofNullable(instruments.get(isin));
  }

  public Optional<JsonNode> venue(String mic) {
    return Optional.ofNullable(venues.get(mic));
  }

  private static JsonNode read(String resource) {
    try (InputStream in = ReferenceDataset.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no resource " + resource + " on the classpath");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, JsonNode> byKey(JsonNode array, String key) {
    Map<String, JsonNode> entries = new LinkedHashMap<>();
    for (JsonNode entry : array) {
      if (entries.put(entry.path(key).asText(), entry) != null) {
        throw new IllegalStateException("duplicate " + key + " " + entry.path(key).asText());
      }
    }
    return entries;
  }
}

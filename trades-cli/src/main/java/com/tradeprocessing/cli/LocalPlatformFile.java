package com.tradeprocessing.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.Require;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How {@code trades --local} finds a running local platform: {@code make run-local KEEP=1} writes
 * this file (by default {@value #DEFAULT_PATH}) while it keeps the platform up and deletes it when
 * it stops.
 *
 * @param endpoint the embedded emulator's endpoint, every service's
 * @param region the emulator's region
 * @param environment the environment suffix the platform was provisioned with
 * @param accessKeyId the emulator's access key (any key works; moto ignores it)
 * @param secretAccessKey the emulator's secret key
 */
public record LocalPlatformFile(
    URI endpoint, String region, String environment, String accessKeyId, String secretAccessKey) {

  public static final String DEFAULT_PATH = "target/run-local/platform.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public LocalPlatformFile {
    Require.nonNull(
        "endpoint region environment accessKeyId secretAccessKey",
        endpoint,
        region,
        environment,
        accessKeyId,
        secretAccessKey);
  }

  public void write(Path file) throws IOException {
    ObjectNode json = JSON.createObjectNode();
    json.put("endpoint", endpoint.toString());
    json.put("region", region);
    json.put("environment", environment);
    json.put("accessKeyId", accessKeyId);
    json.put("secretAccessKey", secretAccessKey);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, JSON.writeValueAsString(json) + "\n");
  }

  /**
   * Reads the file.
   *
   * @throws TradesException when there is none (no platform kept up) or it is not one
   */
  public static LocalPlatformFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new TradesException(
          "no local platform: "
              + file
              + " does not exist; start one with `make run-local KEEP=1` and leave it running");
    }
    try {
      JsonNode json = JSON.readTree(file.toFile());
      return new LocalPlatformFile(
          URI.create(json.path("endpoint").asText()),
          json.path("region").asText(),
          json.path("environment").asText(),
          json.path("accessKeyId").asText(),
          json.path("secretAccessKey").asText());
    } catch (IOException | RuntimeException e) {
      throw new TradesException(
          file
              + " is not a local platform file ("
              + e.getMessage()
              + "); restart make run-local KEEP=1",
          e);
    }
  }
}

package com.tradeprocessing.cli.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DayExportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  private static StoredRecord record(String tradeId, String status, String recordedAt) {
    ObjectNode attributes = JSON.createObjectNode();
    attributes.put("tradeId", tradeId);
    attributes.put("status", status);
    attributes.put("recordedAt", recordedAt);
    attributes.putArray("reasonCodes");
    attributes.put("rawPayload", "{\"tradeId\":\"" + tradeId + "\"}");
    return new StoredRecord(attributes);
  }

  @Test
  void write_recordsOfADay_shouldWriteFilesInRecordingOrderWithAManifestThatMatchesThem()
      throws Exception {
    // GIVEN three records, read out of order
    List<StoredRecord> records =
        List.of(
            record("TRD-3", "REJECTED", "2026-11-25T10:00:00.003Z"),
            record("TRD-1", "ACCEPTED", "2026-11-25T10:00:00.001Z"),
            record("TRD-2", "ACCEPTED", "2026-11-25T10:00:00.002Z"));

    // WHEN
    DayExport.ExportedFiles files =
        DayExport.write(
            directory,
            "dev",
            LocalDate.parse("2026-11-25"),
            records,
            Map.of("table", "dynamodb-trades-dev"),
            Instant.parse("2026-11-26T08:00:00Z"));

    // THEN
    List<String> csv = Files.readAllLines(files.csv());
    List<String> jsonLines = Files.readAllLines(files.jsonLines());
    assertThat(files.csv().getFileName().toString()).isEqualTo("trades-dev-2026-11-25.csv");
    assertThat(csv.get(0)).startsWith("tradeId,recordKind,");
    assertThat(csv.subList(1, csv.size()))
        .extracting(line -> line.split(",")[0])
        .containsExactly("TRD-1", "TRD-2", "TRD-3");
    assertThat(jsonLines)
        .extracting(line -> JSON.readTree(line).path("tradeId").asText())
        .containsExactly("TRD-1", "TRD-2", "TRD-3");
    JsonNode manifest = JSON.readTree(files.manifest().toFile());
    assertThat(manifest.path("count").asInt()).isEqualTo(3);
    assertThat(manifest.path("statusTotals").path("ACCEPTED").asInt()).isEqualTo(2);
    assertThat(manifest.path("statusTotals").path("REJECTED").asInt()).isEqualTo(1);
    assertThat(manifest.path("source").path("table").asText()).isEqualTo("dynamodb-trades-dev");
    for (JsonNode file : manifest.path("files")) {
      byte[] bytes = Files.readAllBytes(directory.resolve(file.path("name").asText()));
      assertThat(file.path("sha256").asText()).isEqualTo(DayExport.sha256(bytes));
      assertThat(file.path("bytes").asInt()).isEqualTo(bytes.length);
    }
    assertThat(DayExport.sha256("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}

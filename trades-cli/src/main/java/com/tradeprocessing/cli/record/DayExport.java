package com.tradeprocessing.cli.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of one business day a compliance analyst hands on: every record as CSV ({@link
 * RecordColumns#EXPORT}) and as JSON Lines (every attribute, the payload included), in the order
 * they were recorded, and a manifest with the count, the totals per status and the SHA-256 of each
 * file, so the receiver can check that the files are the ones exported and complete.
 */
public final class DayExport {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What was written. */
  public record ExportedFiles(
      Path csv, Path jsonLines, Path manifest, ObjectNode manifestContent) {}

  private DayExport() {}

  /**
   * Writes {@code trades-<env>-<day>.csv}, {@code .jsonl} and {@code .manifest.json} into {@code
   * directory}, replacing files of the same names.
   *
   * @param source where the records were read, for the manifest (table, index, region)
   */
  public static ExportedFiles write(
      Path directory,
      String environment,
      LocalDate day,
      List<StoredRecord> records,
      Map<String, String> source,
      Instant generatedAt) {
    List<StoredRecord> ordered = new ArrayList<>(records);
    ordered.sort(
        Comparator.comparing((StoredRecord r) -> nullToEmpty(r.recordedAt()))
            .thenComparing(r -> nullToEmpty(r.tradeId())));
    String stem = "trades-" + environment + "-" + day;
    Path csv = directory.resolve(stem + ".csv");
    Path jsonLines = directory.resolve(stem + ".jsonl");
    Path manifest = directory.resolve(stem + ".manifest.json");
    try {
      Files.createDirectories(directory);
      StringBuilder csvText = new StringBuilder();
      csvText.append(RecordFormat.CSV.header(RecordColumns.EXPORT)).append("\r\n");
      StringBuilder jsonText = new StringBuilder();
      Map<String, Integer> totals = new TreeMap<>();
      for (StoredRecord record : ordered) {
        csvText.append(RecordFormat.CSV.line(record, RecordColumns.EXPORT)).append("\r\n");
        jsonText.append(RecordFormat.JSONL.line(record, List.of())).append('\n');
        totals.merge(String.valueOf(record.status()), 1, Integer::sum);
      }
      byte[] csvBytes = csvText.toString().getBytes(StandardCharsets.UTF_8);
      byte[] jsonBytes = jsonText.toString().getBytes(StandardCharsets.UTF_8);
      Files.write(csv, csvBytes);
      Files.write(jsonLines, jsonBytes);

      ObjectNode content = JSON.createObjectNode();
      content.put("environment", environment);
      content.put("tradeDate", day.toString());
      content.put("generatedAt", generatedAt.toString());
      ObjectNode from = content.putObject("source");
      source.forEach(from::put);
      content.put("count", ordered.size());
      ObjectNode statusTotals = content.putObject("statusTotals");
      totals.forEach(statusTotals::put);
      ArrayNode files = content.putArray("files");
      files.add(file(csv, csvBytes, ordered.size(), "text/csv"));
      files.add(file(jsonLines, jsonBytes, ordered.size(), "application/jsonl"));
      Files.writeString(manifest, JSON.writeValueAsString(content) + "\n");
      return new ExportedFiles(csv, jsonLines, manifest, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SHA-256 of bytes as 64 lower-case hex digits, as {@code sha256sum} prints it. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE provides SHA-256", e);
    }
  }

  private static ObjectNode file(Path path, byte[] bytes, int records, String mediaType) {
    ObjectNode file = JSON.createObjectNode();
    file.put("name", path.getFileName().toString());
    file.put("mediaType", mediaType);
    file.put("records", records);
    file.put("bytes", bytes.length);
    file.put("sha256", sha256(bytes));
    return file;
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}

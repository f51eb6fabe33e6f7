package com.tradeprocessing.integration.runlocal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.integration.platform.ProjectLayout;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code make run-local} on the shipped samples with the default thresholds, followed by lines too
 * long to ship (a line nested 3,000 levels, a detail nested deeper than PutEvents processes, a
 * trade of 40 KB, an entry above 256 KB, a blank line): every input line gets exactly one result
 * line, in input order, with the status and reasons the samples intend, whatever day it runs.
 */
class RunLocalIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void run_samplesAndHostileLines_shouldGiveEveryLineItsExpectedOutcome() throws Exception {
    // GIVEN
    ProjectLayout layout = ProjectLayout.locate();
    Path directory = layout.root().resolve("integration-tests/target/run-local-it");
    Files.createDirectories(directory);
    List<String> lines =
        new ArrayList<>(Files.readAllLines(layout.root().resolve("samples/trades.jsonl")));
    List<JsonNode> expected = expected();
    addHostileLines(lines, expected);
    Path input = directory.resolve("input.jsonl");
    Files.write(input, lines, StandardCharsets.UTF_8);
    Path output = directory.resolve("results.jsonl");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    // WHEN
    List<EventOutcome> outcomes =
        new RunLocal(new PrintStream(printed, true, StandardCharsets.UTF_8), 40, List.of(), false)
            .run(layout, input, output, 2);

    // THEN
    List<JsonNode> written = new ArrayList<>();
    for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
      written.add(JSON.readTree(line));
    }
    assertThat(written).hasSize(lines.size()).hasSameSizeAs(expected).hasSameSizeAs(outcomes);
    for (int i = 0; i < expected.size(); i++) {
      JsonNode want = expected.get(i);
      JsonNode got = written.get(i);
      assertThat(got.path("line").asInt()).isEqualTo(i + 1).isEqualTo(want.path("line").asInt());
      assertThat(got.path("status").asText())
          .as("line %s", i + 1)
          .isEqualTo(want.path("status").asText());
      assertThat(got.path("reasons")).as("line %s", i + 1).isEqualTo(want.path("reasons"));
      assertThat(got.has("source") && got.has("sourceTradeId") && got.has("tradeId")).isTrue();
    }
    String summary = printed.toString(StandardCharsets.UTF_8);
    assertThat(summary)
        .contains("parameters and thresholds: the defaults of templates/root.json")
        .contains("line 31 MALFORMED: not JSON")
        .contains("line 44 REFUSED_BY_EVENTBRIDGE: Detail is required")
        .containsPattern("total +52 +13 +28 +0 +2 +7 +2 +1\n")
        .containsPattern("\\(no source\\) +3 +0 +0 +0 +0 +1 +2 +0\n")
        .contains("sqs-recorder-dlq-local");
  }

  /**
   * Lines 49 to 53, each with its expected result: generated, since they are too long to read in
   * the samples.
   */
  private static void addHostileLines(List<String> lines, List<JsonNode> expected)
      throws Exception {
    lines.add("");
    expect(expected, 49, "BLANK");
    lines.add("[".repeat(3000) + "]".repeat(3000));
    expect(
        expected,
        50,
        "MALFORMED",
        "not a PutEvents entry {\"Source\", \"DetailType\", \"Detail\"}: a JSON array");
    lines.add(
        "{\"Source\":\"trading.oms\",\"DetailType\":\"Trade Executed\",\"Detail\":{\"deep\":"
            + "[".repeat(1100)
            + "]".repeat(1100)
            + "}}");
    expect(
        expected,
        51,
        "REFUSED_BY_EVENTBRIDGE",
        "Detail nests deeper than the 1100 levels PutEvents processes");
    ObjectNode large = (ObjectNode) JSON.readTree(lines.get(0));
    ((ObjectNode) large.get("Detail"))
        .put("tradeId", "OMS-20261124-000152")
        .put("trader", "x".repeat(40_000));
    lines.add(JSON.writeValueAsString(large));
    expect(expected, 52, "REJECTED", "EVENT_TOO_LARGE");
    ObjectNode huge =
        JSON.createObjectNode()
            .put("Source", "trading.prime-broker")
            .put("DetailType", "Trade Confirmation");
    huge.putObject("Detail")
        .put("confirmationRef", "PB-20261124-553")
        .put("padding", "p".repeat(256 * 1024));
    lines.add(JSON.writeValueAsString(huge));
    int hugeBytes =
        "trading.prime-broker".length()
            + "Trade Confirmation".length()
            + JSON.writeValueAsString(huge.get("Detail")).length();
    expect(
        expected,
        53,
        "REFUSED_BY_EVENTBRIDGE",
        "the entry is " + hugeBytes + " bytes, more than the 262144 PutEvents accepts");
  }

  private static void expect(List<JsonNode> expected, int line, String status, String... reasons) {
    ObjectNode result = JSON.createObjectNode().put("line", line).put("status", status);
    var array = result.putArray("reasons");
    for (String reason : reasons) {
      array.add(reason);
    }
    expected.add(result);
  }

  private static List<JsonNode> expected() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    try (InputStream in =
        RunLocalIT.class.getClassLoader().getResourceAsStream("run-local/trades.expected.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          lines.add(JSON.readTree(line));
        }
      }
    }
    return lines;
  }
}

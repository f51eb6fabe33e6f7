package com.tradeprocessing.integration.runlocal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * {@code make run-local} on the shipped samples: every line ends as the samples intend (one
 * valid trade and one rejection reason per line, the duplicate, the replay, the unrouted events),
 * the malformed line is skipped, and the summary is printed.
 */
class RunLocalIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void run_onTheShippedSamples_shouldGiveEachLineItsExpectedOutcome() throws Exception {
    // GIVEN
    ProjectLayout layout = ProjectLayout.locate();
    Path output = layout.root().resolve("integration-tests/target/run-local-it/results.jsonl");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    // WHEN
    List<EventOutcome> outcomes =
        new RunLocal(new PrintStream(printed, true, StandardCharsets.UTF_8), 40)
            .run(layout, layout.root().resolve("samples/trades.jsonl"), output, 2);

    // THEN
    List<JsonNode> expected = expected();
    List<JsonNode> written = new ArrayList<>();
    for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
      written.add(JSON.readTree(line));
    }
    assertThat(written).hasSameSizeAs(expected).hasSameSizeAs(outcomes);
    for (int i = 0; i < expected.size(); i++) {
      JsonNode want = expected.get(i);
      JsonNode got = written.get(i);
      assertThat(got.path("line").asInt()).isEqualTo(want.path("line").asInt());
      assertThat(got.path("status").asText()).as("line %s", want.path("line")).isEqualTo(want.path("status").asText());
      assertThat(got.path("reasons")).as("line %s", want.path("line")).isEqualTo(want.path("reasons"));
      assertThat(got.has("source") && got.has("sourceTradeId") && got.has("tradeId")).isTrue();
    }
    String summary = printed.toString(StandardCharsets.UTF_8);
    assertThat(summary).contains("line 31 skipped: not JSON");
    assertThat(summary).containsPattern("total +39 +13 +24 +0 +2 +1");
    assertThat(summary).contains("sqs-recorder-dlq-local");
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

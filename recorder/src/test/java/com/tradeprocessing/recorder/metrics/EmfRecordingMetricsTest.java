package com.tradeprocessing.recorder.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.recorder.TradeRecordFixtures;
import com.tradeprocessing.recorder.record.RecordKind;
import com.tradeprocessing.recorder.record.TradeRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.Metrics;

/**
 * The EMF documents written to stdout (AWS_EMF_ENVIRONMENT=Local, set by the build, makes the EMF
 * library print them instead of looking for an agent).
 */
class EmfRecordingMetricsTest {

  private final EmfRecordingMetrics metrics =
      EmfRecordingMetrics.create("TradeProcessing", "recorder");

  @Test
  void recorded_acceptedRecord_shouldEmitOneAcceptedCountByService() {
    // GIVEN
    TradeRecord record = TradeRecordFixtures.accepted();

    // WHEN
    List<JsonNode> documents = emf(() -> metrics.recorded(record));

    // THEN
    assertThat(documents).hasSize(1);
    JsonNode document = documents.get(0);
    assertThat(namespace(document)).isEqualTo("TradeProcessing");
    assertThat(metricNames(document)).containsExactly("Accepted");
    assertThat(dimensionSets(document)).containsExactly(List.of("Service"));
    assertThat(document.get("Service").asText()).isEqualTo("recorder");
    assertThat(document.get("Accepted").asDouble()).isEqualTo(1.0);
    assertThat(document.get("tradeId").asText()).isEqualTo(record.tradeId());
    assertThat(document.get("executionId").asText()).isEqualTo(record.executionId());
  }

  @Test
  void recorded_rejectedRecord_shouldCountItOnceByServiceAndOnceByEachReasonCode() {
    // GIVEN
    TradeRecord record =
        TradeRecordFixtures.withDecision(
            TradeRecordFixtures.accepted(),
            RecordKind.TRADE,
            null,
            List.of(
                ValidationProblem.of(ReasonCode.STALE_TRADE, "executedAt", "too old"),
                ValidationProblem.of(ReasonCode.PRICE_OUT_OF_BAND, "price", "too far")));

    // WHEN
    List<JsonNode> documents = emf(() -> metrics.recorded(record));

    // THEN
    assertThat(documents)
        .extracting(d -> dimensionSets(d).toString() + d.path("ReasonCode").asText())
        .containsExactlyInAnyOrder(
            "[[Service]]",
            "[[Service, ReasonCode]]STALE_TRADE",
            "[[Service, ReasonCode]]PRICE_OUT_OF_BAND");
    assertThat(documents)
        .allSatisfy(
            d -> {
              assertThat(metricNames(d)).containsExactly("Rejected");
              assertThat(d.get("Rejected").asDouble()).isEqualTo(1.0);
              assertThat(d.get("Service").asText()).isEqualTo("recorder");
            });
  }

  @Test
  void recorded_duplicateRecord_shouldCountRejectedAndDuplicate() {
    // GIVEN
    TradeRecord original = TradeRecordFixtures.accepted();
    TradeRecord duplicate =
        TradeRecordFixtures.withDecision(
            original,
            RecordKind.DUPLICATE,
            original.tradeId(),
            List.of(ValidationProblem.of(ReasonCode.DUPLICATE_TRADE, "tradeId", "seen before")));

    // WHEN
    List<JsonNode> documents = emf(() -> metrics.recorded(duplicate));

    // THEN
    assertThat(documents).hasSize(2);
    assertThat(documents)
        .filteredOn(d -> !d.has("ReasonCode"))
        .singleElement()
        .satisfies(
            d -> assertThat(metricNames(d)).containsExactlyInAnyOrder("Rejected", "Duplicate"));
    assertThat(documents)
        .filteredOn(d -> d.has("ReasonCode"))
        .singleElement()
        .satisfies(d -> assertThat(d.get("ReasonCode").asText()).isEqualTo("DUPLICATE_TRADE"));
  }

  @Test
  void replayed_anyRecord_shouldCountOnlyReplayed() {
    // GIVEN
    TradeRecord existing = TradeRecordFixtures.unidentified();

    // WHEN
    List<JsonNode> documents = emf(() -> metrics.replayed(existing));

    // THEN
    assertThat(documents)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(metricNames(d)).containsExactly("Replayed");
              assertThat(dimensionSets(d)).containsExactly(List.of("Service"));
            });
  }

  @Test
  void recorded_metricsBackendFailing_shouldNotFailTheRecording() {
    // GIVEN a metrics instance whose every call throws
    Metrics broken =
        (Metrics)
            Proxy.newProxyInstance(
                Metrics.class.getClassLoader(),
                new Class<?>[] {Metrics.class},
                (proxy, method, args) -> {
                  throw new IllegalStateException("EMF sink down");
                });
    EmfRecordingMetrics failing = new EmfRecordingMetrics(broken);

    // WHEN / THEN
    assertThatCode(() -> failing.recorded(TradeRecordFixtures.accepted()))
        .doesNotThrowAnyException();
    assertThatCode(() -> failing.replayed(TradeRecordFixtures.accepted()))
        .doesNotThrowAnyException();
  }

  /** Runs {@code action} and returns the EMF documents it printed. */
  private static List<JsonNode> emf(Runnable action) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(original);
    }
    List<JsonNode> documents = new ArrayList<>();
    for (String line : buffer.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.contains("\"_aws\"")) {
        try {
          documents.add(TradeJson.mapper().readTree(line));
        } catch (JsonProcessingException e) {
          throw new AssertionError("EMF line is not JSON: " + line, e);
        }
      }
    }
    return documents;
  }

  private static JsonNode directive(JsonNode document) {
    return document.at("/_aws/CloudWatchMetrics/0");
  }

  private static String namespace(JsonNode document) {
    return directive(document).get("Namespace").asText();
  }

  private static List<String> metricNames(JsonNode document) {
    return StreamSupport.stream(directive(document).get("Metrics").spliterator(), false)
        .map(metric -> metric.get("Name").asText())
        .toList();
  }

  private static List<List<String>> dimensionSets(JsonNode document) {
    return StreamSupport.stream(directive(document).get("Dimensions").spliterator(), false)
        .map(set -> StreamSupport.stream(set.spliterator(), false).map(JsonNode::asText).toList())
        .toList();
  }
}

package com.tradeprocessing.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.cli.LocalPlatformFile;
import com.tradeprocessing.cli.Trades;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * The {@code trades} command line end to end on the local platform, as {@code bin/trades --local}
 * runs it against {@code make run-local KEEP=1}: records made by the real pipeline read by key and
 * by every index, a day exported with a manifest that matches its files, a tampered record found by
 * verify, a dead-lettered trade redriven to its record (and refused a second time), an archive
 * window replayed, and the one-line errors of a wrong environment.
 */
@ExtendWith(TestPlatform.class)
class TradesCommandLineIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  private Pipeline pipeline;
  private Path platformFile;

  /** What one command line printed, and its exit code. */
  record Run(int code, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  @BeforeEach
  void writePlatformFile(Pipeline pipeline) throws Exception {
    this.pipeline = pipeline;
    platformFile = directory.resolve("platform.json");
    new LocalPlatformFile(
            pipeline.platform().backend().endpoint(),
            pipeline.platform().backend().region().id(),
            "it",
            "testing",
            "testing")
        .write(platformFile);
  }

  @Test
  void recordsOfThePipeline_readExportedAndVerified_shouldMatchWhatThePipelineRecorded()
      throws Exception {
    // GIVEN an accepted and two rejected trades recorded by the pipeline
    ObjectNode acceptedEvent = priced("190.50");
    ObjectNode rejectedEvent = priced("380.00");
    JsonNode accepted = pipeline.process(acceptedEvent).output().orElseThrow();
    JsonNode rejected = pipeline.process(rejectedEvent).output().orElseThrow();
    pipeline.process(priced("390.00"));
    String acceptedId = accepted.path("tradeId").asText();
    String rejectedId = rejected.path("tradeId").asText();
    Map<String, AttributeValue> rejectedItem = pipeline.record(rejectedId).orElseThrow();
    String day = rejectedItem.get("tradeDate").s();

    // WHEN one record is read by key, and by source and source trade id
    Run byKey = trades("get", rejectedId);
    Run bySource =
        trades(
            "get",
            "--source",
            "oms",
            "--source-id",
            TradeEvents.sourceTradeId(rejectedEvent),
            "--output",
            "json");

    // THEN both show the recorded verdict, and the record is intact
    assertThat(byKey.code()).isZero();
    assertThat(byKey.out())
        .contains(rejectedId)
        .contains("REJECTED")
        .contains("PRICE_OUT_OF_BAND")
        .contains("intact");
    assertThat(bySource.code()).isZero();
    assertThat(JSON.readTree(bySource.out()).path("tradeId").asText()).isEqualTo(rejectedId);

    // AND every index lists them, in the format asked for
    Run rejectedOfDay =
        trades("list", "--status", "REJECTED", "--date", day, "--all", "--output", "jsonl");
    Run byReason =
        trades("list", "--reason", "PRICE_OUT_OF_BAND", "--date", day, "--all", "--output", "csv");
    String executedAt = rejectedItem.get("executedAt").s();
    Run byInstrument =
        trades(
            "list",
            "--isin",
            "US0378331005",
            "--from",
            Instant.parse(executedAt).minus(1, ChronoUnit.HOURS).toString(),
            "--to",
            Instant.parse(executedAt).plus(1, ChronoUnit.HOURS).toString(),
            "--all",
            "--output",
            "table");
    assertThat(tradeIds(rejectedOfDay)).contains(rejectedId).doesNotContain(acceptedId);
    assertThat(byReason.lines().get(0)).startsWith("tradeId,status,reasonCodes");
    assertThat(byReason.out()).contains(rejectedId).doesNotContain(acceptedId);
    assertThat(byInstrument.lines().get(0)).startsWith("tradeId").contains("status");
    assertThat(byInstrument.out()).contains(rejectedId).contains(acceptedId);

    // AND a page of one names the next page, which holds another record
    Run firstPage =
        trades("list", "--status", "REJECTED", "--date", day, "--limit", "1", "--output", "jsonl");
    assertThat(firstPage.lines()).hasSize(1);
    String token = firstPage.err().replaceAll("(?s).*--page (\\S+).*", "$1").trim();
    Run secondPage =
        trades(
            "list",
            "--status",
            "REJECTED",
            "--date",
            day,
            "--limit",
            "1",
            "--page",
            token,
            "--output",
            "jsonl");
    assertThat(secondPage.lines()).hasSize(1);
    assertThat(tradeIds(secondPage)).doesNotContainAnyElementsOf(tradeIds(firstPage));

    // WHEN the day is exported
    Path exportDirectory = directory.resolve("export");
    Run export = trades("export", "--date", day, "--dir", exportDirectory.toString());

    // THEN the manifest counts the records of the files and names their SHA-256
    assertThat(export.code()).isZero();
    JsonNode manifest =
        JSON.readTree(exportDirectory.resolve("trades-it-" + day + ".manifest.json").toFile());
    List<String> jsonLines =
        Files.readAllLines(exportDirectory.resolve("trades-it-" + day + ".jsonl"));
    List<String> csvLines =
        Files.readAllLines(exportDirectory.resolve("trades-it-" + day + ".csv"));
    assertThat(manifest.path("count").asInt()).isEqualTo(jsonLines.size());
    assertThat(csvLines).hasSize(jsonLines.size() + 1);
    assertThat(
            manifest.path("statusTotals").path("ACCEPTED").asInt()
                + manifest.path("statusTotals").path("REJECTED").asInt())
        .isEqualTo(jsonLines.size());
    for (JsonNode file : manifest.path("files")) {
      byte[] bytes = Files.readAllBytes(exportDirectory.resolve(file.path("name").asText()));
      assertThat(file.path("sha256").asText()).isEqualTo(sha256(bytes));
    }
    assertThat(String.join("\n", jsonLines)).contains(acceptedId).contains(rejectedId);

    // AND every record of the day made by the pipeline verifies
    Run clean = trades("verify", "--date", day);
    assertThat(clean.code()).as(clean.out()).isZero();
    assertThat(clean.out()).contains("no findings");

    // WHEN the rejected record's stored payload is changed behind the recorder's back
    String payload = rejectedItem.get("rawPayload").s();
    String tampered = payload.replace("380", "38");
    assertThat(tampered).isNotEqualTo(payload);
    setRawPayload(rejectedId, tampered);
    try {
      Run found = trades("verify", "--date", day);
      Run shown = trades("get", rejectedId);

      // THEN verify names the record and both hashes, and exits 1; get says so too
      assertThat(found.code()).isEqualTo(Trades.FINDING);
      assertThat(found.out())
          .contains(rejectedId + " PAYLOAD_HASH_MISMATCH")
          .contains(rejectedId + " CONTENT_HASH_MISMATCH")
          .doesNotContain(acceptedId + " ");
      assertThat(shown.code()).isEqualTo(Trades.FINDING);
      assertThat(shown.out()).contains("PAYLOAD_HASH_MISMATCH");
    } finally {
      setRawPayload(rejectedId, payload);
    }
  }

  @Test
  void deadLetteredTrade_redrivenFromItsQueue_shouldBeRecordedAndItsMessageDeletedOnce()
      throws Exception {
    // GIVEN a trade dead-lettered by the recorder while the trade store was unreachable
    ObjectNode lost = priced("190.50");
    String tradeId = ReferenceDataFailureIT.tradeIdOf(lost);
    deadLetteredByTheRecorder(lost);

    // WHEN the operator lists the queue and looks at the message
    String messageId = messageIdOf(awaitListed("recorder", tradeId), tradeId);
    Run shown = trades("dlq", "show", "recorder", messageId);

    // THEN the message names its trade, its stage and its error, and holds the original event
    assertThat(shown.code()).isZero();
    assertThat(shown.out())
        .contains("record")
        .contains("TradeStore")
        .contains(tradeId)
        .contains(TradeEvents.sourceTradeId(lost));

    // WHEN it is redriven
    Run redrive = trades("dlq", "redrive", "recorder", messageId);

    // THEN the trade is recorded as a clean delivery would be and the message is gone
    assertThat(redrive.code()).as(redrive.out() + redrive.err()).isZero();
    assertThat(redrive.out()).contains("redriven: " + tradeId + " recorded ACCEPTED");
    assertThat(pipeline.record(tradeId)).isPresent();
    assertThat(trades("dlq", "list", "recorder").out()).doesNotContain(messageId);

    // AND the same trade's message in the executions queue is refused: it is recorded already
    String statusChange = messageIdOf(awaitListed("executions", tradeId), tradeId);
    Run refused = trades("dlq", "redrive", "executions", statusChange);
    assertThat(refused.code()).isEqualTo(Trades.FINDING);
    assertThat(refused.out()).contains("refused: " + tradeId + " is recorded already");
    assertThat(trades("dlq", "list", "executions").out()).contains(statusChange);
    assertThat(pipeline.recordsOf(tradeId)).hasSize(1);
  }

  @Test
  void archiveWindow_replayed_shouldRunItsTradesAgainAndRecordNothingTwice() throws Exception {
    // GIVEN a trade recorded within a window
    Instant from = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
    ObjectNode event = priced("190.50");
    String eventId = pipeline.publish(event);
    String tradeId =
        pipeline.awaitExecution(eventId).output().orElseThrow().path("tradeId").asText();
    Instant to = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
    Thread.sleep(to.toEpochMilli() - Instant.now().toEpochMilli() + 10);

    // WHEN the window is replayed
    Run replay = trades("replay", "--from", from.toString(), "--to", to.toString(), "--poll", "1");

    // THEN the replay completes, its event runs the pipeline again, answered as a replay
    assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
    assertThat(replay.out()).contains("COMPLETED");
    JsonNode replayed = awaitReplayedOutput(TradeEvents.sourceTradeId(event), eventId, from);
    assertThat(replayed.path("tradeId").asText()).isEqualTo(tradeId);
    assertThat(replayed.path("replayed").asBoolean()).isTrue();
    assertThat(pipeline.recordsOf(tradeId)).hasSize(1);
  }

  @Test
  void wrongEnvironment_anyCommand_shouldSayWhatIsWrongInOneLine() {
    // WHEN commands name an environment that does not exist, or a queue that is not one
    Run missingTable =
        trades("list", "--status", "REJECTED", "--date", "2026-11-25", "--env", "nope");
    Run unknownQueue = trades("dlq", "list", "orders");

    // THEN each says in one line what is missing and what to check, without a stack trace
    assertThat(missingTable.code()).isEqualTo(Trades.FAILURE);
    assertThat(missingTable.err().strip())
        .doesNotContain("\n")
        .contains("no table dynamodb-trades-nope")
        .contains("--env");
    assertThat(unknownQueue.code()).isEqualTo(Trades.FAILURE);
    assertThat(unknownQueue.err().strip())
        .doesNotContain("\n")
        .contains("no dead-letter queue orders")
        .contains("recorder");
  }

  private Run trades(String... args) {
    List<String> line = new ArrayList<>(List.of(args));
    line.add("--local");
    line.add("--platform-file");
    line.add(platformFile.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Trades.run(
            line.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static ObjectNode priced(String price) {
    return TradeEvents.with(
        TradeEvents.with(TradeEvents.valid(TradeEvents.OMS), "isin", "US0378331005"),
        "price",
        price);
  }

  /** {@code dlq list} of the queue once it lists the trade (delivery is asynchronous). */
  private Run awaitListed(String queue, String tradeId) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    Run listed = trades("dlq", "list", queue);
    while (!listed.out().contains(tradeId) && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      listed = trades("dlq", "list", queue);
    }
    return listed;
  }

  private static List<String> tradeIds(Run run) throws Exception {
    List<String> ids = new ArrayList<>();
    for (String line : run.lines()) {
      ids.add(JSON.readTree(line).path("tradeId").asText());
    }
    return ids;
  }

  private static String messageIdOf(Run listed, String tradeId) {
    return listed.lines().stream()
        .filter(line -> line.contains(tradeId))
        .map(line -> line.split("\\s+")[0])
        .findFirst()
        .orElseThrow(() -> new AssertionError(tradeId + " not listed:\n" + listed.out()));
  }

  private void setRawPayload(String tradeId, String rawPayload) {
    pipeline
        .platform()
        .clients()
        .dynamoDb()
        .updateItem(
            request ->
                request
                    .tableName(pipeline.deployment().tableName())
                    .key(Map.of("tradeId", AttributeValue.fromS(tradeId)))
                    .updateExpression("SET rawPayload = :p")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(rawPayload))));
  }

  private void deadLetteredByTheRecorder(ObjectNode event) throws Exception {
    String recorder = pipeline.deployment().recorderFunction();
    InetAddress address = pipeline.platform().backend().addressForFunctions();
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, address)) {
      closedPort = socket.getLocalPort();
    }
    Map<String, String> unreachable = new HashMap<>();
    unreachable.put(
        "AWS_ENDPOINT_URL_DYNAMODB",
        "http://" + pipeline.platform().backend().hostForFunctions() + ":" + closedPort);
    try {
      pipeline.platform().updateFunctionEnvironment(recorder, unreachable);
      assertThat(pipeline.process(event).status()).isEqualTo("FAILED");
    } finally {
      Map<String, String> restore = new HashMap<>();
      restore.put("AWS_ENDPOINT_URL_DYNAMODB", null);
      pipeline.platform().updateFunctionEnvironment(recorder, restore);
    }
  }

  /**
   * The output of the execution of the replayed event: the trade's event again, under a new event
   * id (EventBridge gives a replayed event its own id), waited for with a bound.
   */
  private JsonNode awaitReplayedOutput(String sourceTradeId, String originalEventId, Instant since)
      throws Exception {
    var stepFunctions = pipeline.platform().clients().stepFunctions();
    Instant deadline = Instant.now().plus(Pipeline.EXECUTION_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      for (ExecutionListItem execution :
          stepFunctions
              .listExecutions(
                  request ->
                      request
                          .stateMachineArn(pipeline.deployment().stateMachineArn())
                          .maxResults(1000))
              .executions()) {
        if (execution.startDate().isBefore(since) || "RUNNING".equals(execution.statusAsString())) {
          continue;
        }
        var described =
            stepFunctions.describeExecution(
                request -> request.executionArn(execution.executionArn()));
        JsonNode input = JSON.readTree(described.input());
        if (sourceTradeId.equals(input.path("detail").path("tradeId").asText())
            && !originalEventId.equals(input.path("id").asText())) {
          return JSON.readTree(Optional.ofNullable(described.output()).orElse("{}"));
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no finished execution of the replayed " + sourceTradeId);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}

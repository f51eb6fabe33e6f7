package com.tradeprocessing.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.integration.pipeline.BusEvent;
import com.tradeprocessing.integration.pipeline.Execution;
import com.tradeprocessing.integration.pipeline.ExecutionTracker;
import com.tradeprocessing.integration.pipeline.PublishResult;
import com.tradeprocessing.integration.pipeline.TradeEventBus;
import com.tradeprocessing.integration.platform.EmbeddedBackend;
import com.tradeprocessing.integration.platform.LocalPlatform;
import com.tradeprocessing.integration.platform.PlatformSettings;
import com.tradeprocessing.integration.platform.ProjectLayout;
import com.tradeprocessing.integration.referencedata.ReferenceDataFault;
import com.tradeprocessing.integration.runlocal.InputFile;
import com.tradeprocessing.integration.runlocal.InputLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Nothing lost, ever: trade events of the three sources, valid and invalid ({@code
 * samples/generate_trades.py}), run through the whole local pipeline while faults are injected
 * everywhere a trade can fail: the reference-data API answering 5xx, too late or slowly; DynamoDB
 * PutItem throttled or failing; SSM reads throttled; function sandboxes killed or frozen. At the
 * end every input is accounted for exactly once, as a record (ACCEPTED or REJECTED, a replay naming
 * the record it replays) or a dead-letter message carrying the original event and its error; no
 * input is lost and no event is recorded twice.
 *
 * <p>{@code -Dreliability.events=N} sets the number of events (200 by default, the run of {@code
 * make test}; {@code make chaos} runs 10,000). Its figures are printed and written to {@code
 * integration-tests/target/reliability/figures.json}; docs/reliability.md reports a run.
 */
class ReliabilityIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT_LIMIT = Duration.ofMinutes(20);
  private static final int MAX_IN_FLIGHT = 40;
  private static final long SEED = 20261206L;

  /** The source and detail-type pairs the trade rules route (templates/orchestration.json). */
  private static final Set<String> ROUTED =
      Set.of(
          "trading.oms|Trade Executed",
          "trading.fix-gateway|Execution Report",
          "trading.prime-broker|Trade Confirmation");

  /** Share of the calls of each faulty dependency that fail. */
  private static final double FAULT_RATE = 0.05;

  @Test
  void pipeline_underInjectedFaults_shouldRecordOrDeadLetterEveryEventExactlyOnce()
      throws Exception {
    // GIVEN
    int count = Integer.getInteger("reliability.events", 200);
    ProjectLayout layout = ProjectLayout.locate();
    Path work = layout.root().resolve("integration-tests/target/reliability");
    Files.createDirectories(work);
    // The samples also hold lines that are not events (malformed, refused by EventBridge's own
    // rules): generate more lines than events wanted and keep the first `count` events.
    Path input = generate(layout, count * 5 / 4 + 20, work.resolve("events.jsonl"));
    List<BusEvent> events = new ArrayList<>();
    for (InputLine line : InputFile.read(input, Instant.now())) {
      if (events.size() < count) {
        line.event().ifPresent(events::add);
      }
    }
    assertThat(events).as("events generated").hasSize(count);
    Path emulatorFaults = work.resolve("emulator-faults.jsonl");
    Files.deleteIfExists(emulatorFaults);
    PlatformSettings settings = new PlatformSettings("rel", Map.of(), 0.05, 2, work, line -> {});
    Instant started = Instant.now();
    Map<String, Object> figures = new LinkedHashMap<>();
    try (LocalPlatform platform =
        LocalPlatform.start(
            layout,
            settings,
            (l, s) ->
                EmbeddedBackend.start(
                    l,
                    s.workDirectory(),
                    s.retryWaitScale(),
                    s.containersPerFunction(),
                    Map.of("EMULATOR_FAULTS", emulatorFaults(emulatorFaults))))) {
      platform
          .referenceData()
          .injectRandomly(
              FAULT_RATE,
              SEED,
              List.of(
                  ReferenceDataFault.status(500),
                  ReferenceDataFault.status(503),
                  ReferenceDataFault.delay(Duration.ofMillis(3500)),
                  ReferenceDataFault.delay(Duration.ofMillis(800))));
      SandboxFaults sandboxes = new SandboxFaults(work.resolve("tasks"), SEED);

      // WHEN
      Map<String, Integer> byEventId = new HashMap<>();
      List<PublishResult> published;
      ExecutionTracker executions =
          new ExecutionTracker(
              platform.clients().stepFunctions(), platform.deployment().stateMachineArn());
      sandboxes.start();
      try {
        published = publish(platform, events, executions);
        for (int i = 0; i < published.size(); i++) {
          int index = i;
          published.get(i).eventId().ifPresent(id -> byEventId.put(id, index));
        }
        executions.awaitQuiet(WAIT_LIMIT, counts -> {});
      } finally {
        sandboxes.stop();
      }
      // The catch-all rule delivers when an execution ends: give the last ones a moment.
      Thread.sleep(2000);

      // THEN
      Map<String, List<JsonNode>> deadLetters = drainDeadLetterQueues(platform, figures);
      List<Map<String, AttributeValue>> records = scan(platform);
      Map<String, Integer> recordsPerEvent = new HashMap<>();
      records.forEach(record -> recordsPerEvent.merge(record.get("eventId").s(), 1, Integer::sum));
      Map<String, Long> outcomes = new TreeMap<>();
      List<String> lost = new ArrayList<>();
      List<String> recordMismatches = new ArrayList<>();
      Map<String, Map<String, AttributeValue>> recordsByKey = new HashMap<>();
      records.forEach(record -> recordsByKey.put(record.get("tradeId").s(), record));
      int recoveredByRetry = 0;
      for (int i = 0; i < events.size(); i++) {
        PublishResult result = published.get(i);
        if (!result.accepted()) {
          outcomes.merge("refused by PutEvents", 1L, Long::sum);
          lost.add("line " + (i + 1) + " refused: " + result.errorCode().orElse("?"));
          continue;
        }
        String eventId = result.eventId().orElseThrow();
        Optional<Execution> execution = executions.byEventId(eventId);
        if (execution.isPresent() && execution.get().succeeded()) {
          JsonNode output = execution.get().output().orElseThrow();
          Map<String, AttributeValue> record = recordsByKey.get(output.path("tradeId").asText());
          if (record == null || !record.get("status").s().equals(output.path("status").asText())) {
            recordMismatches.add(eventId + " -> " + output);
          }
          outcomes.merge(
              output.path("status").asText()
                  + (output.path("replayed").asBoolean() ? " (replay of an earlier record)" : ""),
              1L,
              Long::sum);
          if (hadFailedAttempts(platform, execution.get().arn())) {
            recoveredByRetry++;
          }
        } else if (deadLetters.containsKey(eventId)) {
          outcomes.merge("dead-lettered", 1L, Long::sum);
        } else if (execution.isEmpty()
            && !ROUTED.contains(events.get(i).source() + "|" + events.get(i).detailType())) {
          // No rule matches it, by design (docs/architecture.md): not a trade event of a source.
          outcomes.merge("matched no rule (not a trade event)", 1L, Long::sum);
        } else {
          lost.add(
              eventId
                  + " "
                  + execution
                      .map(e -> e.status() + " " + e.error().orElse(""))
                      .orElse("no execution"));
        }
      }
      List<String> duplicateRecords =
          recordsPerEvent.entrySet().stream()
              .filter(entry -> entry.getValue() > 1)
              .map(Map.Entry::getKey)
              .toList();
      List<String> foreignRecords =
          recordsPerEvent.keySet().stream().filter(id -> !byEventId.containsKey(id)).toList();

      figures.put("events", events.size());
      figures.put("outcomes", outcomes);
      figures.put("records", records.size());
      figures.put("deadLetteredEvents", deadLetters.size());
      // A sandbox killed after its PutItem: the record exists and the trade is dead-lettered too;
      // redriving it is a replay of that record (docs/trade-record.md), not a second record.
      figures.put(
          "deadLetteredAndAlreadyRecorded",
          deadLetters.keySet().stream().filter(recordsPerEvent::containsKey).count());
      figures.put("recordedAfterAFailedAttempt", recoveredByRetry);
      figures.put("faultsInjected", faultsInjected(platform, emulatorFaults, sandboxes));
      figures.put("lost", lost.size());
      figures.put("duplicateRecords", duplicateRecords.size());
      figures.put("seconds", Duration.between(started, Instant.now()).toSeconds());
      String report = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures);
      Files.writeString(work.resolve("figures.json"), report + "\n", StandardCharsets.UTF_8);
      System.out.println("reliability figures:\n" + report);

      assertThat(lost).as("events neither recorded nor dead-lettered").isEmpty();
      assertThat(recordMismatches).as("outputs without their record").isEmpty();
      assertThat(duplicateRecords).as("events recorded more than once").isEmpty();
      assertThat(foreignRecords).as("records of no input event").isEmpty();
      long accounted = outcomes.values().stream().mapToLong(Long::longValue).sum();
      assertThat(accounted).isEqualTo(events.size());
      assertThat((Map<?, ?>) figures.get("faultsInjected")).as("faults were injected").isNotEmpty();
    }
  }

  private static Path generate(ProjectLayout layout, int count, Path output) throws Exception {
    Process process =
        new ProcessBuilder(
                layout.python().toString(),
                layout.root().resolve("samples/generate_trades.py").toString(),
                Integer.toString(count))
            .redirectOutput(output.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    assertThat(process.waitFor()).as("generate_trades.py exit code").isZero();
    return output;
  }

  private static String emulatorFaults(Path report) {
    ObjectNode faults = JSON.createObjectNode();
    faults.put("seed", SEED);
    faults.put("report", report.toString());
    var rules = faults.putArray("rules");
    rules
        .addObject()
        .put("service", "dynamodb")
        .put("operation", "PutItem")
        .put("rate", FAULT_RATE)
        .putArray("errors")
        .add("ProvisionedThroughputExceededException")
        .add("ThrottlingException")
        .add("InternalServerError");
    for (String operation : List.of("GetParameter", "GetParametersByPath")) {
      rules
          .addObject()
          .put("service", "ssm")
          .put("operation", operation)
          .put("rate", FAULT_RATE)
          .putArray("errors")
          .add("ThrottlingException");
    }
    return faults.toString();
  }

  private static List<PublishResult> publish(
      LocalPlatform platform, List<BusEvent> events, ExecutionTracker executions) {
    TradeEventBus bus =
        new TradeEventBus(platform.clients().eventBridge(), platform.deployment().eventBusName());
    List<PublishResult> results = new ArrayList<>(events.size());
    for (int from = 0; from < events.size(); from += TradeEventBus.BATCH_SIZE) {
      executions.awaitRunningBelow(MAX_IN_FLIGHT, WAIT_LIMIT);
      results.addAll(
          bus.publish(
              events.subList(from, Math.min(events.size(), from + TradeEventBus.BATCH_SIZE))));
    }
    return results;
  }

  /**
   * Every message of every dead-letter queue, by the id of the original event it carries; each
   * message must carry that event and an error.
   */
  private static Map<String, List<JsonNode>> drainDeadLetterQueues(
      LocalPlatform platform, Map<String, Object> figures) throws IOException {
    Map<String, List<JsonNode>> byEventId = new HashMap<>();
    Map<String, Integer> messagesPerQueue = new TreeMap<>();
    Map<String, Integer> lostExecutionsByError = new TreeMap<>();
    for (Map.Entry<String, String> queue : platform.deployment().deadLetterQueueUrls().entrySet()) {
      int messages = 0;
      int emptyReceives = 0;
      while (emptyReceives < 2) {
        List<Message> received =
            Pipeline.receive(platform.clients().sqs(), queue.getValue(), 0, 600);
        if (received.isEmpty()) {
          emptyReceives++;
          continue;
        }
        for (Message message : received) {
          messages++;
          JsonNode body = JSON.readTree(message.body());
          JsonNode event;
          String error;
          if (body.has("stage")) {
            event = body.path("event");
            error = body.path("error").textValue();
          } else {
            JsonNode detail = body.path("detail");
            event = JSON.readTree(detail.path("input").asText("{}"));
            // An ABORTED or TIMED_OUT execution may have no error; its status is then the reason.
            error =
                detail.path("error").isTextual()
                    ? detail.path("error").asText()
                    : detail.path("status").textValue();
            lostExecutionsByError.merge(
                detail.path("status").asText() + " " + error, 1, Integer::sum);
          }
          assertThat(event.path("id").asText())
              .as("original event of a message in " + queue.getKey())
              .isNotBlank();
          assertThat(event.path("detail").isMissingNode())
              .as("detail of the original event in " + queue.getKey())
              .isFalse();
          assertThat(error).as("error of a message in " + queue.getKey()).isNotBlank();
          assertThat(error).isNotEqualTo("null");
          byEventId.computeIfAbsent(event.path("id").asText(), id -> new ArrayList<>()).add(body);
        }
      }
      messagesPerQueue.put(platform.deployment().name(queue.getKey()), messages);
    }
    figures.put("deadLetterMessages", messagesPerQueue);
    figures.put("endedExecutionsByError", lostExecutionsByError);
    return byEventId;
  }

  private static List<Map<String, AttributeValue>> scan(LocalPlatform platform) {
    List<Map<String, AttributeValue>> records = new ArrayList<>();
    platform
        .clients()
        .dynamoDb()
        .scanPaginator(
            request -> request.tableName(platform.deployment().tableName()).consistentRead(true))
        .items()
        .forEach(records::add);
    return records;
  }

  private static boolean hadFailedAttempts(LocalPlatform platform, String executionArn) {
    return platform
        .clients()
        .stepFunctions()
        .getExecutionHistoryPaginator(request -> request.executionArn(executionArn))
        .events()
        .stream()
        .anyMatch(event -> event.type() == HistoryEventType.TASK_FAILED);
  }

  private static Map<String, Integer> faultsInjected(
      LocalPlatform platform, Path emulatorFaults, SandboxFaults sandboxes) throws IOException {
    Map<String, Integer> faults = new TreeMap<>();
    if (Files.exists(emulatorFaults)) {
      for (String line : Files.readAllLines(emulatorFaults)) {
        JsonNode fault = JSON.readTree(line);
        faults.merge(
            fault.path("service").asText()
                + " "
                + fault.path("operation").asText()
                + " "
                + fault.path("error").asText(),
            1,
            Integer::sum);
      }
    }
    faults.put(
        "reference-data API 5xx, timeout or slow answer",
        platform.referenceData().randomFaultsPlayed());
    faults.put("function sandbox killed (SIGKILL)", sandboxes.killed.get());
    faults.put("function sandbox frozen for 20 s (SIGSTOP)", sandboxes.frozen.get());
    return faults;
  }

  /**
   * Kills or freezes a random function sandbox of this platform every few seconds: a crash is a
   * SIGKILL (the invocation fails with Runtime.ExitError), a hang a SIGSTOP for 20 s (the
   * invocation outlives the function's timeout and the host stops the sandbox, as Lambda does).
   * Sandboxes are this platform's when their working directory is under its task roots.
   */
  private static final class SandboxFaults {

    private static final Duration INTERVAL = Duration.ofSeconds(4);
    private static final Duration FROZEN = Duration.ofSeconds(20);

    final AtomicInteger killed = new AtomicInteger();
    final AtomicInteger frozen = new AtomicInteger();
    private final Path taskRoots;
    private final Random random;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final Set<Long> stopped = new HashSet<>();

    SandboxFaults(Path taskRoots, long seed) {
      this.taskRoots = taskRoots.toAbsolutePath().normalize();
      this.random = new Random(seed);
    }

    void start() {
      timer.scheduleWithFixedDelay(
          this::strike, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() throws InterruptedException {
      timer.shutdownNow();
      timer.awaitTermination(10, TimeUnit.SECONDS);
      synchronized (stopped) {
        stopped.forEach(pid -> signal("CONT", pid));
      }
    }

    private void strike() {
      List<ProcessHandle> sandboxes =
          ProcessHandle.current()
              .descendants()
              .filter(ProcessHandle::isAlive)
              .filter(this::ours)
              .toList();
      if (sandboxes.isEmpty()) {
        return;
      }
      ProcessHandle sandbox = sandboxes.get(random.nextInt(sandboxes.size()));
      if (random.nextBoolean()) {
        if (sandbox.destroyForcibly()) {
          killed.incrementAndGet();
        }
      } else if (signal("STOP", sandbox.pid())) {
        frozen.incrementAndGet();
        synchronized (stopped) {
          stopped.add(sandbox.pid());
        }
        timer.schedule(
            () -> {
              signal("CONT", sandbox.pid());
              synchronized (stopped) {
                stopped.remove(sandbox.pid());
              }
            },
            FROZEN.toMillis(),
            TimeUnit.MILLISECONDS);
      }
    }

    private boolean ours(ProcessHandle process) {
      boolean runtime =
          process
              .info()
              .commandLine()
              .map(
                  line ->
                      line.contains(" com.amazonaws.services.lambda.runtime.api.client.AWSLambda "))
              .orElse(false);
      if (!runtime) {
        return false;
      }
      try {
        Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"));
        return cwd.toAbsolutePath().normalize().startsWith(taskRoots);
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }

    private static boolean signal(String signal, long pid) {
      try {
        return new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor() == 0;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}

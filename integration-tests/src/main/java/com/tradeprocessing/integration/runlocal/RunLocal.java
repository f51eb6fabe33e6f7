package com.tradeprocessing.integration.runlocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.cli.LocalPlatformFile;
import com.tradeprocessing.integration.pipeline.BusEvent;
import com.tradeprocessing.integration.pipeline.Execution;
import com.tradeprocessing.integration.pipeline.ExecutionTracker;
import com.tradeprocessing.integration.pipeline.PublishResult;
import com.tradeprocessing.integration.pipeline.TradeEventBus;
import com.tradeprocessing.integration.platform.BackendFactory;
import com.tradeprocessing.integration.platform.LocalPlatform;
import com.tradeprocessing.integration.platform.PlatformSettings;
import com.tradeprocessing.integration.platform.ProjectLayout;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.TradeId;
import com.tradeprocessing.model.event.TradeEvent;
import com.tradeprocessing.model.source.SourceAdapters;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code make run-local}: processes a file of trade events on the embedded platform. It starts the
 * emulator and the Lambda host, provisions them from the templates, publishes every event on the
 * trade bus with PutEvents (batches of ten), waits for every execution, prints progress and a
 * summary, and writes one JSON line per input line to the output file, in input order: a line that
 * is not published (one EventBridge would refuse, one that is not an entry, a blank one) gets its
 * line too, with a status saying why.
 *
 * <p>Trades are judged as a default deployment judges them: every parameter of {@code
 * templates/root.json}, the thresholds included, takes its default unless {@code --parameter
 * Name=Value} overrides it, and the run says which differ. The samples' times are placeholders
 * relative to the run ({@link TimePlaceholders}), so they need no wider threshold.
 */
public final class RunLocal {

  static final String ENVIRONMENT = "local";

  private static final Set<String> RETRYABLE_PUT_EVENTS_ERRORS =
      Set.of("InternalFailure", "ThrottlingException");

  /**
   * Executions allowed in flight: the next batch is published only below it. Lambda would scale out
   * under a burst; the local host has a few containers per function on a small machine, and a trade
   * waiting longer than its task's TimeoutSeconds would fail as it would in AWS.
   */
  static final int DEFAULT_MAX_IN_FLIGHT = 40;

  private static final Duration WAIT_LIMIT = Duration.ofMinutes(10);
  private static final Duration PUBLISH_POLL_INTERVAL = Duration.ofMillis(50);

  /**
   * The credentials written for {@code trades --local}: the emulator accepts any, and its account
   * does not depend on them.
   */
  private static final String LOCAL_ACCESS_KEY = "testing";

  private final PrintStream out;
  private final int maxInFlight;
  private final List<String> parameters;
  private final Path measurements;
  private final boolean keep;
  private final Instant started = Instant.now();

  /**
   * @param parameters {@code Name=Value} overrides of root.json's parameter defaults
   * @param keep keep the platform up after the run, until the process is interrupted, and write
   *     {@link LocalPlatformFile} for {@code trades --local}
   */
  RunLocal(PrintStream out, int maxInFlight, List<String> parameters, boolean keep) {
    this(out, maxInFlight, parameters, null, keep);
  }

  /**
   * @param measurements where {@link CostMeasurements} writes what the run measured before the
   *     platform stops ({@code make cost}); {@code null} for none
   */
  RunLocal(
      PrintStream out, int maxInFlight, List<String> parameters, Path measurements, boolean keep) {
    this.out = out;
    this.maxInFlight = maxInFlight;
    this.parameters = List.copyOf(parameters);
    this.measurements = measurements;
    this.keep = keep;
  }

  public static void main(String[] args) throws IOException {
    ProjectLayout layout = ProjectLayout.locate();
    Map<String, List<String>> options;
    List<String> parameters;
    try {
      options = options(args);
      parameters = options.getOrDefault("parameter", List.of());
      RootParameters.load(layout.templates().resolve("root.json"), parameters);
    } catch (IllegalArgumentException e) {
      // A usage error: the message says what to change, a stack trace would not.
      System.err.println("run-local: " + e.getMessage());
      System.exit(2);
      return;
    }
    Path input =
        Path.of(option(options, "input", layout.root().resolve("samples/trades.jsonl").toString()));
    Path output =
        Path.of(
            option(
                options,
                "output",
                layout.root().resolve("target/run-local/results.jsonl").toString()));
    int containers = Integer.parseInt(option(options, "containers", "2"));
    int maxInFlight =
        Integer.parseInt(option(options, "max-in-flight", Integer.toString(DEFAULT_MAX_IN_FLIGHT)));
    boolean keep = Boolean.parseBoolean(option(options, "keep", "false"));
    try {
      Path measurements =
          options.containsKey("measurements") ? Path.of(option(options, "measurements", "")) : null;
      new RunLocal(System.out, maxInFlight, parameters, measurements, keep)
          .run(layout, input, output, containers);
    } catch (RuntimeException | IOException e) {
      System.err.println("run-local failed: " + e.getMessage());
      throw e;
    }
    // The SDK's and the host's pools hold non-daemon threads; everything is closed by now.
    System.exit(0);
  }

  /**
   * Processes {@code input}; returns one outcome per input line, also written to {@code output}.
   */
  List<EventOutcome> run(ProjectLayout layout, Path input, Path output, int containers)
      throws IOException {
    if (!Files.isRegularFile(input)) {
      throw new IOException("no input file " + input);
    }
    RootParameters root = RootParameters.load(layout.templates().resolve("root.json"), parameters);
    List<InputLine> lines = InputFile.read(input, started);
    List<InputLine> events = lines.stream().filter(line -> line.event().isPresent()).toList();
    for (InputLine line : lines) {
      line.problem()
          .ifPresent(problem -> progress("line %d %s: %s", line.number(), line.kind(), problem));
    }
    progress(
        "read %d lines from %s: %d events to publish%s",
        lines.size(),
        input,
        events.size(),
        lines.size() > events.size() ? ", " + unpublished(lines) : "");
    List<String> differences = root.differencesFromDefaults();
    progress(
        differences.isEmpty()
            ? "parameters and thresholds: the defaults of templates/root.json, as in a default deployment"
            : "parameters differing from the defaults of templates/root.json: "
                + String.join(", ", differences));

    PlatformSettings settings =
        new PlatformSettings(
            ENVIRONMENT,
            root.overrides(),
            0.1,
            containers,
            layout.root().resolve("target/run-local"),
            line -> {});
    progress("starting the embedded emulator, the Lambda host and the reference-data API");
    try (LocalPlatform platform =
        LocalPlatform.start(layout, settings, BackendFactory.embedded())) {
      progress(
          "provisioned from templates/: bus %s, state machine %s, table %s (%d template resources without a local"
              + " counterpart skipped)",
          platform.deployment().eventBusName(),
          platform.deployment().name("TradeStateMachine"),
          platform.deployment().tableName(),
          platform.deployment().skipped().size());
      List<EventOutcome> published = process(platform, events);
      List<EventOutcome> outcomes = new ArrayList<>(lines.size());
      Iterator<EventOutcome> next = published.iterator();
      for (InputLine line : lines) {
        outcomes.add(line.event().isPresent() ? next.next() : unpublishedOutcome(line));
      }
      write(output, outcomes);
      Map<String, Integer> depths = deadLetterDepths(platform);
      out.println();
      out.printf(
          "Processed %d lines from %s in %.1f s: %d events published%s%n%n",
          lines.size(),
          input,
          Duration.between(started, Instant.now()).toMillis() / 1000.0,
          events.size(),
          lines.size() > events.size() ? ", " + unpublished(lines) : "");
      out.print(Summary.render(outcomes, depths));
      out.println();
      out.println("Results: " + output);
      out.println("Function logs: " + settings.workDirectory().resolve("logs"));
      if (measurements != null) {
        CostMeasurements.write(
            platform, settings.workDirectory().resolve("logs"), outcomes, depths, measurements);
        out.println("Measurements: " + measurements);
      }
      if (keep) {
        keepUp(platform, settings.workDirectory().resolve("platform.json"));
      }
      return outcomes;
    }
  }

  /**
   * Writes where the platform is for {@code trades --local} and blocks until the process is
   * interrupted (Ctrl-C); the file is deleted and the platform closed on the way out.
   */
  private void keepUp(LocalPlatform platform, Path platformFile) throws IOException {
    new LocalPlatformFile(
            platform.backend().endpoint(),
            platform.backend().region().id(),
            ENVIRONMENT,
            LOCAL_ACCESS_KEY,
            LOCAL_ACCESS_KEY)
        .write(platformFile);
    // Ctrl-C runs the hook, which closes the platform (its child processes with it); the JVM halts
    // after the hook, so the main thread never returns to close it a second time.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Files.deleteIfExists(platformFile);
                    platform.close();
                  } catch (IOException | RuntimeException e) {
                    System.err.println("run-local: stopping the platform: " + e.getMessage());
                  }
                },
                "run-local-stop"));
    out.println();
    out.println(
        "The platform stays up (KEEP=1): emulator at "
            + platform.backend().endpoint()
            + ", environment "
            + ENVIRONMENT
            + ", written to "
            + platformFile);
    out.println(
        "  bin/trades list --local --status REJECTED --date "
            + java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    out.println("  bin/trades dlq list --local recorder");
    out.println("Ctrl-C stops it.");
    out.flush();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<EventOutcome> process(LocalPlatform platform, List<InputLine> events) {
    TradeEventBus bus =
        new TradeEventBus(platform.clients().eventBridge(), platform.deployment().eventBusName());
    ExecutionTracker executions =
        new ExecutionTracker(
            platform.clients().stepFunctions(), platform.deployment().stateMachineArn());
    PublicationQueue queue =
        new PublicationQueue(
            events.stream().map(line -> tradeKey(line.event().orElseThrow())).toList());
    // An event is settled once its execution has finished, or when nothing runs any more and it
    // started none (it matched no rule: the embedded EventBridge starts executions in PutEvents).
    Predicate<String> settled =
        eventId -> executions.byEventId(eventId).isPresent() || executions.isQuiet();
    PublishResult[] published = new PublishResult[events.size()];
    int reportEvery = Math.max(TradeEventBus.BATCH_SIZE, events.size() / 10 / 10 * 10);
    int nextReport = reportEvery;
    Instant waitingSince = null;
    while (!queue.isEmpty()) {
      executions.awaitRunningBelow(maxInFlight, WAIT_LIMIT);
      List<Integer> batch = queue.next(TradeEventBus.BATCH_SIZE, settled);
      if (batch.isEmpty()) {
        // Only events waiting for their trade's previous event are left.
        waitingSince = waitingSince == null ? Instant.now() : waitingSince;
        if (Instant.now().isAfter(waitingSince.plus(WAIT_LIMIT))) {
          throw new IllegalStateException(
              queue.pending() + " events still waiting after " + WAIT_LIMIT);
        }
        pause();
        continue;
      }
      waitingSince = null;
      List<PublishResult> results =
          bus.publish(
              batch.stream().map(index -> events.get(index).event().orElseThrow()).toList());
      for (int i = 0; i < batch.size(); i++) {
        published[batch.get(i)] = results.get(i);
        queue.published(batch.get(i), results.get(i).eventId());
      }
      int done = events.size() - queue.pending();
      if (done >= nextReport) {
        progress("published %d/%d events", done, events.size());
        nextReport = (done / reportEvery + 1) * reportEvery;
      }
    }
    progress("published %d/%d events", events.size(), events.size());
    long[] last = {-1};
    executions.awaitQuiet(
        WAIT_LIMIT,
        counts -> {
          if (counts[0] != last[0]) {
            last[0] = counts[0];
            progress("executions finished %d/%d", counts[0], counts[1]);
          }
        });
    List<EventOutcome> outcomes = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      outcomes.add(outcome(events.get(i), published[i], executions));
    }
    return outcomes;
  }

  private static void pause() {
    try {
      Thread.sleep(PUBLISH_POLL_INTERVAL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to publish", e);
    }
  }

  /** The outcome of a line that was not published: its status is its kind, its reason why. */
  private static EventOutcome unpublishedOutcome(InputLine line) {
    return new EventOutcome(
        line.number(),
        line.source().orElse(null),
        null,
        null,
        line.kind().name(),
        line.problem().map(List::of).orElse(List.of()),
        false);
  }

  /** "2 refused by EventBridge, 1 malformed, 1 blank", for the kinds present. */
  private static String unpublished(List<InputLine> lines) {
    List<String> parts = new ArrayList<>();
    for (InputLine.Kind kind :
        List.of(
            InputLine.Kind.REFUSED_BY_EVENTBRIDGE,
            InputLine.Kind.MALFORMED,
            InputLine.Kind.BLANK)) {
      long count = lines.stream().filter(line -> line.kind() == kind).count();
      if (count > 0) {
        parts.add(
            count
                + switch (kind) {
                  case REFUSED_BY_EVENTBRIDGE -> " refused by EventBridge";
                  case MALFORMED -> " malformed";
                  default -> " blank";
                });
      }
    }
    return String.join(", ", parts);
  }

  /** Source and source trade id; {@code null} when the trade id cannot be read. */
  private static String tradeKey(BusEvent event) {
    String sourceTradeId = sourceTradeId(event);
    return sourceTradeId == null ? null : event.source() + "/" + sourceTradeId;
  }

  private static EventOutcome outcome(
      InputLine line, PublishResult published, ExecutionTracker executions) {
    BusEvent event = line.event().orElseThrow();
    String sourceTradeId = sourceTradeId(event);
    String tradeId = tradeId(event.source(), sourceTradeId);
    if (!published.accepted()) {
      // PutEvents' retryable errors are faults of the moment; any other refuses the entry itself
      // (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsResultEntry.html).
      String code = published.errorCode().orElse("refused");
      return new EventOutcome(
          line.number(),
          event.source(),
          sourceTradeId,
          tradeId,
          RETRYABLE_PUT_EVENTS_ERRORS.contains(code)
              ? "FAILED"
              : InputLine.Kind.REFUSED_BY_EVENTBRIDGE.name(),
          List.of("PutEvents: " + code + published.errorMessage().map(m -> ": " + m).orElse("")),
          false);
    }
    Optional<Execution> execution = executions.byEventId(published.eventId().orElseThrow());
    if (execution.isEmpty()) {
      return new EventOutcome(
          line.number(), event.source(), sourceTradeId, tradeId, "UNROUTED", List.of(), false);
    }
    Execution finished = execution.get();
    if (!finished.succeeded()) {
      return new EventOutcome(
          line.number(),
          event.source(),
          sourceTradeId,
          tradeId,
          "FAILED",
          List.of(finished.error().orElse(finished.status())),
          false);
    }
    JsonNode result = finished.output().orElseThrow();
    List<String> reasons = new ArrayList<>();
    result.path("reasonCodes").forEach(code -> reasons.add(code.asText()));
    return new EventOutcome(
        line.number(),
        event.source(),
        sourceTradeId,
        result.path("tradeId").asText(tradeId),
        result.path("status").asText(),
        reasons,
        result.path("replayed").asBoolean(false));
  }

  /**
   * The source's trade id, read by the project's own source adapter; {@code null} if unreadable.
   */
  private static String sourceTradeId(BusEvent event) {
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    envelope.put("source", event.source());
    envelope.put("detail", event.detail());
    TradeEvent parsed = TradeEvent.fromJson(envelope);
    return SourceAdapters.adapt(event.source(), parsed.detail()).candidate().sourceTradeId();
  }

  private static String tradeId(String source, String sourceTradeId) {
    if (sourceTradeId == null || sourceTradeId.isBlank()) {
      return null;
    }
    return SourceSystem.fromEventSource(source)
        .map(system -> TradeId.of(system, sourceTradeId).value())
        .orElse(null);
  }

  private static void write(Path output, List<EventOutcome> outcomes) throws IOException {
    ObjectMapper json = new ObjectMapper();
    if (output.getParent() != null) {
      Files.createDirectories(output.getParent());
    }
    try (Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      for (EventOutcome outcome : outcomes) {
        ObjectNode line = json.createObjectNode();
        line.put("line", outcome.line());
        line.put("source", outcome.source());
        line.put("sourceTradeId", outcome.sourceTradeId());
        line.put("tradeId", outcome.tradeId());
        line.put("status", outcome.status());
        ArrayNode reasons = line.putArray("reasons");
        outcome.reasons().forEach(reasons::add);
        writer.write(json.writeValueAsString(line));
        writer.write('\n');
      }
    }
  }

  private static Map<String, Integer> deadLetterDepths(LocalPlatform platform) {
    Map<String, Integer> depths = new LinkedHashMap<>();
    platform
        .deployment()
        .deadLetterQueueUrls()
        .forEach(
            (logicalId, url) ->
                depths.put(
                    platform.deployment().name(logicalId),
                    Integer.parseInt(
                        platform
                            .clients()
                            .sqs()
                            .getQueueAttributes(
                                request ->
                                    request
                                        .queueUrl(url)
                                        .attributeNames(
                                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                            .attributes()
                            .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))));
    return depths;
  }

  private void progress(String format, Object... args) {
    out.printf(
        "[%6.1fs] %s%n",
        Duration.between(started, Instant.now()).toMillis() / 1000.0, String.format(format, args));
  }

  /** {@code --name value} pairs; {@code --parameter} may be repeated. */
  private static Map<String, List<String>> options(String[] args) {
    Map<String, List<String>> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "usage: RunLocal [--input FILE] [--output FILE] [--parameter Name=Value]..."
                + " [--containers N] [--max-in-flight N] [--measurements DIR] [--keep true]; got "
                + String.join(" ", args));
      }
      options.computeIfAbsent(args[i].substring(2), name -> new ArrayList<>()).add(args[++i]);
    }
    return options;
  }

  private static String option(Map<String, List<String>> options, String name, String otherwise) {
    List<String> values = options.getOrDefault(name, List.of());
    return values.isEmpty() ? otherwise : values.get(values.size() - 1);
  }
}

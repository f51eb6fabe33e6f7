package com.tradeprocessing.benchmarks.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.integration.lambda.ContainerSettings;
import com.tradeprocessing.integration.lambda.FunctionCode;
import com.tradeprocessing.integration.lambda.FunctionConfiguration;
import com.tradeprocessing.integration.lambda.LambdaHost;
import com.tradeprocessing.integration.lambda.RuntimeNativeLibrary;
import com.tradeprocessing.integration.platform.BackendFactory;
import com.tradeprocessing.integration.platform.LocalPlatform;
import com.tradeprocessing.integration.platform.PlatformSettings;
import com.tradeprocessing.integration.platform.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Cold start and warm latency of the three functions, each run as the image runs it: a fresh JVM
 * with the function's task root under the Lambda runtime interface client (the local Lambda host of
 * integration-tests), its SSM and DynamoDB calls answered by the embedded emulator, provisioned
 * from the templates, and its reference data by the local reference-data API.
 *
 * <p>Cold start is the time from the invocation that makes the host launch the JVM to the
 * function's answer: JVM start, runtime client, handler initialisation and the first invocation,
 * the span Lambda reports as Init Duration plus the first Duration. The JVM variants ({@link
 * JvmVariant}) run side by side, in an order rotated every run, so drift on the shared machine
 * spreads over all of them. Warm latency is the same call answered by a container that already
 * answered one; each answer is checked (see {@link TradeFlow}).
 *
 * <p>Arguments: {@code --runs N} (10), {@code --warm N} (1000, 0 for none), {@code --variants
 * shipped,no_archive,defaults[,aot_cache]}, {@code --out DIR} (benchmarks/target/cold-start),
 * {@code --jvm-option OPTION} (repeatable, added to every measured JVM, e.g. {@code
 * -Xlog:class+load:file=...} to see what a cold start loads; such a run's times are not
 * comparable).
 */
public final class ColdStartHarness {

  private static final String ENVIRONMENT = "bench";
  private static final Duration ARCHIVE_WAIT = Duration.ofSeconds(120);

  private final ProjectLayout layout;
  private final Path work;
  private final AtomicReference<ContainerSettings> settings = new AtomicReference<>();
  private Function<JvmVariant, ContainerSettings> settingsOf;
  private LambdaHost host;
  private Invoker invoker;
  private List<String> functions;
  private String stateMachine;

  private ColdStartHarness(ProjectLayout layout, Path work) {
    this.layout = layout;
    this.work = work;
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> options = options(args);
    ProjectLayout layout = ProjectLayout.locate();
    Path work =
        Path.of(
            options.getOrDefault(
                "out", layout.root().resolve("benchmarks/target/cold-start").toString()));
    int runs = Integer.parseInt(options.getOrDefault("runs", "10"));
    int warm = Integer.parseInt(options.getOrDefault("warm", "1000"));
    List<JvmVariant> variants = new ArrayList<>();
    for (String name : options.getOrDefault("variants", "shipped,no_archive,defaults").split(",")) {
      variants.add(JvmVariant.valueOf(name.trim().toUpperCase()));
    }
    ColdStartHarness harness = new ColdStartHarness(layout, work);
    List<String> extraOptions = new ArrayList<>();
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--jvm-option")) {
        extraOptions.add(args[i + 1]);
      }
    }
    String report = harness.run(variants, runs, warm, extraOptions);
    Files.createDirectories(work);
    Files.writeString(work.resolve("report.md"), report);
    System.out.println(report);
    // The SDK's and the host's pools hold non-daemon threads; everything is closed by now.
    System.exit(0);
  }

  private String run(List<JvmVariant> variants, int runs, int warm, List<String> extraOptions)
      throws IOException {
    PlatformSettings platformSettings =
        new PlatformSettings(ENVIRONMENT, Map.of(), 1.0, 1, work.resolve("platform"), line -> {});
    progress("starting the embedded emulator and provisioning the templates");
    try (LocalPlatform platform =
        LocalPlatform.start(layout, platformSettings, BackendFactory.embedded())) {
      functions =
          List.of(
              platform.deployment().validatorFunction(),
              platform.deployment().enricherFunction(),
              platform.deployment().recorderFunction());
      stateMachine = platform.deployment().name("TradeStateMachine");
      Path runtimeLibrary = layout.lambdaRuntimeLibrary();
      Path nativeLibrary = RuntimeNativeLibrary.extract(runtimeLibrary, work.resolve("runtime"));
      Map<String, String> sandbox = new LinkedHashMap<>();
      sandbox.put("AWS_REGION", platform.backend().region().id());
      sandbox.put("AWS_DEFAULT_REGION", platform.backend().region().id());
      sandbox.put("AWS_ACCESS_KEY_ID", "testing");
      sandbox.put("AWS_SECRET_ACCESS_KEY", "testing");
      sandbox.put("AWS_SESSION_TOKEN", "local-session");
      sandbox.put("AWS_ENDPOINT_URL", platform.backend().endpoint().toString());
      Path archives = Files.createDirectories(work.resolve("archives"));
      Map<String, FunctionConfiguration> configurations = new LinkedHashMap<>();
      settingsOf =
          variant ->
              withOptions(
                  settings(variant, runtimeLibrary, nativeLibrary, sandbox, archives),
                  extraOptions);
      host =
          LambdaHost.start(
              name ->
                  configurations.computeIfAbsent(
                      name, n -> LambdaFunctions.configuration(platform.clients().lambda(), n)),
              new FunctionCode(layout.modules(), work.resolve("tasks")),
              settings::get);
      try {
        invoker = new Invoker(host.url());
        for (JvmVariant variant : variants) {
          if (variant.needsTraining()) {
            train(variant, runtimeLibrary, nativeLibrary, sandbox, archives, configurations);
          }
        }
        Map<JvmVariant, Map<String, List<Double>>> cold = coldStarts(variants, runs);
        Map<String, List<Double>> warmLatency = warmLatency(warm);
        return Report.render(variants, functions, cold, warmLatency, runs, warm);
      } finally {
        host.close();
      }
    }
  }

  private ContainerSettings settings(
      JvmVariant variant,
      Path runtimeLibrary,
      Path nativeLibrary,
      Map<String, String> sandbox,
      Path archives) {
    return new ContainerSettings(
        ContainerSettings.currentJava(),
        runtimeLibrary,
        work.resolve("logs"),
        sandbox,
        1,
        Map.of(RuntimeNativeLibrary.PROPERTY, nativeLibrary.toString()),
        function -> variant.options(function, archives));
  }

  private static ContainerSettings withOptions(ContainerSettings settings, List<String> extra) {
    if (extra.isEmpty()) {
      return settings;
    }
    return new ContainerSettings(
        settings.javaCommand(),
        settings.runtimeLibrary(),
        settings.logDirectory(),
        settings.sandboxEnvironment(),
        settings.maxContainersPerFunction(),
        settings.systemProperties(),
        function -> {
          List<String> options = new ArrayList<>(settings.jvmOptions().apply(function));
          options.addAll(extra);
          return options;
        });
  }

  /** One trade through a training JVM of each function; the archives are written as they exit. */
  private void train(
      JvmVariant variant,
      Path runtimeLibrary,
      Path nativeLibrary,
      Map<String, String> sandbox,
      Path archives,
      Map<String, FunctionConfiguration> configurations)
      throws IOException {
    progress("training run for %s", variant.label());
    ContainerSettings base = settings(variant, runtimeLibrary, nativeLibrary, sandbox, archives);
    settings.set(
        new ContainerSettings(
            base.javaCommand(),
            base.runtimeLibrary(),
            base.logDirectory(),
            base.sandboxEnvironment(),
            1,
            base.systemProperties(),
            function -> variant.trainingOptions(function, archives)));
    for (String function : functions) {
      host.recycle(function);
    }
    runFlow();
    List<Path> expected = new ArrayList<>();
    for (String function : functions) {
      expected.add(variant.archive(archives, configurations.get(function)));
      Files.deleteIfExists(expected.getLast());
    }
    // A training JVM writes its archive on the way out, which takes seconds; the host would kill a
    // container that takes that long to stop, so the harness ends them first and waits.
    String trainingOption =
        variant.writesCdsArchive() ? "-XX:ArchiveClassesAtExit=" : "-XX:AOTCacheOutput=";
    List<ProcessHandle> trainingJvms =
        ProcessHandle.current()
            .children()
            .filter(
                process ->
                    process.info().arguments().stream()
                        .flatMap(Arrays::stream)
                        .anyMatch(argument -> argument.startsWith(trainingOption)))
            .toList();
    if (trainingJvms.size() != functions.size()) {
      throw new IllegalStateException(
          "expected " + functions.size() + " training JVMs, found " + trainingJvms.size());
    }
    trainingJvms.forEach(ProcessHandle::destroy);
    Instant deadline = Instant.now().plus(ARCHIVE_WAIT);
    for (ProcessHandle jvm : trainingJvms) {
      jvm.onExit().completeOnTimeout(null, ARCHIVE_WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }
    for (String function : functions) {
      host.recycle(function);
    }
    for (Path archive : expected) {
      while (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "the training run wrote no " + archive + "; see " + work.resolve("logs"));
        }
        sleep(200);
      }
    }
  }

  private Map<JvmVariant, Map<String, List<Double>>> coldStarts(
      List<JvmVariant> variants, int runs) {
    Map<JvmVariant, Map<String, List<Double>>> results = new EnumMap<>(JvmVariant.class);
    for (JvmVariant variant : variants) {
      Map<String, List<Double>> byFunction = new LinkedHashMap<>();
      functions.forEach(function -> byFunction.put(function, new ArrayList<>()));
      results.put(variant, byFunction);
    }
    for (int run = 0; run < runs; run++) {
      for (int i = 0; i < variants.size(); i++) {
        JvmVariant variant = variants.get((i + run) % variants.size());
        settings.set(settingsOf.apply(variant));
        for (String function : functions) {
          host.recycle(function);
        }
        List<Double> times = runFlow();
        for (int f = 0; f < functions.size(); f++) {
          results.get(variant).get(functions.get(f)).add(times.get(f));
        }
        progress("run %d/%d %-28s %s ms", run + 1, runs, variant.label(), format(times));
      }
    }
    for (String function : functions) {
      host.recycle(function);
    }
    return results;
  }

  private Map<String, List<Double>> warmLatency(int invocations) {
    if (invocations == 0) {
      return Map.of();
    }
    settings.set(settingsOf.apply(JvmVariant.SHIPPED));
    for (String function : functions) {
      host.recycle(function);
    }
    runFlow();
    Map<String, List<Double>> results = new LinkedHashMap<>();
    functions.forEach(function -> results.put(function, new ArrayList<>(invocations)));
    for (int i = 0; i < invocations; i++) {
      List<Double> times = runFlow();
      for (int f = 0; f < functions.size(); f++) {
        results.get(functions.get(f)).add(times.get(f));
      }
      if ((i + 1) % 250 == 0) {
        progress("warm: %d/%d trades", i + 1, invocations);
      }
    }
    for (String function : functions) {
      host.recycle(function);
    }
    return results;
  }

  /** One trade through the validator, the enricher and the recorder; each answer's time in ms. */
  private List<Double> runFlow() {
    TradeFlow flow = TradeFlow.next(stateMachine);
    byte[] stageInput = flow.stageInput();
    Invoker.Timed validation = invoker.invoke(functions.get(0), stageInput);
    TradeFlow.checkValidation(validation.answer());
    Invoker.Timed enrichment = invoker.invoke(functions.get(1), stageInput);
    TradeFlow.checkEnrichment(enrichment.answer());
    JsonNode validationAnswer = validation.answer();
    Invoker.Timed recording =
        invoker.invoke(functions.get(2), flow.recordInput(validationAnswer, enrichment.answer()));
    TradeFlow.checkRecording(recording.answer());
    return List.of(validation.millis(), enrichment.millis(), recording.millis());
  }

  private static String format(List<Double> times) {
    return times.stream()
        .map(t -> String.format("%7.0f", t))
        .reduce((a, b) -> a + " " + b)
        .orElse("");
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "usage: [--runs N] [--warm N] [--variants shipped,no_archive,defaults,aot_cache] [--out DIR]");
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void progress(String format, Object... args) {
    System.out.printf("[bench] " + format + "%n", args);
  }
}

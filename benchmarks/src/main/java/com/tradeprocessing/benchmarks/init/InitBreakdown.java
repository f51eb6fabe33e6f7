package com.tradeprocessing.benchmarks.init;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.sun.net.httpserver.HttpServer;
import com.tradeprocessing.function.aws.SdkClients;
import com.tradeprocessing.model.json.TradeJson;
import java.io.IOException;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Where a function's initialisation goes, step by step, each step in a fresh JVM started with the
 * image's JVM options on a function's own classpath (its module's {@code target/classes} and {@code
 * target/lambda/lib}, the image's task root): the logging set-up (slf4j, log4j2 and its
 * configuration, the Powertools JSON layout), the first log line, the first one with a structured
 * argument, the Jackson mapper, the SDK's HTTP client, the SSM client and its first call (to a
 * local stand-in). The steps run in the order a handler takes them; each figure is what that step
 * adds.
 *
 * <p>Arguments: {@code --module DIR [--runs N] [--jvm-option OPTION]...}; prints the median of each
 * step over the runs and the number of classes loaded.
 */
public final class InitBreakdown {

  private static final String CHILD = "--child";

  private InitBreakdown() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length == 1 && args[0].equals(CHILD)) {
      child();
      return;
    }
    Path module = null;
    int runs = 10;
    List<String> jvmOptions = new ArrayList<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--module" -> module = Path.of(args[i + 1]);
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        case "--jvm-option" -> jvmOptions.add(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (module == null) {
      throw new IllegalArgumentException("usage: --module DIR [--runs N] [--jvm-option OPTION]...");
    }
    String ownClasses =
        Path.of(InitBreakdown.class.getProtectionDomain().getCodeSource().getLocation().getPath())
            .toString();
    Map<String, List<Double>> steps = new LinkedHashMap<>();
    for (int run = 0; run < runs; run++) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.add("-cp");
      command.add(
          ownClasses
              + ":"
              + module.resolve("target/classes")
              + ":"
              + module.resolve("target/lambda/lib")
              + "/*");
      command.add(InitBreakdown.class.getName());
      command.add(CHILD);
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      builder.environment().put("POWERTOOLS_SERVICE_NAME", "init-breakdown");
      Process process = builder.start();
      String report = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("the measured JVM failed:\n" + report);
      }
      for (String line : report.split("\n")) {
        String[] fields = line.split("\t");
        if (fields.length == 2) {
          steps
              .computeIfAbsent(fields[0], name -> new ArrayList<>())
              .add(Double.parseDouble(fields[1]));
        }
      }
    }
    System.out.printf("Median of %d JVMs, options %s, module %s%n%n", runs, jvmOptions, module);
    System.out.println("| step | median | min | max |");
    System.out.println("|---|---|---|---|");
    steps.forEach(
        (name, values) -> {
          double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          System.out.printf(
              "| %s | %.0f | %.0f | %.0f |%n",
              name, sorted[(sorted.length - 1) / 2], sorted[0], sorted[sorted.length - 1]);
        });
  }

  /**
   * The measured JVM: the steps, reported on stderr as {@code name<TAB>value} lines: wall-clock
   * time, CPU time of the thread that runs them (Linux's {@code /proc/thread-self/schedstat}, which
   * a busy machine disturbs less; the JIT's and the GC's threads are not in it) and the classes the
   * step loaded. The class counter and a local stand-in of Parameter Store (one canned answer to
   * GetParametersByPath) are set up before the first step, so neither is counted in any step.
   */
  private static void child() throws IOException {
    ClassLoadingMXBean classLoading = ManagementFactory.getClassLoadingMXBean();
    HttpServer parameterStore =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    parameterStore.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"Parameters\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
        });
    parameterStore.start();
    URI endpoint = URI.create("http://127.0.0.1:" + parameterStore.getAddress().getPort());

    Map<String, Double> steps = new LinkedHashMap<>();
    long[] start = {System.nanoTime(), threadCpuNanos(), classLoading.getTotalLoadedClassCount()};
    long[] last = start;

    Logger log = LoggerFactory.getLogger(InitBreakdown.class);
    last =
        step(
            steps, "logging set-up: slf4j, log4j2, configuration, JSON layout", last, classLoading);
    log.info("first line");
    last = step(steps, "first log line", last, classLoading);
    log.info("structured", entry("valid", true));
    last = step(steps, "first structured argument", last, classLoading);
    TradeJson.mapper();
    last = step(steps, "Jackson mapper, TradeJson", last, classLoading);
    SdkHttpClient http = SdkClients.httpClient();
    last = step(steps, "SDK HTTP client, URL connection", last, classLoading);
    SdkClients clients =
        new SdkClients(
            Region.US_EAST_1,
            http,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));
    try (SsmClient ssm = clients.build(SsmClient.builder().endpointOverride(endpoint))) {
      last = step(steps, "SSM client, SdkClients.build", last, classLoading);
      ssm.getParametersByPath(
          request -> request.path("/trade-processing/thresholds").recursive(true));
      last =
          step(steps, "first SSM call, GetParametersByPath answered locally", last, classLoading);
    }
    step(steps, "total", start, classLoading);
    parameterStore.stop(0);
    steps.forEach((name, value) -> System.err.println(name + "\t" + value));
  }

  private static long[] step(
      Map<String, Double> steps, String name, long[] since, ClassLoadingMXBean classLoading)
      throws IOException {
    long[] now = {System.nanoTime(), threadCpuNanos(), classLoading.getTotalLoadedClassCount()};
    steps.put(name + ", wall ms", (now[0] - since[0]) / 1e6);
    steps.put(name + ", CPU ms", (now[1] - since[1]) / 1e6);
    steps.put(name + ", classes", (double) (now[2] - since[2]));
    return now;
  }

  private static long threadCpuNanos() throws IOException {
    String schedstat = Files.readString(Path.of("/proc/thread-self/schedstat"));
    return Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
  }
}

package com.tradeprocessing.integration.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One execution environment of a function: a JVM running the Lambda runtime interface client (the
 * image's entry point, {@code AWSLambda <handler>}) with the function's environment, in its task
 * root, and the Runtime API it polls. It serves one invocation at a time, as a Lambda sandbox does.
 */
final class FunctionContainer {

  static final String RUNTIME_MAIN_CLASS =
      "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  private static final String RUNTIME_PATH = "/2018-06-01/runtime/";

  private final FunctionPool pool;
  private final int number;
  private final AtomicReference<Invocation> current = new AtomicReference<>();

  /** When the JVM was started; its first poll of {@code next} ends its initialisation. */
  private volatile long startedNanos;

  /** The initialisation time, reported with the container's first invocation only. */
  private volatile Double pendingInitMillis;

  /** When the current invocation was handed to the runtime. */
  private volatile long invocationStartNanos;

  private volatile boolean stopped;
  private volatile boolean everPolled;
  private HttpServer runtimeApi;
  private Process process;

  FunctionContainer(FunctionPool pool, int number) {
    this.pool = pool;
    this.number = number;
  }

  /** Starts the Runtime API and the JVM; the JVM initialises the handler, then polls for work. */
  void start() throws IOException {
    runtimeApi = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    runtimeApi.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    runtimeApi.createContext(RUNTIME_PATH, this::serve);
    runtimeApi.start();

    FunctionConfiguration function = pool.function();
    ContainerSettings settings = pool.settings();
    Path log = settings.logDirectory().resolve(function.name() + "-" + number + ".log");
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command(function, settings))
            .directory(pool.taskRoot().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.putAll(environment(function, settings));
    startedNanos = System.nanoTime();
    process = builder.start();
    process.onExit().thenRun(this::exited);
  }

  /** Stops the container, whatever it is doing. */
  void stop() {
    stopped = true;
    if (process != null) {
      process.destroy();
      process.onExit().completeOnTimeout(null, 3, TimeUnit.SECONDS).join();
      process.destroyForcibly();
    }
  }

  boolean isStopped() {
    return stopped;
  }

  private List<String> command(FunctionConfiguration function, ContainerSettings settings) {
    List<String> command = new ArrayList<>();
    command.add(settings.javaCommand().toString());
    command.addAll(settings.jvmOptions().apply(function));
    // The runtime client loads its native Runtime API client; a JDK 24 or newer warns otherwise.
    command.add("--enable-native-access=ALL-UNNAMED");
    settings.systemProperties().forEach((name, value) -> command.add("-D" + name + "=" + value));
    // In an argument file, as the image's java.args: a hundred jar paths would not fit what
    // ProcessHandle reports of a command line. Written aside and moved into place, since the
    // containers of one function start side by side.
    Path arguments = pool.taskRoot().resolveSibling(pool.taskRoot().getFileName() + ".args");
    try {
      Path written =
          Files.writeString(
              Files.createTempFile(arguments.getParent(), "classpath", ".args"),
              "-classpath\n"
                  + FunctionCode.classPath(settings.runtimeLibrary(), pool.taskRoot())
                  + "\n");
      Files.move(
          written,
          arguments,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + arguments, e);
    }
    command.add("@" + arguments);
    command.add(RUNTIME_MAIN_CLASS);
    command.add(function.handler());
    return command;
  }

  private Map<String, String> environment(
      FunctionConfiguration function, ContainerSettings settings) {
    Map<String, String> environment = new java.util.LinkedHashMap<>();
    environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    environment.put("LANG", "en_US.UTF-8");
    environment.put("TZ", ":UTC");
    environment.put("LAMBDA_TASK_ROOT", pool.taskRoot().toString());
    environment.put("LAMBDA_RUNTIME_DIR", settings.runtimeLibrary().toString());
    environment.put("_HANDLER", function.handler());
    environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
    environment.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApi.getAddress().getPort());
    environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    environment.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
    environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
    environment.put("AWS_LAMBDA_LOG_GROUP_NAME", function.logGroup());
    environment.put(
        "AWS_LAMBDA_LOG_STREAM_NAME",
        java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString().replace('-', '/')
            + "/[$LATEST]"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
    if ("JSON".equalsIgnoreCase(function.logFormat())) {
      environment.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
      if (function.applicationLogLevel() != null) {
        environment.put("AWS_LAMBDA_LOG_LEVEL", function.applicationLogLevel());
      }
    }
    environment.putAll(settings.sandboxEnvironment());
    environment.putAll(function.environment());
    return environment;
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring(RUNTIME_PATH.length());
      String method = exchange.getRequestMethod();
      if (method.equals("GET") && path.equals("invocation/next")) {
        next(exchange);
      } else if (method.equals("POST")
          && path.startsWith("invocation/")
          && path.endsWith("/response")) {
        answered(exchange, path, false);
      } else if (method.equals("POST")
          && path.startsWith("invocation/")
          && path.endsWith("/error")) {
        answered(exchange, path, true);
      } else if (method.equals("POST") && path.equals("init/error")) {
        initFailed(exchange);
      } else {
        respond(
            exchange, 404, "{\"errorType\":\"InvalidRequest\",\"errorMessage\":\"unknown path\"}");
      }
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    if (!everPolled) {
      pendingInitMillis = (System.nanoTime() - startedNanos) / 1e6;
    }
    everPolled = true;
    Invocation invocation = pool.awaitWork(() -> stopped);
    if (invocation == null) {
      respond(
          exchange,
          500,
          "{\"errorType\":\"Runtime.Stopped\",\"errorMessage\":\"container stopped\"}");
      return;
    }
    current.set(invocation);
    FunctionConfiguration function = pool.function();
    long deadline = Instant.now().plus(function.timeout()).toEpochMilli();
    pool.scheduleTimeout(this, invocation, function.timeout());
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
    exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
    exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", function.arn());
    exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id", traceHeader());
    invocationStartNanos = System.nanoTime();
    exchange.sendResponseHeaders(
        200, invocation.payload().length == 0 ? -1 : invocation.payload().length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(invocation.payload());
    }
  }

  /**
   * Reports an invocation that ended: its duration from the hand-over of the event to the runtime's
   * answer (what Lambda bills as Duration), and the container's initialisation with its first one
   * (Lambda's Init Duration).
   */
  private void report(Invocation invocation, String outcome) {
    double durationMillis = (System.nanoTime() - invocationStartNanos) / 1e6;
    Double initMillis = pendingInitMillis;
    pendingInitMillis = null;
    pool.report(
        new InvocationReport(
            pool.function().name(),
            number,
            invocation.requestId(),
            durationMillis,
            initMillis,
            pool.function().memoryMb(),
            outcome));
  }

  private void answered(HttpExchange exchange, String path, boolean error) throws IOException {
    byte[] body = readBody(exchange);
    String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
    Invocation invocation = current.get();
    if (invocation == null || !invocation.requestId().equals(requestId)) {
      respond(
          exchange,
          400,
          "{\"errorType\":\"InvalidRequestID\",\"errorMessage\":\"unknown request id\"}");
      return;
    }
    current.compareAndSet(invocation, null);
    report(invocation, error ? "error" : "success");
    invocation.complete(
        error ? new InvocationResult.FunctionError(body) : new InvocationResult.Success(body));
    respond(exchange, 202, "{\"status\":\"OK\"}");
  }

  private void initFailed(HttpExchange exchange) throws IOException {
    byte[] body = readBody(exchange);
    // The invocation that caused the cold start gets the init error, as in Lambda.
    Invocation invocation = current.getAndSet(null);
    if (invocation == null) {
      invocation = pool.pollWork();
    }
    if (invocation != null) {
      invocation.complete(new InvocationResult.FunctionError(body));
    }
    respond(exchange, 202, "{\"status\":\"OK\"}");
  }

  /** The timeout of an invocation still running: the sandbox is stopped, as Lambda stops it. */
  void timedOut(Invocation invocation, java.time.Duration timeout) {
    if (current.compareAndSet(invocation, null)) {
      report(invocation, "timeout");
      invocation.complete(
          InvocationResult.FunctionError.of(
              "Sandbox.Timedout",
              String.format(
                  "RequestId: %s Error: Task timed out after %.2f seconds",
                  invocation.requestId(), timeout.toMillis() / 1000.0)));
      stopped = true;
      process.destroyForcibly();
    }
  }

  private void exited() {
    stopped = true;
    try {
      runtimeApi.stop(0);
    } catch (IllegalStateException alreadyStopped) {
      // stop() got there first
    }
    Invocation invocation = current.getAndSet(null);
    if (invocation != null) {
      invocation.complete(
          InvocationResult.FunctionError.runtimeExited(
              invocation.requestId(),
              "Runtime exited with error: exit status " + process.exitValue()));
    }
    pool.containerExited(this, everPolled);
  }

  private static String traceHeader() {
    HexFormat hex = HexFormat.of();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "Root=1-"
        + Long.toHexString(Instant.now().getEpochSecond())
        + "-"
        + hex.toHexDigits(random.nextInt())
        + hex.toHexDigits(random.nextLong())
        + ";Parent="
        + hex.toHexDigits(random.nextLong())
        + ";Sampled=0";
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}

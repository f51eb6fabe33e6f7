package com.tradeprocessing.integration.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The local Lambda service behind the embedded emulator: it serves the Invoke API that the emulator
 * forwards every invocation to ({@code POST /2015-03-31/functions/<name>/invocations}), reads the
 * function's configuration from the backend's Lambda API, and runs the function in containers
 * started with exactly that configuration (see {@link FunctionContainer}).
 *
 * <p>Answers follow the Lambda service: the handler's output with 200; a function error with 200
 * and {@code X-Amz-Function-Error: Unhandled}; an unknown function with 404 {@code
 * ResourceNotFoundException}; a host fault (no code for the handler) with 500 {@code
 * ServiceException}.
 */
public final class LambdaHost implements AutoCloseable {

  private static final String INVOKE_PREFIX = "/2015-03-31/functions/";
  private static final String INVOKE_SUFFIX = "/invocations";

  /** How long an invocation may wait for a container to start, on top of the function timeout. */
  private static final Duration START_ALLOWANCE = Duration.ofSeconds(120);

  private final HttpServer server;
  private final FunctionConfigurations configurations;
  private final FunctionCode code;
  private final Supplier<ContainerSettings> settings;
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final Map<String, FunctionPool> pools = new ConcurrentHashMap<>();

  /** Numbers the containers of the host, so that each has a log file of its own. */
  private final java.util.concurrent.atomic.AtomicInteger containerNumbers =
      new java.util.concurrent.atomic.AtomicInteger();

  private LambdaHost(
      HttpServer server,
      FunctionConfigurations configurations,
      FunctionCode code,
      Supplier<ContainerSettings> settings) {
    this.server = server;
    this.configurations = configurations;
    this.code = code;
    this.settings = settings;
  }

  /**
   * Starts the Invoke API on a free loopback port. {@code settings} is read when a function's first
   * container starts, so it may depend on a backend started after the host.
   */
  public static LambdaHost start(
      FunctionConfigurations configurations,
      FunctionCode code,
      Supplier<ContainerSettings> settings)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    LambdaHost host = new LambdaHost(server, configurations, code, settings);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(INVOKE_PREFIX, host::invoke);
    server.start();
    return host;
  }

  /** The base URL the emulator posts invocations to. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Starts a container of the function now, so that its first invocation is not a cold start. */
  public void prewarm(String functionName) {
    pool(functionName).prewarm();
  }

  /**
   * Stops the function's containers, so that the next invocation starts new ones with the
   * function's current configuration, as Lambda does after {@code UpdateFunctionConfiguration}.
   * Invocations still waiting are kept for the new containers.
   */
  public void recycle(String functionName) {
    FunctionPool old = pools.remove(functionName);
    if (old == null) {
      return;
    }
    List<Invocation> waiting = old.close();
    for (Invocation invocation : waiting) {
      pool(functionName)
          .submit(invocation.payload())
          .whenComplete(
              (result, failure) -> {
                if (failure != null) {
                  invocation.result().completeExceptionally(failure);
                } else {
                  invocation.complete(result);
                }
              });
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pools.values().parallelStream().forEach(FunctionPool::close);
    pools.clear();
    timers.shutdownNow();
  }

  private FunctionPool pool(String functionName) {
    return pools.computeIfAbsent(
        functionName,
        name -> {
          FunctionConfiguration function = configurations.get(name);
          return new FunctionPool(
              function,
              code.taskRoot(name, function.handler()),
              settings.get(),
              timers,
              containerNumbers);
        });
  }

  private void invoke(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      if (!exchange.getRequestMethod().equals("POST") || !path.endsWith(INVOKE_SUFFIX)) {
        error(exchange, 404, "UnknownOperationException", "unknown operation " + path);
        return;
      }
      String functionName =
          nameOf(
              URLDecoder.decode(
                  path.substring(INVOKE_PREFIX.length(), path.length() - INVOKE_SUFFIX.length()),
                  StandardCharsets.UTF_8));
      byte[] payload;
      try (InputStream in = exchange.getRequestBody()) {
        payload = in.readAllBytes();
      }
      FunctionPool pool;
      try {
        pool = pool(functionName);
      } catch (UnknownFunctionException e) {
        error(exchange, 404, "ResourceNotFoundException", e.getMessage());
        return;
      } catch (FunctionCodeNotFoundException e) {
        error(exchange, 500, "ServiceException", e.getMessage());
        return;
      }
      InvocationResult result;
      try {
        result =
            pool.submit(payload)
                .get(
                    pool.function().timeout().plus(START_ALLOWANCE).toMillis(),
                    TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        error(exchange, 500, "ServiceException", "no container answered in time");
        return;
      } catch (ExecutionException e) {
        error(exchange, 500, "ServiceException", String.valueOf(e.getCause()));
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        error(exchange, 500, "ServiceException", "interrupted");
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
      if (result instanceof InvocationResult.FunctionError) {
        exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
      }
      send(exchange, 200, result.body());
    }
  }

  /** A function name from the path: a name, or an ARN with an optional qualifier. */
  static String nameOf(String nameOrArn) {
    if (nameOrArn.startsWith("arn:")) {
      String[] parts = nameOrArn.split(":");
      return parts.length > 6 ? parts[6] : nameOrArn;
    }
    int qualifier = nameOrArn.indexOf(':');
    return qualifier < 0 ? nameOrArn : nameOrArn.substring(0, qualifier);
  }

  private static void error(HttpExchange exchange, int status, String type, String message)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("X-Amzn-ErrorType", type);
    String body =
        new String(InvocationResult.FunctionError.of(type, message).body(), StandardCharsets.UTF_8);
    // The Lambda API's error body: {"Type": "User" | "Service", "message": ...}.
    String apiBody =
        "{\"Type\":\""
            + (status < 500 ? "User" : "Service")
            + "\",\"message\":"
            + body.substring(
                body.indexOf("\"errorMessage\":") + "\"errorMessage\":".length(),
                body.indexOf(",\"stackTrace\""))
            + "}";
    send(exchange, status, apiBody.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}

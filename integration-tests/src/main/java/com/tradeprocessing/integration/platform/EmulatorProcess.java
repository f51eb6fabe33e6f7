package com.tradeprocessing.integration.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded emulator (emulator/moto_launcher.py) as a child process: started on a free port,
 * ready once it prints its ready line, stopped by closing its stdin (it also stops by itself when
 * this JVM dies, since the pipe then closes).
 */
final class EmulatorProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final OutputStream stdin;
  private final URI endpoint;

  private EmulatorProcess(Process process, URI endpoint) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.endpoint = endpoint;
  }

  static EmulatorProcess start(
      ProjectLayout layout,
      URI lambdaHostUrl,
      double retryWaitScale,
      Path log,
      java.util.Map<String, String> environment)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(layout.python().toString());
    command.add(layout.emulatorLauncher().toString());
    command.add("--lambda-host-url");
    command.add(lambdaHostUrl.toString());
    command.add("--retry-wait-scale");
    command.add(Double.toString(retryWaitScale));
    command.add("--log-level");
    command.add("WARNING");
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(layout.root().toFile())
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    Process process = builder.start();
    CompletableFuture<String> readyLine =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                BufferedReader reader =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                return reader.readLine();
              } catch (IOException e) {
                return null;
              }
            });
    String line;
    try {
      line = readyLine.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "the emulator printed no ready line within " + READY_TIMEOUT + "; see " + log, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while starting the emulator", e);
    }
    if (line == null) {
      throw new IllegalStateException(
          "the emulator exited before it was ready (exit code "
              + exitCode(process)
              + "); see "
              + log
              + (Files.exists(log) ? ":\n" + tail(log) : ""));
    }
    JsonNode ready = new ObjectMapper().readTree(line);
    return new EmulatorProcess(process, URI.create(ready.path("endpoint").asText()));
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException e) {
      process.destroy();
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String exitCode(Process process) {
    try {
      return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }
}

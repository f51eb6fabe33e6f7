package com.tradeprocessing.integration.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradeprocessing.integration.platform.EmbeddedBackend;
import com.tradeprocessing.integration.platform.ProjectLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rehearsal's machine: the embedded emulator (every region on one endpoint) with the local
 * Lambda host that runs the real global-table-resource handler for the custom resource, a stand-in
 * registry for Jib's pushes, and the project's pinned AWS CLI ({@code .venv/bin/aws}) pointed at
 * the emulator with {@code AWS_ENDPOINT_URL} and dummy credentials. deploy.sh and destroy.sh run as
 * child processes with exactly that environment, as an operator runs them.
 */
final class Rehearsal implements AutoCloseable {

  static final String PRIMARY = "us-east-1";
  static final String REPLICA = "eu-west-1";
  static final String ACCOUNT = "123456789012";
  static final String REFERENCE_DATA_BASE_URL = "https://refdata.rehearsal.example.com";
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(8);
  private static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProjectLayout layout;
  private final Path work;
  private final EmbeddedBackend backend;
  private final Map<String, String> environment;
  private StandInRegistry registry;
  private int runs;

  private Rehearsal(ProjectLayout layout, Path work, EmbeddedBackend backend) {
    this.layout = layout;
    this.work = work;
    this.backend = backend;
    this.environment = cliEnvironment(layout, work, backend);
  }

  static Rehearsal start() throws IOException {
    ProjectLayout layout = ProjectLayout.locate();
    Path work = layout.root().resolve("integration-tests/target/deploy-rehearsal");
    EmbeddedBackend backend = EmbeddedBackend.start(layout, work, 1.0, 2);
    Rehearsal rehearsal = new Rehearsal(layout, work, backend);
    try {
      rehearsal.createStackSetRoles();
      String password = rehearsal.cliText("ecr", "get-login-password", "--region", PRIMARY);
      rehearsal.registry =
          StandInRegistry.start(work.resolve("registry"), password, rehearsal::putImage);
    } catch (IOException | RuntimeException e) {
      rehearsal.close();
      throw e;
    }
    return rehearsal;
  }

  /** The environment of every script and CLI run: the venv's aws first on PATH, the emulator. */
  private static Map<String, String> cliEnvironment(
      ProjectLayout layout, Path work, EmbeddedBackend backend) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.keySet().removeIf(key -> key.startsWith("AWS_"));
    env.put("PATH", layout.root().resolve(".venv/bin") + ":" + System.getenv("PATH"));
    env.put("AWS_ENDPOINT_URL", backend.endpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", "rehearsal");
    env.put("AWS_SECRET_ACCESS_KEY", "rehearsal");
    env.put("AWS_DEFAULT_REGION", PRIMARY);
    // No configuration or credentials of the machine's user may reach the rehearsal.
    env.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-aws-credentials").toString());
    // Polls every second: each poll is a CLI process, and fewer of them leave the CPU to the build.
    env.put("POLL_SECONDS", "1");
    env.put("REFERENCE_DATA_BASE_URL", REFERENCE_DATA_BASE_URL);
    return env;
  }

  /** What AWS's StackSets guide has an operator create once per account (self-managed). */
  private void createStackSetRoles() {
    String administration =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"cloudformation.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    String execution =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":\"arn:aws:iam::"
            + ACCOUNT
            + ":role/AWSCloudFormationStackSetAdministrationRole\"},\"Action\":\"sts:AssumeRole\"}]}";
    cli(
        "iam",
        "create-role",
        "--role-name",
        "AWSCloudFormationStackSetAdministrationRole",
        "--assume-role-policy-document",
        administration);
    cli(
        "iam",
        "create-role",
        "--role-name",
        "AWSCloudFormationStackSetExecutionRole",
        "--assume-role-policy-document",
        execution);
    cli(
        "iam",
        "put-role-policy",
        "--role-name",
        "AWSCloudFormationStackSetAdministrationRole",
        "--policy-name",
        "AssumeExecutionRole",
        "--policy-document",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
            + "\"Resource\":\"arn:aws:iam::*:role/AWSCloudFormationStackSetExecutionRole\"}]}");
  }

  /** ECR's PutImage in the emulator, for a manifest the stand-in registry accepted. */
  private void putImage(String repository, String tag, String mediaType, byte[] manifest)
      throws IOException {
    Path file = Files.createTempFile(work, "manifest-", ".json");
    Files.write(file, manifest);
    cli(
        "ecr",
        "put-image",
        "--region",
        PRIMARY,
        "--repository-name",
        repository,
        "--image-tag",
        tag,
        "--image-manifest-media-type",
        mediaType,
        "--image-manifest",
        "file://" + file);
  }

  /** The emulator's endpoint, every region's. */
  String endpoint() {
    return environment.get("AWS_ENDPOINT_URL");
  }

  /** The resource types moto's CloudFormation skipped so far (its warnings in the emulator log). */
  Set<String> skippedResourceTypes() {
    Pattern warning = Pattern.compile("No Moto CloudFormation support for (\\S+)");
    try {
      Set<String> types = new TreeSet<>();
      for (String line : Files.readAllLines(work.resolve("logs/emulator.log"))) {
        Matcher matcher = warning.matcher(line);
        if (matcher.find()) {
          types.add(matcher.group(1));
        }
      }
      return types;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  StandInRegistry registry() {
    return registry;
  }

  Path work() {
    return work;
  }

  Path root() {
    return layout.root();
  }

  /**
   * deploy.sh for {@code suffix}, building and pushing the images with Jib unless told otherwise.
   */
  ScriptRun deploy(String suffix, Map<String, String> inputs) {
    Map<String, String> all = new HashMap<>();
    all.put("IMAGE_PUSH_REGISTRY", registry.address());
    all.putAll(inputs);
    return run("deploy", suffix, all);
  }

  ScriptRun destroy(String suffix, Map<String, String> inputs) {
    return run("destroy", suffix, inputs);
  }

  ScriptRun dryRun(String script, String suffix, Map<String, String> inputs) {
    Map<String, String> all = new HashMap<>(inputs);
    all.put("DRY_RUN", "1");
    return run(script, suffix, all);
  }

  private ScriptRun run(String script, String suffix, Map<String, String> inputs) {
    int number = ++runs;
    Path log = work.resolve(String.format("%02d-%s-%s.log", number, script, suffix));
    Path out = work.resolve(String.format("%02d-%s-%s.out", number, script, suffix));
    long start = System.nanoTime();
    Exited exited =
        execute(
            List.of("bash", layout.root().resolve("deploy/" + script + ".sh").toString(), suffix),
            layout.root(),
            inputs,
            out,
            log,
            SCRIPT_TIMEOUT,
            script + ".sh " + suffix + " (see " + log + ")");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    ScriptRun result =
        new ScriptRun(script, suffix, exited.exitCode(), exited.stdout(), exited.stderr(), took);
    System.out.printf(
        "rehearsal: %s.sh %s exited %d in %d s (%s)%n",
        script, suffix, result.exitCode(), took.toSeconds(), log);
    return result;
  }

  /**
   * Everything the emulator holds in both regions, read through its APIs by one boto3 process
   * (inventory.py beside this test's resources): stacks with their resources, functions, tables,
   * queues, repositories, buses, rules, parameters, state machines, log groups, buckets, roles.
   */
  JsonNode inventory() {
    Path script =
        layout.root().resolve("integration-tests/src/test/resources/deploy-rehearsal/inventory.py");
    Exited exited =
        executeInWork(
            List.of(
                layout.root().resolve(".venv/bin/python").toString(),
                script.toString(),
                endpoint(),
                PRIMARY,
                REPLICA),
            CLI_TIMEOUT,
            "inventory.py");
    if (exited.exitCode() != 0) {
      throw new IllegalStateException("inventory.py failed: " + exited.stderr());
    }
    try {
      return JSON.readTree(exited.stdout());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the pinned AWS CLI against the emulator and returns its JSON answer. */
  JsonNode cli(String... arguments) {
    String text = cliText(withJson(arguments));
    try {
      return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException(
          "aws " + String.join(" ", arguments) + " answered no JSON: " + text, e);
    }
  }

  private static String[] withJson(String... arguments) {
    List<String> all = new ArrayList<>(List.of(arguments));
    all.add("--output");
    all.add("json");
    return all.toArray(String[]::new);
  }

  /** Runs the CLI; fails with its error output unless it exits 0. */
  String cliText(String... arguments) {
    Exited result = cliResult(arguments);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "aws "
              + String.join(" ", arguments)
              + " exited "
              + result.exitCode()
              + ": "
              + result.stderr());
    }
    return result.stdout().strip();
  }

  /** How a process exited and what it wrote. */
  record Exited(int exitCode, String stdout, String stderr) {}

  Exited cliResult(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(layout.root().resolve(".venv/bin/aws").toString());
    command.addAll(List.of(arguments));
    return executeInWork(command, CLI_TIMEOUT, "aws " + String.join(" ", arguments));
  }

  /** Runs the command in the work directory, its output in temporary files deleted after. */
  private Exited executeInWork(List<String> command, Duration timeout, String description) {
    try {
      Path out = Files.createTempFile(work, "process-", ".out");
      Path err = Files.createTempFile(work, "process-", ".err");
      Exited exited = execute(command, work, Map.of(), out, err, timeout, description);
      Files.delete(out);
      Files.delete(err);
      return exited;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs the command in the directory with the emulator's environment and the inputs only, its
   * standard output and error into the files; fails, the process killed, when it runs over the
   * timeout.
   */
  private Exited execute(
      List<String> command,
      Path directory,
      Map<String, String> inputs,
      Path out,
      Path err,
      Duration timeout,
      String description) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.environment().putAll(inputs);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(description + " ran over " + timeout);
      }
      return new Exited(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      if (registry != null) {
        registry.close();
      }
    } finally {
      backend.close();
    }
  }
}

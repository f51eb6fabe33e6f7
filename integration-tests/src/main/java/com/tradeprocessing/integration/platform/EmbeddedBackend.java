package com.tradeprocessing.integration.platform;

import com.tradeprocessing.integration.lambda.ContainerSettings;
import com.tradeprocessing.integration.lambda.FunctionCode;
import com.tradeprocessing.integration.lambda.FunctionConfiguration;
import com.tradeprocessing.integration.lambda.LambdaHost;
import com.tradeprocessing.integration.lambda.RuntimeNativeLibrary;
import com.tradeprocessing.integration.lambda.UnknownFunctionException;
import com.tradeprocessing.integration.provision.FunctionDeployer;
import com.tradeprocessing.integration.provision.FunctionSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.PackageType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The default backend: moto in server mode (the embedded emulator) and the local Lambda host that
 * runs the real handlers for it. Functions are created as image functions exactly as the templates
 * define them; the host reads their configuration back from moto's Lambda API.
 */
public final class EmbeddedBackend implements Backend {

  /** moto's account for any credentials. */
  static final String ACCOUNT = "123456789012";

  static final Region REGION = Region.US_EAST_1;
  private static final String ACCESS_KEY = "testing";
  private static final String SECRET_KEY = "testing";

  private final LambdaHost host;
  private final EmulatorProcess emulator;
  private final BackendClients clients;

  private EmbeddedBackend(LambdaHost host, EmulatorProcess emulator, BackendClients clients) {
    this.host = host;
    this.emulator = emulator;
    this.clients = clients;
  }

  /**
   * Starts the Lambda host, then the emulator pointed at it.
   *
   * @param workDirectory where task roots, container logs and the emulator log go
   * @param retryWaitScale factor of the state machine's retry waits
   * @param containersPerFunction the concurrency of each function
   */
  public static EmbeddedBackend start(
      ProjectLayout layout, Path workDirectory, double retryWaitScale, int containersPerFunction)
      throws IOException {
    return start(layout, workDirectory, retryWaitScale, containersPerFunction, Map.of());
  }

  /**
   * As {@link #start(ProjectLayout, Path, double, int)}, with variables added to the emulator's
   * environment (for example {@code EMULATOR_FAULTS}, its test-only fault injection).
   */
  public static EmbeddedBackend start(
      ProjectLayout layout,
      Path workDirectory,
      double retryWaitScale,
      int containersPerFunction,
      Map<String, String> emulatorEnvironment)
      throws IOException {
    Path runtimeLibrary = layout.lambdaRuntimeLibrary();
    layout.python();
    deleteRecursively(workDirectory.resolve("logs"));
    Path nativeLibrary =
        RuntimeNativeLibrary.extract(runtimeLibrary, workDirectory.resolve("runtime"));
    AtomicReference<BackendClients> clients = new AtomicReference<>();
    AtomicReference<URI> endpoint = new AtomicReference<>();
    LambdaHost host =
        LambdaHost.start(
            name -> configuration(clients.get(), name),
            new FunctionCode(layout.modules(), workDirectory.resolve("tasks")),
            () ->
                new ContainerSettings(
                    ContainerSettings.currentJava(),
                    runtimeLibrary,
                    workDirectory.resolve("logs"),
                    sandboxEnvironment(endpoint.get()),
                    containersPerFunction,
                    Map.of(RuntimeNativeLibrary.PROPERTY, nativeLibrary.toString())));
    EmulatorProcess emulator;
    try {
      emulator =
          EmulatorProcess.start(
              layout,
              host.url(),
              retryWaitScale,
              workDirectory.resolve("logs/emulator.log"),
              emulatorEnvironment);
    } catch (IOException | RuntimeException e) {
      host.close();
      throw e;
    }
    endpoint.set(emulator.endpoint());
    clients.set(new BackendClients(emulator.endpoint(), REGION, ACCESS_KEY, SECRET_KEY));
    return new EmbeddedBackend(host, emulator, clients.get());
  }

  /** What Lambda puts in every sandbox, and the one local addition: the emulator's endpoint. */
  private static Map<String, String> sandboxEnvironment(URI endpoint) {
    return Map.of(
        "AWS_REGION",
        REGION.id(),
        "AWS_DEFAULT_REGION",
        REGION.id(),
        "AWS_ACCESS_KEY_ID",
        ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY",
        SECRET_KEY,
        "AWS_SESSION_TOKEN",
        "local-session",
        "AWS_ENDPOINT_URL",
        endpoint.toString());
  }

  private static FunctionConfiguration configuration(BackendClients clients, String name) {
    GetFunctionConfigurationResponse function;
    try {
      function = clients.lambda().getFunctionConfiguration(request -> request.functionName(name));
    } catch (ResourceNotFoundException e) {
      throw new UnknownFunctionException(name, e);
    }
    return FunctionConfiguration.from(function, name);
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!java.nio.file.Files.isDirectory(directory)) {
      return;
    }
    try (var paths = java.nio.file.Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(path);
      }
    }
  }

  @Override
  public URI endpoint() {
    return emulator.endpoint();
  }

  @Override
  public Region region() {
    return REGION;
  }

  @Override
  public String account() {
    return ACCOUNT;
  }

  @Override
  public BackendClients clients() {
    return clients;
  }

  @Override
  public InetAddress addressForFunctions() {
    return InetAddress.getLoopbackAddress();
  }

  @Override
  public String description() {
    return "embedded emulator (moto) at " + emulator.endpoint() + ", Lambda host at " + host.url();
  }

  @Override
  public FunctionDeployer functionDeployer() {
    return functionDeployer(clients);
  }

  @Override
  public BackendClients clientsOf(Region region) {
    return new BackendClients(emulator.endpoint(), region, ACCESS_KEY, SECRET_KEY);
  }

  @Override
  public FunctionDeployer functionDeployer(BackendClients clients) {
    return new FunctionDeployer() {
      @Override
      public String create(FunctionSpec function) {
        return clients
            .lambda()
            .createFunction(
                request -> {
                  request
                      .functionName(function.name())
                      .description(function.description())
                      .role(function.roleArn())
                      .packageType(PackageType.IMAGE)
                      .code(code -> code.imageUri(function.imageUri()))
                      .imageConfig(image -> image.command(function.imageCommand()))
                      .timeout(function.timeoutSeconds())
                      .memorySize(function.memoryMb())
                      .architectures(
                          function.architectures().stream().map(Architecture::fromValue).toList())
                      .environment(environment -> environment.variables(function.environment()));
                  function
                      .deadLetterTargetArn()
                      .ifPresent(arn -> request.deadLetterConfig(dlq -> dlq.targetArn(arn)));
                  function
                      .tracingMode()
                      .ifPresent(mode -> request.tracingConfig(t -> t.mode(mode)));
                  if (function.logGroup().isPresent() || function.logFormat().isPresent()) {
                    request.loggingConfig(
                        logging -> {
                          function.logGroup().ifPresent(logging::logGroup);
                          function.logFormat().ifPresent(logging::logFormat);
                          function.applicationLogLevel().ifPresent(logging::applicationLogLevel);
                          function.systemLogLevel().ifPresent(logging::systemLogLevel);
                        });
                  }
                })
            .functionArn();
      }

      @Override
      public void configurationChanged(String functionName) {
        host.recycle(functionName);
      }

      @Override
      public void prewarm(String functionName) {
        host.prewarm(functionName);
      }
    };
  }

  @Override
  public void close() {
    try {
      clients.close();
    } finally {
      try {
        emulator.close();
      } finally {
        host.close();
      }
    }
  }
}

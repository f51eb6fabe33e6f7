package com.tradeprocessing.integration;

import com.tradeprocessing.integration.lambda.FunctionCode;
import com.tradeprocessing.integration.platform.Backend;
import com.tradeprocessing.integration.platform.BackendClients;
import com.tradeprocessing.integration.platform.BackendFactory;
import com.tradeprocessing.integration.platform.PlatformSettings;
import com.tradeprocessing.integration.platform.ProjectLayout;
import com.tradeprocessing.integration.provision.FunctionDeployer;
import com.tradeprocessing.integration.provision.FunctionSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * LocalStack in Docker (Testcontainers) as the backend of the same end-to-end tests: {@code mvn
 * verify -Plocalstack}, which needs Docker and {@code LOCALSTACK_AUTH_TOKEN}. LocalStack runs the
 * state machine, the rules and the functions itself; the functions are created as {@code java21}
 * zip functions (the task root of the image: classes at the top, jars in {@code lib/}) with the
 * handler, environment, timeout and memory of the templates, since LocalStack needs a registry for
 * image functions. Functions reach this machine's servers through {@code host.docker.internal}.
 *
 * <p>Differences from the embedded backend: retry waits are the definition's own (LocalStack cannot
 * scale them, so the failure tests take minutes), and event delivery is asynchronous.
 */
final class LocalStackBackendFactory implements BackendFactory {

  /** System property overriding the image. */
  static final String IMAGE_PROPERTY = "localstack.image";

  static final String DEFAULT_IMAGE = "localstack/localstack-pro:4.9";
  private static final String HOST_NAME = "host.docker.internal";

  @Override
  public Backend start(ProjectLayout layout, PlatformSettings settings) throws IOException {
    String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
    if (token == null || token.isBlank()) {
      throw new IllegalStateException(
          "the localstack profile needs LOCALSTACK_AUTH_TOKEN in the environment (and Docker)");
    }
    DockerImageName image =
        DockerImageName.parse(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE))
            .asCompatibleSubstituteFor("localstack/localstack");
    LocalStackContainer container =
        new LocalStackContainer(image)
            .withEnv("LOCALSTACK_AUTH_TOKEN", token)
            .withEnv("SERVICES", "dynamodb,sqs,ssm,events,stepfunctions,lambda,iam,sts")
            // Lambda containers are started by LocalStack through the Docker socket, on the host's
            // architecture, and can reach this machine as host.docker.internal.
            .withEnv("LAMBDA_IGNORE_ARCHITECTURE", "1")
            .withEnv("LAMBDA_DOCKER_FLAGS", "--add-host " + HOST_NAME + ":host-gateway")
            .withFileSystemBind("/var/run/docker.sock", "/var/run/docker.sock");
    container.start();
    return new LocalStackBackend(
        container,
        new FunctionCode(layout.modules(), settings.workDirectory().resolve("localstack-tasks")));
  }

  private static final class LocalStackBackend implements Backend {

    private final LocalStackContainer container;
    private final FunctionCode code;
    private final BackendClients clients;

    LocalStackBackend(LocalStackContainer container, FunctionCode code) {
      this.container = container;
      this.code = code;
      this.clients =
          new BackendClients(
              container.getEndpoint(),
              Region.of(container.getRegion()),
              container.getAccessKey(),
              container.getSecretKey());
    }

    @Override
    public URI endpoint() {
      return container.getEndpoint();
    }

    @Override
    public Region region() {
      return Region.of(container.getRegion());
    }

    @Override
    public String account() {
      return "000000000000";
    }

    @Override
    public BackendClients clients() {
      return clients;
    }

    @Override
    public InetAddress addressForFunctions() {
      try {
        // Lambda containers reach this machine through the Docker bridge, not the loopback.
        return InetAddress.getByName("0.0.0.0");
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String hostForFunctions() {
      return HOST_NAME;
    }

    @Override
    public String description() {
      return "LocalStack " + container.getDockerImageName() + " at " + container.getEndpoint();
    }

    @Override
    public FunctionDeployer functionDeployer() {
      return new FunctionDeployer() {
        @Override
        public String create(FunctionSpec function) {
          String handler = function.imageCommand().get(0);
          byte[] zip = zip(code.taskRoot(function.name(), handler));
          String arn =
              clients
                  .lambda()
                  .createFunction(
                      request ->
                          request
                              .functionName(function.name())
                              .description(function.description())
                              .role(function.roleArn())
                              .runtime(Runtime.JAVA21)
                              .handler(handler)
                              .code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))
                              .timeout(function.timeoutSeconds())
                              .memorySize(function.memoryMb())
                              .environment(e -> e.variables(function.environment())))
                  .functionArn();
          clients.lambda().waiter().waitUntilFunctionActiveV2(r -> r.functionName(function.name()));
          return arn;
        }

        @Override
        public void configurationChanged(String functionName) {
          clients.lambda().waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(functionName));
        }
      };
    }

    @Override
    public void close() {
      try {
        clients.close();
      } finally {
        container.stop();
      }
    }

    private static byte[] zip(Path taskRoot) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(bytes);
          Stream<Path> files = Files.walk(taskRoot, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          zip.putNextEntry(new ZipEntry(taskRoot.relativize(file).toString().replace('\\', '/')));
          Files.copy(file, zip);
          zip.closeEntry();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }
  }
}

package com.tradeprocessing.integration.lambda;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the host starts a function's containers.
 *
 * @param javaCommand the {@code java} executable of the containers (a JDK 21 or newer)
 * @param runtimeLibrary the directory of the runtime interface client and its libraries, the
 *     image's {@code /var/runtime/lib}
 * @param logDirectory where each container's stdout and stderr go, one file per container
 * @param sandboxEnvironment variables Lambda sets in every sandbox and this machine adds: region,
 *     credentials, and the backend's endpoint ({@code AWS_ENDPOINT_URL}); the function's own
 *     variables are applied over them
 * @param maxContainersPerFunction the concurrency of each function: at most this many containers
 * @param systemProperties system properties of every container JVM (the runtime client's native
 *     library, see {@link RuntimeNativeLibrary})
 * @param jvmOptions the JVM options of a function's containers, before the system properties and
 *     the classpath: {@link #lambdaJava21Options} unless a benchmark compares others
 */
public record ContainerSettings(
    Path javaCommand,
    Path runtimeLibrary,
    Path logDirectory,
    Map<String, String> sandboxEnvironment,
    int maxContainersPerFunction,
    Map<String, String> systemProperties,
    Function<FunctionConfiguration, List<String>> jvmOptions) {

  public ContainerSettings {
    Objects.requireNonNull(javaCommand, "javaCommand");
    Objects.requireNonNull(runtimeLibrary, "runtimeLibrary");
    Objects.requireNonNull(logDirectory, "logDirectory");
    sandboxEnvironment = Map.copyOf(sandboxEnvironment);
    systemProperties = Map.copyOf(systemProperties);
    Objects.requireNonNull(jvmOptions, "jvmOptions");
    if (maxContainersPerFunction < 1) {
      throw new IllegalArgumentException("maxContainersPerFunction must be at least 1");
    }
  }

  /** Settings whose containers start with the java21 runtime's own options. */
  public ContainerSettings(
      Path javaCommand,
      Path runtimeLibrary,
      Path logDirectory,
      Map<String, String> sandboxEnvironment,
      int maxContainersPerFunction,
      Map<String, String> systemProperties) {
    this(
        javaCommand,
        runtimeLibrary,
        logDirectory,
        sandboxEnvironment,
        maxContainersPerFunction,
        systemProperties,
        ContainerSettings::lambdaJava21Options);
  }

  /**
   * The options the java21 runtime's bootstrap starts the JVM with: serial GC, C1 only, the JDK's
   * class-data sharing archive when usable, the heap at 85% of the function's memory, IPv4. (The
   * bootstrap also loads a Log4Shell hot-patch agent and its own CDS archive, which exist only in
   * the image.) See docs/performance.md for the sources.
   */
  public static List<String> lambdaJava21Options(FunctionConfiguration function) {
    return List.of(
        "-XX:+UseSerialGC",
        "-XX:+TieredCompilation",
        "-XX:TieredStopAtLevel=1",
        "-Xshare:auto",
        "-XX:MaxHeapSize=" + Math.max(128, function.memoryMb() * 85 / 100) + "m",
        "-Djava.net.preferIPv4Stack=true");
  }

  /** The {@code java} of the JVM running this code. */
  public static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}

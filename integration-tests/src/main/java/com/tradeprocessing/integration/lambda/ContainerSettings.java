package com.tradeprocessing.integration.lambda;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

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
 */
public record ContainerSettings(
    Path javaCommand,
    Path runtimeLibrary,
    Path logDirectory,
    Map<String, String> sandboxEnvironment,
    int maxContainersPerFunction,
    Map<String, String> systemProperties) {

  public ContainerSettings {
    Objects.requireNonNull(javaCommand, "javaCommand");
    Objects.requireNonNull(runtimeLibrary, "runtimeLibrary");
    Objects.requireNonNull(logDirectory, "logDirectory");
    sandboxEnvironment = Map.copyOf(sandboxEnvironment);
    systemProperties = Map.copyOf(systemProperties);
    if (maxContainersPerFunction < 1) {
      throw new IllegalArgumentException("maxContainersPerFunction must be at least 1");
    }
  }

  /** The {@code java} of the JVM running this code. */
  public static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}

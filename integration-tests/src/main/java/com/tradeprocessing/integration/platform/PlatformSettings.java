package com.tradeprocessing.integration.platform;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to run the local platform.
 *
 * @param environmentSuffix the templates' {@code EnvironmentSuffix} (every resource name ends with
 *     it)
 * @param parameterOverrides values for parameters of the root template, over their defaults
 * @param retryWaitScale factor of the state machine's retry waits (1 keeps the definition's)
 * @param containersPerFunction the concurrency of each function
 * @param workDirectory where the platform keeps task roots and logs
 * @param log where progress lines go
 */
public record PlatformSettings(
    String environmentSuffix,
    Map<String, String> parameterOverrides,
    double retryWaitScale,
    int containersPerFunction,
    Path workDirectory,
    Consumer<String> log) {

  public PlatformSettings {
    Objects.requireNonNull(environmentSuffix, "environmentSuffix");
    parameterOverrides = Map.copyOf(parameterOverrides);
    Objects.requireNonNull(workDirectory, "workDirectory");
    Objects.requireNonNull(log, "log");
  }
}

package com.tradeprocessing.integration.platform;

import java.io.IOException;

/** Starts the backend the platform runs on. */
@FunctionalInterface
public interface BackendFactory {

  Backend start(ProjectLayout layout, PlatformSettings settings) throws IOException;

  /** The default: moto and the local Lambda host. */
  static BackendFactory embedded() {
    return (layout, settings) ->
        EmbeddedBackend.start(
            layout,
            settings.workDirectory(),
            settings.retryWaitScale(),
            settings.containersPerFunction());
  }
}

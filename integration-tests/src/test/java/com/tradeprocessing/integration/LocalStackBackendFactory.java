package com.tradeprocessing.integration;

import com.tradeprocessing.integration.platform.Backend;
import com.tradeprocessing.integration.platform.BackendFactory;
import com.tradeprocessing.integration.platform.PlatformSettings;
import com.tradeprocessing.integration.platform.ProjectLayout;

/** Starts LocalStack in Docker (Testcontainers) as the backend: {@code mvn verify -Plocalstack}. */
final class LocalStackBackendFactory implements BackendFactory {

  @Override
  public Backend start(ProjectLayout layout, PlatformSettings settings) {
    throw new UnsupportedOperationException("not yet");
  }
}

package com.tradeprocessing.integration;

import com.tradeprocessing.integration.platform.BackendFactory;
import com.tradeprocessing.integration.platform.LocalPlatform;
import com.tradeprocessing.integration.platform.PlatformSettings;
import com.tradeprocessing.integration.platform.ProjectLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the local platform once for every end-to-end test of the run and gives the tests a {@link
 * Pipeline} on it. The backend is chosen by the {@value #BACKEND_PROPERTY} system property, which
 * the build sets ({@code embedded} by default, {@code localstack} with {@code -Plocalstack}); the
 * tests never know which one they talk to.
 */
public final class TestPlatform implements ParameterResolver {

  static final String BACKEND_PROPERTY = "platform.backend";

  /** Retry waits of the state machine are cut to a hundredth (1 s becomes 10 ms). */
  static final double RETRY_WAIT_SCALE = 0.01;

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Pipeline.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(TestPlatform.class))
        .getOrComputeIfAbsent(Pipeline.class, key -> start(), Pipeline.class);
  }

  private static Pipeline start() {
    ProjectLayout layout = ProjectLayout.locate();
    String backend = System.getProperty(BACKEND_PROPERTY, "embedded");
    BackendFactory backends =
        switch (backend) {
          case "embedded" -> BackendFactory.embedded();
          case "localstack" -> new LocalStackBackendFactory();
          default ->
              throw new IllegalStateException(
                  BACKEND_PROPERTY + "=" + backend + ": expected embedded or localstack");
        };
    PlatformSettings settings =
        new PlatformSettings(
            "it",
            Map.of(),
            RETRY_WAIT_SCALE,
            2,
            layout.root().resolve("integration-tests/target/it-platform"),
            line -> {});
    try {
      return new Pipeline(LocalPlatform.start(layout, settings, backends));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package com.tradeprocessing.integration.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where things are in the project checkout: the templates, the emulator launcher, the project
 * virtualenv, the function modules and the runtime interface client copied at build time.
 */
public record ProjectLayout(Path root) {

  /** System property naming the project root; the build passes it to the tests. */
  public static final String ROOT_PROPERTY = "project.root";

  /**
   * System property naming the Python that runs the emulator (default {@code .venv/bin/python}).
   */
  public static final String PYTHON_PROPERTY = "emulator.python";

  public ProjectLayout {
    root = root.toAbsolutePath().normalize();
  }

  /** The project root: the {@value #ROOT_PROPERTY} property, else the nearest parent with it. */
  public static ProjectLayout locate() {
    String configured = System.getProperty(ROOT_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return checked(Path.of(configured));
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("templates/root.json"))
          && Files.isRegularFile(dir.resolve("emulator/moto_launcher.py"))) {
        return new ProjectLayout(dir);
      }
    }
    throw new IllegalStateException(
        "cannot find the project root (a directory with templates/root.json and"
            + " emulator/moto_launcher.py) above "
            + Path.of("").toAbsolutePath()
            + "; set -D"
            + ROOT_PROPERTY);
  }

  private static ProjectLayout checked(Path root) {
    ProjectLayout layout = new ProjectLayout(root);
    if (!Files.isRegularFile(layout.templates().resolve("root.json"))) {
      throw new IllegalStateException(
          ROOT_PROPERTY + "=" + root + " is not the project root: no templates/root.json");
    }
    return layout;
  }

  public Path templates() {
    return root.resolve("templates");
  }

  public Path emulatorLauncher() {
    return root.resolve("emulator/moto_launcher.py");
  }

  /**
   * The Python of the project virtualenv ({@code make venv}), or the {@value #PYTHON_PROPERTY}
   * property.
   *
   * @throws IllegalStateException when it does not exist: the emulator cannot run without it, and a
   *     test that needs it must fail, never skip
   */
  public Path python() {
    String configured = System.getProperty(PYTHON_PROPERTY);
    Path python =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : root.resolve(".venv/bin/python");
    if (!Files.isExecutable(python)) {
      throw new IllegalStateException(
          "the embedded emulator needs the project virtualenv: "
              + python
              + " does not exist. Run `make venv` in "
              + root
              + " (it installs moto from tools/requirements.txt).");
    }
    return python;
  }

  /** The runtime interface client and its libraries, copied by the integration-tests build. */
  public Path lambdaRuntimeLibrary() {
    Path library = root.resolve("integration-tests/target/lambda-runtime");
    if (!Files.isDirectory(library)) {
      throw new IllegalStateException(
          library
              + " does not exist: build the integration-tests module first"
              + " (mvn -pl integration-tests -am package -DskipTests)");
    }
    return library;
  }

  /** Every module directory of the project: where the local Lambda host looks for handlers. */
  public List<Path> modules() {
    try (Stream<Path> entries = Files.list(root)) {
      return entries.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml"))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

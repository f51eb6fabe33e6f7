package com.tradeprocessing.integration.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the code of a handler among the project's function modules and lays it out as the image's
 * {@code /var/task} (ADR 0034): the module's jar and its runtime dependencies ({@code
 * target/lambda/lib}, copied there at package time) side by side in {@code lib/}, nothing else. The
 * JVM has those jars on its class path ({@link #classPath}), as the image's {@code java.args} puts
 * them, so that its class-data archive can hold every class the function loads.
 */
public final class FunctionCode {

  private final List<Path> moduleDirectories;
  private final Path stagingDirectory;

  /**
   * @param moduleDirectories the project's module directories, searched for the handler class
   * @param stagingDirectory where the task roots are laid out, one directory per function
   */
  public FunctionCode(List<Path> moduleDirectories, Path stagingDirectory) {
    this.moduleDirectories = List.copyOf(moduleDirectories);
    this.stagingDirectory = stagingDirectory;
  }

  /**
   * The task root of {@code functionName}, whose image runs {@code handler}, laid out afresh.
   *
   * @throws FunctionCodeNotFoundException when no built module holds the handler class
   */
  public synchronized Path taskRoot(String functionName, String handler) {
    Path module = moduleOf(handler);
    Path lib = module.resolve("target/lambda/lib");
    if (!Files.isDirectory(lib)) {
      throw new FunctionCodeNotFoundException(
          lib
              + " does not exist: package the function module first (mvn package -pl "
              + module.getFileName()
              + " -am -DskipTests)");
    }
    Path moduleJar = moduleJar(module);
    Path root = stagingDirectory.resolve(functionName);
    try {
      deleteRecursively(root);
      Path taskLib = Files.createDirectories(root.resolve("lib"));
      link(taskLib.resolve(moduleJar.getFileName().toString()), moduleJar);
      try (Stream<Path> jars = Files.list(lib)) {
        for (Path jar : jars.toList()) {
          link(taskLib.resolve(jar.getFileName().toString()), jar);
        }
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lay out the task root " + root, e);
    }
  }

  /**
   * The JVM class path of a function laid out by {@link #taskRoot}, as the image's {@code
   * java.args} has it: the runtime interface client's jars, then the task's, each set in name
   * order. A class-data archive is only used with the class path it was written with, so the order
   * is fixed rather than the directory's.
   */
  public static String classPath(Path runtimeLibrary, Path taskRoot) {
    List<Path> jars = new ArrayList<>(jarsIn(runtimeLibrary));
    jars.addAll(jarsIn(taskRoot.resolve("lib")));
    return String.join(java.io.File.pathSeparator, jars.stream().map(Path::toString).toList());
  }

  private static List<Path> jarsIn(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .filter(path -> path.getFileName().toString().endsWith(".jar"))
          .sorted(java.util.Comparator.comparing(path -> path.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  /**
   * The module's own jar ({@code target/<artifact>-<version>.jar}), which the package build writes.
   */
  private static Path moduleJar(Path module) {
    Path target = module.resolve("target");
    try (Stream<Path> entries = Files.list(target)) {
      List<Path> jars =
          entries
              .filter(
                  path -> {
                    String name = path.getFileName().toString();
                    return name.endsWith(".jar")
                        && !name.endsWith("-tests.jar")
                        && !name.endsWith("-sources.jar");
                  })
              .toList();
      if (jars.size() != 1) {
        throw new FunctionCodeNotFoundException(
            target
                + (jars.isEmpty() ? " has no jar" : " has several jars " + jars)
                + ": package the function module first (mvn package -pl "
                + module.getFileName()
                + " -am -DskipTests)");
      }
      return jars.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + target, e);
    }
  }

  /** The module whose {@code target/classes} holds the handler's class. */
  Path moduleOf(String handler) {
    String className =
        handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
    String classFile = className.replace('.', '/') + ".class";
    List<Path> found = new ArrayList<>();
    for (Path module : moduleDirectories) {
      if (Files.isRegularFile(module.resolve("target/classes").resolve(classFile))) {
        found.add(module);
      }
    }
    if (found.size() != 1) {
      throw new FunctionCodeNotFoundException(
          found.isEmpty()
              ? "no built module has "
                  + classFile
                  + " (handler "
                  + handler
                  + "): package the function modules first (make build, or mvn package"
                  + " -DskipTests)"
              : "several modules have " + classFile + ": " + found);
    }
    return found.get(0);
  }

  private static void link(Path link, Path target) throws IOException {
    try {
      Files.createSymbolicLink(link, target.toAbsolutePath());
    } catch (UnsupportedOperationException | IOException e) {
      copyRecursively(target, link);
    }
  }

  private static void copyRecursively(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.toList()) {
        Path destination = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(path, destination);
        }
      }
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    // Links are deleted, never followed: they point into the modules' build output.
    if (Files.isSymbolicLink(root) || !Files.isDirectory(root)) {
      Files.delete(root);
      return;
    }
    try (Stream<Path> entries = Files.list(root)) {
      for (Path entry : entries.toList()) {
        deleteRecursively(entry);
      }
    }
    Files.delete(root);
  }
}

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
 * {@code /var/task}: the module's {@code target/classes} at the top and its runtime dependencies
 * ({@code target/lambda/lib}, copied there at package time) in {@code lib/}. The runtime interface
 * client loads exactly that directory, as in the image.
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
    Path classes = module.resolve("target/classes");
    Path lib = module.resolve("target/lambda/lib");
    if (!Files.isDirectory(lib)) {
      throw new FunctionCodeNotFoundException(
          lib
              + " does not exist: package the function module first (mvn package -pl "
              + module.getFileName()
              + " -am -DskipTests)");
    }
    Path root = stagingDirectory.resolve(functionName);
    try {
      deleteRecursively(root);
      Files.createDirectories(root);
      try (Stream<Path> entries = Files.list(classes)) {
        for (Path entry : entries.toList()) {
          link(root.resolve(entry.getFileName().toString()), entry);
        }
      }
      link(root.resolve("lib"), lib);
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lay out the task root " + root, e);
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

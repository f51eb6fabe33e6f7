package com.tradeprocessing.integration.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The native part of the runtime interface client (its Runtime API client), extracted once for all
 * containers. Left to itself, the client extracts it to the fixed path {@code
 * /tmp/.libaws-lambda-jni.so} at every start: fine in a Lambda sandbox, which has a /tmp of its
 * own, but containers starting together on one machine would overwrite the library while another
 * loads it (seen: SIGBUS in the dynamic loader). The client reads the path from a system property
 * instead, when set.
 */
public final class RuntimeNativeLibrary {

  /** The client's own property naming the library to load. */
  public static final String PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  private RuntimeNativeLibrary() {}

  /** Extracts the library for this machine from the client's jar in {@code runtimeLibrary}. */
  public static Path extract(Path runtimeLibrary, Path directory) throws IOException {
    Path jar;
    try (Stream<Path> files = Files.list(runtimeLibrary)) {
      jar =
          files
              .filter(
                  file ->
                      file.getFileName()
                          .toString()
                          .startsWith("aws-lambda-java-runtime-interface-client-"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no aws-lambda-java-runtime-interface-client jar in " + runtimeLibrary));
    }
    String entry = "jni/libaws-lambda-jni." + platform() + ".so";
    Files.createDirectories(directory);
    Path library = directory.resolve("libaws-lambda-jni.so");
    try (JarFile archive = new JarFile(jar.toFile())) {
      var jarEntry = archive.getJarEntry(entry);
      if (jarEntry == null) {
        throw new IllegalStateException(jar + " has no " + entry + " for this machine");
      }
      Path partial = Files.createTempFile(directory, "libaws-lambda-jni", ".part");
      try (InputStream in = archive.getInputStream(jarEntry)) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      }
      // A rename, so that a container never sees a half-written library.
      Files.move(
          partial, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    return library;
  }

  private static String platform() {
    String arch = System.getProperty("os.arch");
    String cpu =
        switch (arch) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64", "arm64" -> "aarch_64";
          default -> throw new IllegalStateException("no runtime client library for " + arch);
        };
    boolean musl;
    try (Stream<Path> lib = Files.list(Path.of("/lib"))) {
      musl = lib.anyMatch(file -> file.getFileName().toString().startsWith("ld-musl-"));
    } catch (IOException e) {
      musl = false;
    }
    return (musl ? "linux_musl-" : "linux-") + cpu;
  }
}

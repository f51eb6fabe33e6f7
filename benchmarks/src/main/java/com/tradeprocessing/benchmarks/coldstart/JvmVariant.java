package com.tradeprocessing.benchmarks.coldstart;

import com.tradeprocessing.integration.lambda.ContainerSettings;
import com.tradeprocessing.integration.lambda.FunctionConfiguration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A way to start a function's JVM, compared by the cold-start harness.
 *
 * <ul>
 *   <li>{@link #SHIPPED}: what the image runs (ADR 0029, images/jvm-options): the java21 runtime's
 *       options plus the image's application class-data sharing archive, which a training run of
 *       the same function dumped at exit ({@code -XX:ArchiveClassesAtExit}), as the image build
 *       does with the image's own JVM;
 *   <li>{@link #NO_ARCHIVE}: the same options without the archive (what the images shipped before
 *       ADR 0029, on the Lambda java21 base);
 *   <li>{@link #DEFAULTS}: no option at all, the JVM's ergonomics (the baseline of the ratios);
 *   <li>{@link #AOT_CACHE}: as shipped, plus a JDK 24+ ahead-of-time cache trained the same way
 *       ({@code -XX:AOTCacheOutput}); the java21 image's JVM cannot read one, so it only shows what
 *       a newer runtime would give.
 * </ul>
 */
enum JvmVariant {
  SHIPPED("as shipped (options + AppCDS archive)"),
  NO_ARCHIVE("options without the archive"),
  DEFAULTS("JVM defaults"),
  AOT_CACHE("options + JDK 25 AOT cache");

  private final String label;

  JvmVariant(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  boolean needsTraining() {
    return this == SHIPPED || this == AOT_CACHE;
  }

  /** Whether the training run writes a CDS archive (else an AOT cache). */
  boolean writesCdsArchive() {
    return this == SHIPPED;
  }

  /** The options of a measured run; {@code archives} holds each function's trained archive. */
  List<String> options(FunctionConfiguration function, Path archives) {
    List<String> options = new ArrayList<>();
    if (this != DEFAULTS) {
      options.addAll(shippedOptions(function));
    }
    switch (this) {
      case SHIPPED -> options.add("-XX:SharedArchiveFile=" + cdsArchive(archives, function));
      case AOT_CACHE -> options.add("-XX:AOTCache=" + aotCache(archives, function));
      default -> {}
    }
    return options;
  }

  /** The options of the training run that writes the archive this variant reads. */
  List<String> trainingOptions(FunctionConfiguration function, Path archives) {
    List<String> options = new ArrayList<>(shippedOptions(function));
    switch (this) {
      case SHIPPED -> options.add("-XX:ArchiveClassesAtExit=" + cdsArchive(archives, function));
      case AOT_CACHE -> options.add("-XX:AOTCacheOutput=" + aotCache(archives, function));
      default -> throw new IllegalStateException(this + " has no training run");
    }
    return options;
  }

  /**
   * The image's options; an AOT cache refuses any explicit -Xshare, and is the class data itself.
   */
  private List<String> shippedOptions(FunctionConfiguration function) {
    List<String> options = new ArrayList<>(ContainerSettings.lambdaJava21Options(function));
    if (this == AOT_CACHE) {
      options.removeIf(option -> option.startsWith("-Xshare:"));
    }
    return options;
  }

  Path archive(Path archives, FunctionConfiguration function) {
    return this == AOT_CACHE ? aotCache(archives, function) : cdsArchive(archives, function);
  }

  private static Path cdsArchive(Path archives, FunctionConfiguration function) {
    return archives.resolve(function.name() + ".jsa");
  }

  private static Path aotCache(Path archives, FunctionConfiguration function) {
    return archives.resolve(function.name() + ".aot");
  }
}

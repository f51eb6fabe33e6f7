package com.tradeprocessing.templates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The templates of this module: the {@code *.json} files of the module directory. */
final class ProjectTemplates {

  /** Surefire runs in the module directory, which holds the templates. */
  static final Path DIRECTORY = Path.of("").toAbsolutePath();

  private static final TemplateSet ALL = load();

  private ProjectTemplates() {}

  static TemplateSet all() {
    return ALL;
  }

  /** The project templates deployed to the region with the given parameter values. */
  static SampleDeployment deployedIn(String region, Map<String, String> parameters) {
    return new SampleDeployment(ALL, region, parameters);
  }

  private static TemplateSet load() {
    if (!Files.isRegularFile(DIRECTORY.resolve("root.json"))) {
      throw new IllegalStateException(
          "run the tests from the templates module directory; no root.json in " + DIRECTORY);
    }
    return TemplateSet.load(DIRECTORY);
  }
}

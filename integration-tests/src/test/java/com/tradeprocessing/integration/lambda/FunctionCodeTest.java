package com.tradeprocessing.integration.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionCodeTest {

  @Test
  void taskRoot_handlerOfABuiltModule_shouldLayOutTheModuleJarAndItsLibrariesInLib(
      @TempDir Path directory) throws Exception {
    // GIVEN
    Path module = packagedModule(directory.resolve("validator"));
    Files.writeString(module.resolve("target/lambda/lib/dependency.jar"), "jar");
    Files.writeString(module.resolve("target/validator-1.0.0-SNAPSHOT-tests.jar"), "tests");
    Files.createDirectories(directory.resolve("other/target/classes"));
    FunctionCode code =
        new FunctionCode(List.of(directory.resolve("other"), module), directory.resolve("tasks"));

    // WHEN
    Path root = code.taskRoot("lambda-validator-dev", "com.example.Handler::handleRequest");

    // THEN the image's /var/task: jars in lib/, no loose classes
    assertThat(root).isEqualTo(directory.resolve("tasks/lambda-validator-dev"));
    assertThat(root.resolve("lib/validator-1.0.0-SNAPSHOT.jar")).hasContent("module jar");
    assertThat(root.resolve("lib/dependency.jar")).hasContent("jar");
    try (var entries = Files.list(root)) {
      assertThat(entries.map(path -> path.getFileName().toString())).containsExactly("lib");
    }
    try (var entries = Files.list(root.resolve("lib"))) {
      assertThat(entries.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("validator-1.0.0-SNAPSHOT.jar", "dependency.jar");
    }
  }

  @Test
  void classPath_taskRoot_shouldBeTheRuntimeClientsJarsThenTheTasksInNameOrder(
      @TempDir Path directory) throws Exception {
    // GIVEN
    Path runtime = Files.createDirectories(directory.resolve("runtime"));
    Files.writeString(runtime.resolve("runtime-client.jar"), "jar");
    Files.writeString(runtime.resolve("libaws-lambda-jni.so"), "native");
    Path module = packagedModule(directory.resolve("validator"));
    Files.writeString(module.resolve("target/lambda/lib/b-dependency.jar"), "jar");
    Files.writeString(module.resolve("target/lambda/lib/a-dependency.jar"), "jar");
    Path root =
        new FunctionCode(List.of(module), directory.resolve("tasks"))
            .taskRoot("f", "com.example.Handler::handleRequest");

    // WHEN
    String classPath = FunctionCode.classPath(runtime, root);

    // THEN
    assertThat(classPath.split(java.io.File.pathSeparator))
        .containsExactly(
            runtime.resolve("runtime-client.jar").toString(),
            root.resolve("lib/a-dependency.jar").toString(),
            root.resolve("lib/b-dependency.jar").toString(),
            root.resolve("lib/validator-1.0.0-SNAPSHOT.jar").toString());
  }

  @Test
  void taskRoot_moduleWithoutItsJar_shouldAskForThePackageBuild(@TempDir Path directory)
      throws Exception {
    // GIVEN classes and libraries, but no jar of the module
    Path module = packagedModule(directory.resolve("validator"));
    Files.delete(module.resolve("target/validator-1.0.0-SNAPSHOT.jar"));
    FunctionCode code = new FunctionCode(List.of(module), directory.resolve("tasks"));

    // WHEN / THEN
    assertThatThrownBy(() -> code.taskRoot("f", "com.example.Handler::handleRequest"))
        .isInstanceOf(FunctionCodeNotFoundException.class)
        .hasMessageContaining("has no jar")
        .hasMessageContaining("mvn package");
  }

  private static Path packagedModule(Path module) throws Exception {
    Files.createDirectories(module.resolve("target/classes/com/example"));
    Files.writeString(module.resolve("target/classes/com/example/Handler.class"), "class");
    Files.createDirectories(module.resolve("target/lambda/lib"));
    Files.writeString(
        module.resolve("target/" + module.getFileName() + "-1.0.0-SNAPSHOT.jar"), "module jar");
    return module;
  }

  @Test
  void taskRoot_calledAgain_shouldLayOutTheRootAfresh(@TempDir Path directory) throws Exception {
    // GIVEN
    Path module = packagedModule(directory.resolve("recorder"));
    FunctionCode code = new FunctionCode(List.of(module), directory.resolve("tasks"));
    Path first = code.taskRoot("f", "com.example.Handler::handleRequest");
    Files.writeString(first.resolve("stale-file"), "left over");

    // WHEN
    Path second = code.taskRoot("f", "com.example.Handler::handleRequest");

    // THEN
    assertThat(second.resolve("stale-file")).doesNotExist();
    assertThat(module.resolve("target/classes/com/example/Handler.class")).exists();
  }

  @Test
  void taskRoot_handlerInNoModule_shouldFailNamingTheClassAndTheBuild(@TempDir Path directory) {
    // GIVEN
    FunctionCode code = new FunctionCode(List.of(directory), directory.resolve("tasks"));

    // WHEN / THEN
    assertThatThrownBy(() -> code.taskRoot("f", "com.example.Missing::handleRequest"))
        .isInstanceOf(FunctionCodeNotFoundException.class)
        .hasMessageContaining("com/example/Missing.class")
        .hasMessageContaining("mvn package");
  }

  @Test
  void taskRoot_moduleWithoutPackagedLibraries_shouldAskForThePackageBuild(@TempDir Path directory)
      throws Exception {
    // GIVEN
    Path module = directory.resolve("enricher");
    Files.createDirectories(module.resolve("target/classes/com/example"));
    Files.writeString(module.resolve("target/classes/com/example/Handler.class"), "class");
    FunctionCode code = new FunctionCode(List.of(module), directory.resolve("tasks"));

    // WHEN / THEN
    assertThatThrownBy(() -> code.taskRoot("f", "com.example.Handler::handleRequest"))
        .isInstanceOf(FunctionCodeNotFoundException.class)
        .hasMessageContaining("target/lambda/lib");
  }

  @Test
  void nameOf_arnOrQualifiedName_shouldGiveTheFunctionName() {
    // WHEN / THEN
    assertThat(LambdaHost.nameOf("lambda-validator-dev")).isEqualTo("lambda-validator-dev");
    assertThat(LambdaHost.nameOf("lambda-validator-dev:live")).isEqualTo("lambda-validator-dev");
    assertThat(
            LambdaHost.nameOf(
                "arn:aws:lambda:us-east-1:123456789012:function:lambda-validator-dev"))
        .isEqualTo("lambda-validator-dev");
    assertThat(LambdaHost.nameOf("arn:aws:lambda:us-east-1:123456789012:function:f:3"))
        .isEqualTo("f");
  }
}

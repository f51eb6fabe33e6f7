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
  void taskRoot_handlerOfABuiltModule_shouldLayOutClassesAtTheTopAndLibrariesInLib(
      @TempDir Path directory) throws Exception {
    // GIVEN
    Path module = directory.resolve("validator");
    Files.createDirectories(module.resolve("target/classes/com/example"));
    Files.writeString(module.resolve("target/classes/com/example/Handler.class"), "class");
    Files.writeString(module.resolve("target/classes/log4j2.xml"), "<Configuration/>");
    Files.createDirectories(module.resolve("target/lambda/lib"));
    Files.writeString(module.resolve("target/lambda/lib/dependency.jar"), "jar");
    Files.createDirectories(directory.resolve("other/target/classes"));
    FunctionCode code =
        new FunctionCode(List.of(directory.resolve("other"), module), directory.resolve("tasks"));

    // WHEN
    Path root = code.taskRoot("lambda-validator-dev", "com.example.Handler::handleRequest");

    // THEN
    assertThat(root).isEqualTo(directory.resolve("tasks/lambda-validator-dev"));
    assertThat(root.resolve("com/example/Handler.class")).hasContent("class");
    assertThat(root.resolve("log4j2.xml")).exists();
    assertThat(root.resolve("lib/dependency.jar")).hasContent("jar");
  }

  @Test
  void taskRoot_calledAgain_shouldLayOutTheRootAfresh(@TempDir Path directory) throws Exception {
    // GIVEN
    Path module = directory.resolve("recorder");
    Files.createDirectories(module.resolve("target/classes/com/example"));
    Files.writeString(module.resolve("target/classes/com/example/Handler.class"), "class");
    Files.createDirectories(module.resolve("target/lambda/lib"));
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

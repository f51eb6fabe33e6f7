package com.tradeprocessing.integration.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerSettingsTest {

  private static FunctionConfiguration function(int memoryMb) {
    return new FunctionConfiguration(
        "lambda-validator-dev",
        "arn:aws:lambda:us-east-1:123456789012:function:lambda-validator-dev",
        "com.example.Handler::handleRequest",
        Map.of(),
        Duration.ofSeconds(15),
        memoryMb,
        "/aws/lambda/lambda-validator-dev",
        "JSON",
        "INFO");
  }

  @Test
  void lambdaJava21Options_functionOf1024Mb_shouldStartAsTheRuntimeBootstrapDoes() {
    // WHEN
    List<String> options = ContainerSettings.lambdaJava21Options(function(1024));

    // THEN the java21 runtime's options: serial GC, C1 only, the heap at 85% of the memory
    assertThat(options)
        .contains(
            "-XX:+UseSerialGC",
            "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1",
            "-XX:MaxHeapSize=870m",
            "-Djava.net.preferIPv4Stack=true");
  }

  @Test
  void constructor_withoutJvmOptions_shouldStartContainersWithTheJava21Options() {
    // GIVEN
    ContainerSettings settings =
        new ContainerSettings(
            Path.of("/usr/bin/java"),
            Path.of("/var/runtime/lib"),
            Path.of("logs"),
            Map.of(),
            2,
            Map.of());

    // WHEN
    List<String> options = settings.jvmOptions().apply(function(512));

    // THEN
    assertThat(options).isEqualTo(ContainerSettings.lambdaJava21Options(function(512)));
    assertThat(options).contains("-XX:MaxHeapSize=435m");
  }
}

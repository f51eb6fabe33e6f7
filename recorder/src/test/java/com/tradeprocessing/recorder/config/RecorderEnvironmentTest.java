package com.tradeprocessing.recorder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecorderEnvironmentTest {

  private static final Map<String, String> LAMBDA_ENV =
      Map.of(
          "TABLE_NAME", "dynamodb-trades-dev",
          "THRESHOLDS_PATH", "/trade-processing/dev/thresholds/",
          "AWS_REGION", "eu-west-1");

  @Test
  void from_requiredVariablesOnly_shouldUseTheDocumentedDefaults() {
    // WHEN
    RecorderEnvironment env = RecorderEnvironment.from(LAMBDA_ENV);

    // THEN
    assertThat(env)
        .isEqualTo(
            new RecorderEnvironment(
                "dynamodb-trades-dev",
                "/trade-processing/dev/thresholds/",
                "eu-west-1",
                "recorder",
                "TradeProcessing"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TABLE_NAME", "THRESHOLDS_PATH", "AWS_REGION"})
  void from_requiredVariableMissing_shouldFailNamingIt(String name) {
    // GIVEN
    Map<String, String> env = new HashMap<>(LAMBDA_ENV);
    env.remove(name);

    // WHEN / THEN
    assertThatThrownBy(() -> RecorderEnvironment.from(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(name);
  }
}

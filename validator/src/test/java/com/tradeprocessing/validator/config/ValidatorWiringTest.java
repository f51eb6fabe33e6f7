package com.tradeprocessing.validator.config;

import static com.tradeprocessing.function.testing.SdkClientAssertions.assertFunctionSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradeprocessing.function.FunctionEnvironment;
import com.tradeprocessing.function.aws.SdkClients;
import com.tradeprocessing.function.testing.RecordingHttpClient;
import com.tradeprocessing.model.fixtures.EventFixtures;
import com.tradeprocessing.validator.TestValidators;
import com.tradeprocessing.validator.ValidationResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class ValidatorWiringTest {

  /** The validator's Timeout in templates/functions.json. */
  private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(15);

  private static final Map<String, String> LAMBDA_ENVIRONMENT =
      Map.of(
          "AWS_REGION", "eu-west-1",
          "THRESHOLDS_PATH", "/trade-processing/test/thresholds/");

  @Test
  void fromEnvironment_lambdaEnvironment_shouldBuildTheSsmClientWithTheDocumentedSettings() {
    // WHEN
    ValidatorWiring wiring =
        ValidatorWiring.fromEnvironment(new FunctionEnvironment(LAMBDA_ENVIRONMENT));

    // THEN
    assertFunctionSettings(wiring.ssm().serviceClientConfiguration(), Region.EU_WEST_1);
    // The one SSM call of an invocation ends well inside the function's timeout (ADR 0025).
    assertThat(SdkClients.API_CALL_TIMEOUT.multipliedBy(3)).isLessThanOrEqualTo(FUNCTION_TIMEOUT);
  }

  @Test
  void of_built_shouldCallNothingUntilTheFirstTradeAndThenReadTheThresholdsThroughItsClient() {
    // GIVEN
    RecordingHttpClient http = new RecordingHttpClient();
    String path = LAMBDA_ENVIRONMENT.get("THRESHOLDS_PATH");
    Clock clock = TestValidators.CLOCK;

    // WHEN built, which sends nothing, and given the first trade
    ValidatorWiring wiring =
        http.wireCallingNothing(Region.EU_WEST_1, c -> ValidatorWiring.of(path, c, clock));
    ValidationResult result =
        wiring.validator().validate(EventFixtures.tradeEvent(EventFixtures.OMS_VALID));

    // THEN
    assertThat(result.isValid()).isTrue();
    assertThat(http.requests()).hasSize(1);
    assertThat(http.requests().get(0).host()).isEqualTo("ssm.eu-west-1.amazonaws.com");
    assertThat(http.requests().get(0).firstMatchingHeader("X-Amz-Target"))
        .contains("AmazonSSM.GetParametersByPath");
  }

  @Test
  void fromEnvironment_thresholdsPathMissing_shouldNameTheVariable() {
    // WHEN / THEN
    assertThatThrownBy(
            () ->
                ValidatorWiring.fromEnvironment(
                    new FunctionEnvironment(Map.of("AWS_REGION", "eu-west-1"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("THRESHOLDS_PATH");
  }

  @Test
  void fromEnvironment_regionMissing_shouldNameTheVariable() {
    // WHEN / THEN
    assertThatThrownBy(
            () ->
                ValidatorWiring.fromEnvironment(
                    new FunctionEnvironment(
                        Map.of("THRESHOLDS_PATH", "/trade-processing/test/thresholds/"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AWS_REGION");
  }
}

package com.tradeprocessing.recorder.config;

import static com.tradeprocessing.function.testing.SdkClientAssertions.assertFunctionSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradeprocessing.function.FunctionEnvironment;
import com.tradeprocessing.function.aws.SdkClients;
import com.tradeprocessing.function.testing.RecordingHttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;

class RecorderWiringTest {

  private static final Map<String, String> LAMBDA_ENVIRONMENT =
      Map.of(
          "AWS_REGION", "eu-west-1",
          "TABLE_NAME", "dynamodb-trades-test",
          "THRESHOLDS_PATH", "/trade-processing/test/thresholds/");

  /** The recorder's Timeout in templates/functions.json. */
  private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(20);

  @Test
  void fromEnvironment_lambdaEnvironment_shouldBuildBothClientsWithTheDocumentedSettings() {
    // WHEN
    RecorderWiring wiring =
        RecorderWiring.fromEnvironment(new FunctionEnvironment(LAMBDA_ENVIRONMENT));

    // THEN
    for (AwsServiceClientConfiguration client :
        new AwsServiceClientConfiguration[] {
          wiring.dynamoDb().serviceClientConfiguration(), wiring.ssm().serviceClientConfiguration()
        }) {
      assertFunctionSettings(client, Region.EU_WEST_1);
    }
    // The worst trade: one SSM read and three DynamoDB calls (a put, a duplicate's put, a
    // read-back), each cut at the call timeout, still ends inside the function's timeout.
    assertThat(SdkClients.API_CALL_TIMEOUT.multipliedBy(4)).isLessThan(FUNCTION_TIMEOUT);
  }

  @Test
  void of_built_shouldCallNothingUntilItsClientsAreUsed() {
    // GIVEN
    RecordingHttpClient http = new RecordingHttpClient();
    RecorderEnvironment environment = RecorderEnvironment.from(LAMBDA_ENVIRONMENT);
    Clock clock = Clock.systemUTC();

    // WHEN built, which sends nothing, and its clients are used
    RecorderWiring wiring =
        http.wireCallingNothing(Region.EU_WEST_1, c -> RecorderWiring.of(environment, c, clock));
    wiring.ssm().getParameter(request -> request.name("/trade-processing/test/thresholds/x"));
    wiring.dynamoDb().describeTable(request -> request.tableName("dynamodb-trades-test"));

    // THEN both clients send through the shared HTTP client
    assertThat(http.requests())
        .extracting(SdkHttpRequest::host)
        .containsExactly("ssm.eu-west-1.amazonaws.com", "dynamodb.eu-west-1.amazonaws.com");
  }

  @Test
  void fromEnvironment_tableNameMissing_shouldNameTheVariable() {
    // WHEN / THEN
    assertThatThrownBy(
            () ->
                RecorderWiring.fromEnvironment(
                    new FunctionEnvironment(
                        Map.of(
                            "AWS_REGION", "eu-west-1",
                            "THRESHOLDS_PATH", "/trade-processing/test/thresholds/"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TABLE_NAME");
  }
}

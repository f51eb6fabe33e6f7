package com.tradeprocessing.enricher.config;

import static com.tradeprocessing.function.testing.SdkClientAssertions.assertFunctionSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.tradeprocessing.enricher.ReferenceDataEndpointException;
import com.tradeprocessing.function.FunctionEnvironment;
import com.tradeprocessing.function.testing.RecordingHttpClient;
import com.tradeprocessing.model.fixtures.TradeFixtures;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class EnricherWiringTest {

  private static final String PARAMETER = "/trade-processing/test/endpoints/reference-data";
  private static final Map<String, String> LAMBDA_ENVIRONMENT =
      Map.of("AWS_REGION", "eu-west-1", "REFERENCE_DATA_ENDPOINT_PARAMETER", PARAMETER);

  @Test
  void fromEnvironment_lambdaEnvironment_shouldBuildTheSsmClientWithTheDocumentedSettings() {
    // WHEN
    EnricherWiring wiring =
        EnricherWiring.fromEnvironment(new FunctionEnvironment(LAMBDA_ENVIRONMENT));

    // THEN
    assertFunctionSettings(wiring.ssm().serviceClientConfiguration(), Region.EU_WEST_1);
  }

  @Test
  void of_built_shouldCallNothingUntilTheFirstTradeAndThenReadTheEndpointThroughItsClient() {
    // GIVEN an SSM whose endpoint parameter holds no URL, so the trade stops there
    RecordingHttpClient http =
        new RecordingHttpClient(
            "{\"Parameter\":{\"Name\":\""
                + PARAMETER
                + "\",\"Type\":\"String\","
                + "\"Value\":\"not a url\",\"Version\":1}}");

    // WHEN built, which sends nothing, and given the first trade
    EnricherWiring wiring =
        http.wireCallingNothing(
            Region.EU_WEST_1, clients -> EnricherWiring.of(PARAMETER, clients, Clock.systemUTC()));
    Throwable firstTrade = catchThrowable(() -> wiring.enricher().enrich(TradeFixtures.omsTrade()));

    // THEN the first trade read the endpoint parameter through the client
    assertThat(http.requests()).hasSize(1);
    assertThat(http.requests().get(0).host()).isEqualTo("ssm.eu-west-1.amazonaws.com");
    assertThat(http.requests().get(0).firstMatchingHeader("X-Amz-Target"))
        .contains("AmazonSSM.GetParameter");
    assertThat(firstTrade)
        .isInstanceOf(ReferenceDataEndpointException.class)
        .hasMessageContaining(PARAMETER);
  }

  @Test
  void fromEnvironment_endpointParameterMissing_shouldNameTheVariable() {
    // WHEN / THEN
    assertThatThrownBy(
            () ->
                EnricherWiring.fromEnvironment(
                    new FunctionEnvironment(Map.of("AWS_REGION", "us-east-1"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("REFERENCE_DATA_ENDPOINT_PARAMETER");
  }

  @Test
  void fromEnvironment_regionMissing_shouldNameTheVariable() {
    // WHEN / THEN
    assertThatThrownBy(
            () ->
                EnricherWiring.fromEnvironment(
                    new FunctionEnvironment(
                        Map.of(
                            "REFERENCE_DATA_ENDPOINT_PARAMETER",
                            "/trade-processing/test/endpoints/x"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AWS_REGION");
  }
}

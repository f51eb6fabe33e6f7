package com.tradeprocessing.globaltable.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.tradeprocessing.function.testing.SdkClientAssertions.assertFunctionSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.tradeprocessing.function.FunctionEnvironment;
import com.tradeprocessing.function.aws.SdkClients;
import com.tradeprocessing.function.testing.RecordingHttpClient;
import com.tradeprocessing.globaltable.replica.WaitPolicy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.model.InvocationType;

class GlobalTableResourceWiringTest {

  @RegisterExtension
  static final WireMockExtension RESPONSE_URL =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  @Test
  void fromEnvironment_withoutRegion_shouldFailNamingTheVariable() {
    // WHEN / THEN
    assertThatThrownBy(
            () -> GlobalTableResourceWiring.fromEnvironment(new FunctionEnvironment(Map.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AWS_REGION");
  }

  @Test
  void fromEnvironment_lambdaEnvironment_shouldBuildEveryClientWithTheDocumentedSettings() {
    // GIVEN
    GlobalTableResourceWiring wiring =
        GlobalTableResourceWiring.fromEnvironment(
            new FunctionEnvironment(Map.of("AWS_REGION", "us-east-1")));

    // WHEN
    AwsServiceClientConfiguration replica =
        wiring.replica(Region.EU_WEST_1).serviceClientConfiguration();

    // THEN
    assertFunctionSettings(wiring.primary().serviceClientConfiguration(), Region.US_EAST_1);
    assertFunctionSettings(wiring.lambda().serviceClientConfiguration(), Region.US_EAST_1);
    assertFunctionSettings(replica, Region.EU_WEST_1);
    // The ResponseURL PUT, after one more pass, fits the margin an invocation keeps back.
    assertThat(
            GlobalTableResourceWiring.RESPONSE_CONNECTION_TIMEOUT.plus(
                GlobalTableResourceWiring.RESPONSE_SOCKET_TIMEOUT))
        .isLessThan(WaitPolicy.DEFAULT.reinvokeMargin());
  }

  @Test
  void of_built_shouldCallNothingUntilItsClientsAreUsed() {
    // GIVEN
    RecordingHttpClient http = new RecordingHttpClient();

    // WHEN built, which sends nothing, and its clients are used
    GlobalTableResourceWiring wiring =
        http.wireCallingNothing(
            Region.US_EAST_1,
            clients ->
                GlobalTableResourceWiring.of(
                    clients, new RecordingHttpClient(), Clock.systemUTC()));
    wiring.primary().describeTable(request -> request.tableName("dynamodb-trades-test"));
    wiring
        .replica(Region.AP_SOUTH_1)
        .describeTable(request -> request.tableName("dynamodb-trades-test"));
    wiring
        .lambda()
        .invoke(
            request ->
                request
                    .functionName("lambda-global-table-resource-test")
                    .invocationType(InvocationType.EVENT));

    // THEN every client sends through the shared HTTP client
    assertThat(http.requests())
        .extracting(SdkHttpRequest::host)
        .containsExactly(
            "dynamodb.us-east-1.amazonaws.com",
            "dynamodb.ap-south-1.amazonaws.com",
            "lambda.us-east-1.amazonaws.com");
  }

  @Test
  void responseHttpClient_responseUrlAnsweringAfterFourSeconds_shouldStillDeliverTheAnswer()
      throws Exception {
    // GIVEN a ResponseURL slower than an SDK call attempt may be
    RESPONSE_URL.stubFor(put(urlEqualTo("/response")).willReturn(ok().withFixedDelay(4_000)));
    HttpExecuteRequest answer =
        HttpExecuteRequest.builder()
            .request(
                SdkHttpRequest.builder()
                    .uri(URI.create(RESPONSE_URL.baseUrl() + "/response"))
                    .method(SdkHttpMethod.PUT)
                    .build())
            .build();

    // WHEN
    try (SdkHttpClient responseClient = GlobalTableResourceWiring.responseHttpClient();
        SdkHttpClient sdkClient = SdkClients.httpClient()) {
      int status = responseClient.prepareRequest(answer).call().httpResponse().statusCode();

      // THEN the answer arrives, where the SDK clients' HTTP client gives up
      assertThat(status).isEqualTo(200);
      assertThatThrownBy(() -> sdkClient.prepareRequest(answer).call())
          .isInstanceOf(SocketTimeoutException.class);
    }
  }
}

package com.tradeprocessing.function.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.tradeprocessing.function.FunctionEnvironment;
import com.tradeprocessing.function.testing.CountingHttpService;
import com.tradeprocessing.function.testing.RecordingHttpClient;
import com.tradeprocessing.function.testing.SilentServer;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmServiceClientConfiguration;

class SdkClientsTest {

  private static final StaticCredentialsProvider TEST_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));

  /** Well above the call timeout, so only a missing timeout trips it. */
  private static final Duration BOUND = Duration.ofSeconds(15);

  @Test
  void fromEnvironment_lambdaEnvironment_shouldBuildClientsWithTheDocumentedSettings() {
    // GIVEN
    SdkClients clients =
        SdkClients.fromEnvironment(new FunctionEnvironment(Map.of("AWS_REGION", "eu-west-1")));

    // WHEN
    try (SsmClient ssm = clients.build(SsmClient.builder())) {

      // THEN
      SsmServiceClientConfiguration configuration = ssm.serviceClientConfiguration();
      assertThat(configuration.region()).isEqualTo(Region.EU_WEST_1);
      assertThat(configuration.credentialsProvider())
          .isInstanceOf(EnvironmentVariableCredentialsProvider.class);
      ClientOverrideConfiguration override = configuration.overrideConfiguration();
      assertThat(override.apiCallAttemptTimeout()).contains(Duration.ofSeconds(2));
      assertThat(override.apiCallTimeout()).contains(Duration.ofSeconds(3));
      assertThat(override.retryStrategy())
          .hasValueSatisfying(strategy -> assertThat(strategy.maxAttempts()).isEqualTo(3));
    }
  }

  @Test
  void fromEnvironment_regionMissing_shouldNameTheVariable() {
    // WHEN / THEN
    assertThatThrownBy(() -> SdkClients.fromEnvironment(new FunctionEnvironment(Map.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AWS_REGION");
  }

  @Test
  void build_otherRegion_shouldBuildTheClientThere() {
    // GIVEN
    SdkClients clients =
        new SdkClients(Region.US_EAST_1, new RecordingHttpClient(), TEST_CREDENTIALS);

    // WHEN
    try (SsmClient ssm = clients.build(SsmClient.builder(), Region.AP_SOUTH_1)) {

      // THEN
      assertThat(ssm.serviceClientConfiguration().region()).isEqualTo(Region.AP_SOUTH_1);
    }
  }

  @Test
  void build_clientCalled_shouldSendThroughTheSharedHttpClientAndNotBefore() {
    // GIVEN
    RecordingHttpClient http = new RecordingHttpClient();
    SdkClients clients = new SdkClients(Region.EU_WEST_1, http, TEST_CREDENTIALS);

    // WHEN
    try (SsmClient ssm = clients.build(SsmClient.builder())) {
      int requestsWhenBuilt = http.requests().size();
      ssm.getParameter(request -> request.name("/trade-processing/test/endpoints/reference-data"));

      // THEN
      assertThat(requestsWhenBuilt).isZero();
      assertThat(http.requests()).hasSize(1);
      assertThat(http.requests().get(0).firstMatchingHeader("X-Amz-Target"))
          .contains("AmazonSSM.GetParameter");
    }
  }

  @Test
  void build_anyClient_shouldNotLookForAnHttpImplementationOnTheClasspath() {
    // GIVEN an HTTP implementation registered for ServiceLoader, which the SDK instantiates when it
    // searches the classpath; the SDK searches once per JVM and keeps what it found, and every
    // client of this module's tests is built by SdkClients, so no search may have happened at all
    assertThat(ServiceLoader.load(SdkHttpService.class).stream().map(ServiceLoader.Provider::type))
        .contains(CountingHttpService.class);
    SdkClients clients =
        new SdkClients(Region.EU_WEST_1, new RecordingHttpClient(), TEST_CREDENTIALS);

    // WHEN the client is built, when the SDK settles its HTTP client
    try (SsmClient ssm = clients.build(SsmClient.builder())) {

      // THEN
      assertThat(CountingHttpService.instances()).isZero();
    }
  }

  @Test
  void build_endpointThatNeverAnswers_shouldFailWithTheApiCallTimeoutAfterARetry()
      throws Exception {
    // GIVEN
    try (SilentServer server = SilentServer.start();
        SdkHttpClient http = SdkClients.httpClient();
        SsmClient ssm =
            new SdkClients(Region.US_EAST_1, http, TEST_CREDENTIALS)
                .build(SsmClient.builder().endpointOverride(server.uri()))) {

      // WHEN / THEN the attempt timeout (2 s) ends the first attempt, the call timeout (3 s) the
      // second
      assertTimeoutPreemptively(
          BOUND,
          () ->
              assertThatThrownBy(() -> ssm.getParameter(request -> request.name("/any")))
                  .isInstanceOf(ApiCallTimeoutException.class));
      assertThat(server.connections()).isEqualTo(2);
    }
  }

  @Test
  void httpClient_serverThatNeverAnswers_shouldStopReadingAtTheSocketTimeout() throws Exception {
    // GIVEN
    try (SilentServer server = SilentServer.start();
        SdkHttpClient http = SdkClients.httpClient()) {
      HttpExecuteRequest request =
          HttpExecuteRequest.builder()
              .request(SdkHttpRequest.builder().uri(server.uri()).method(SdkHttpMethod.GET).build())
              .build();

      // WHEN / THEN
      assertTimeoutPreemptively(
          BOUND,
          () ->
              assertThatThrownBy(() -> http.prepareRequest(request).call())
                  .isInstanceOf(SocketTimeoutException.class));
    }
  }
}

package com.tradeprocessing.enricher.config;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.tradeprocessing.enricher.ReferenceDataEndpointException;
import com.tradeprocessing.enricher.ReferenceDataUnavailableException;
import com.tradeprocessing.function.testing.LoopbackClients;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Against a loopback stand-in for SSM that speaks its JSON protocol. */
class SsmReferenceDataEndpointTest {

  private static final String PARAMETER = "/trade-processing/test/endpoints/reference-data";

  @RegisterExtension
  static final WireMockExtension SSM =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private SsmClient ssm;

  @BeforeEach
  void buildClient() {
    ssm =
        LoopbackClients.pointedAt(SsmClient.builder(), SSM.baseUrl())
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
  }

  @AfterEach
  void closeClient() {
    ssm.close();
  }

  private static MappingBuilder getParameter() {
    return post(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
        .withRequestBody(containing(PARAMETER));
  }

  private static ResponseDefinitionBuilder parameterValue(String value) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(
            "{\"Parameter\":{\"Name\":\""
                + PARAMETER
                + "\",\"Type\":\"String\",\"Value\":\""
                + value
                + "\",\"Version\":1}}");
  }

  private static ResponseDefinitionBuilder error(int status, String type) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"" + type + "\",\"message\":\"stand-in error\"}");
  }

  @Test
  void get_parameterHoldsAUrl_shouldReturnIt() {
    // GIVEN
    SSM.stubFor(getParameter().willReturn(parameterValue("https://reference-data.internal/v1")));

    // WHEN
    URI uri = new SsmReferenceDataEndpoint(ssm, PARAMETER).get();

    // THEN
    assertThat(uri).isEqualTo(URI.create("https://reference-data.internal/v1"));
  }

  @Test
  void get_calledAgain_shouldReadSsmAgain() {
    // GIVEN keeping the URL is CachingReferenceDataEndpoint's job
    SSM.stubFor(getParameter().willReturn(parameterValue("http://127.0.0.1:4010")));
    SsmReferenceDataEndpoint endpoint = new SsmReferenceDataEndpoint(ssm, PARAMETER);
    endpoint.get();

    // WHEN
    URI second = endpoint.get();

    // THEN
    assertThat(second).isEqualTo(URI.create("http://127.0.0.1:4010"));
    SSM.verify(2, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void get_afterAFailedRead_shouldReadSsmAgain() {
    // GIVEN
    SSM.stubFor(getParameter().willReturn(error(500, "InternalServerError")));
    SsmReferenceDataEndpoint endpoint = new SsmReferenceDataEndpoint(ssm, PARAMETER);
    assertThatThrownBy(endpoint::get).isInstanceOf(ReferenceDataUnavailableException.class);
    SSM.stubFor(getParameter().willReturn(parameterValue("http://127.0.0.1:4010")));

    // WHEN
    URI uri = endpoint.get();

    // THEN
    assertThat(uri).isEqualTo(URI.create("http://127.0.0.1:4010"));
    SSM.verify(2, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void get_parameterMissing_shouldThrowEndpointException() {
    // GIVEN
    SSM.stubFor(getParameter().willReturn(error(400, "ParameterNotFound")));

    // WHEN / THEN
    assertThatThrownBy(() -> new SsmReferenceDataEndpoint(ssm, PARAMETER).get())
        .isInstanceOf(ReferenceDataEndpointException.class)
        .hasMessageContaining(PARAMETER + " does not exist");
  }

  @Test
  void get_accessDenied_shouldThrowEndpointException() {
    // GIVEN
    SSM.stubFor(getParameter().willReturn(error(400, "AccessDeniedException")));

    // WHEN / THEN
    assertThatThrownBy(() -> new SsmReferenceDataEndpoint(ssm, PARAMETER).get())
        .isInstanceOf(ReferenceDataEndpointException.class)
        .hasMessageContaining("SSM refused parameter " + PARAMETER);
  }

  @Test
  void get_throttled_shouldThrowUnavailable() {
    // GIVEN
    SSM.stubFor(getParameter().willReturn(error(400, "ThrottlingException")));

    // WHEN / THEN
    assertThatThrownBy(() -> new SsmReferenceDataEndpoint(ssm, PARAMETER).get())
        .isInstanceOf(ReferenceDataUnavailableException.class);
  }

  @Test
  void get_ssmServerError_shouldThrowUnavailable() {
    // GIVEN
    SSM.stubFor(getParameter().willReturn(error(503, "ServiceUnavailable")));

    // WHEN / THEN
    assertThatThrownBy(() -> new SsmReferenceDataEndpoint(ssm, PARAMETER).get())
        .isInstanceOf(ReferenceDataUnavailableException.class)
        .hasMessageContaining("for now");
  }

  @Test
  void get_ssmSlowerThanTheCallTimeout_shouldThrowUnavailable() {
    // GIVEN
    SSM.stubFor(
        getParameter().willReturn(parameterValue("http://127.0.0.1:4010").withFixedDelay(10_000)));
    SsmClient impatient =
        LoopbackClients.pointedAt(SsmClient.builder(), SSM.baseUrl())
            .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMillis(500)))
            .build();

    // WHEN / THEN
    try (impatient) {
      assertThatThrownBy(() -> new SsmReferenceDataEndpoint(impatient, PARAMETER).get())
          .isInstanceOf(ReferenceDataUnavailableException.class)
          .hasMessageContaining("SSM could not be reached");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "reference-data.internal",
        "ftp://reference-data.internal",
        "https://reference-data.internal/v1?key=1",
        "https:///v1",
        "http://exa mple"
      })
  void get_parameterNotAnHttpUrl_shouldThrowEndpointException(String value) {
    // GIVEN
    SSM.stubFor(getParameter().willReturn(parameterValue(value)));

    // WHEN / THEN
    assertThatThrownBy(() -> new SsmReferenceDataEndpoint(ssm, PARAMETER).get())
        .isInstanceOf(ReferenceDataEndpointException.class)
        .hasMessageContaining(PARAMETER);
  }
}

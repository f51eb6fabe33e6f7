package com.tradeprocessing.recorder.config;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.tradeprocessing.function.testing.LoopbackClients;
import com.tradeprocessing.recorder.PriceBandUnavailableException;
import com.tradeprocessing.recorder.decision.PriceBand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The price band source with the real SSM client against a scripted SSM API on loopback. */
class SsmPriceBandSourceTest {

  private static final String PATH = "/trade-processing/test/thresholds/";
  private static final String NAME = PATH + "price-band-percent";

  @RegisterExtension
  static final WireMockExtension SSM =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private SsmClient client;
  private SsmPriceBandSource source;

  @BeforeEach
  void createSource() {
    client = LoopbackClients.retryingAt(SsmClient.builder(), SSM.baseUrl(), 2);
    source = new SsmPriceBandSource(client, PATH);
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void current_parameterSet_shouldReadItUnderTheThresholdsPath() {
    // GIVEN
    SSM.stubFor(getParameter().willReturn(value("12.5")));

    // WHEN
    PriceBand band = source.current();

    // THEN
    assertThat(band.percent()).isEqualByComparingTo("12.5");
    assertThat(
            SSM.findAll(
                postRequestedFor(urlEqualTo("/"))
                    .withRequestBody(matchingJsonPath("$.Name", equalTo(NAME)))))
        .hasSize(1);
  }

  @Test
  void current_parameterMissing_shouldUseTheDocumentedDefault() {
    // GIVEN
    SSM.stubFor(getParameter().willReturn(error(400, "ParameterNotFound")));

    // WHEN
    PriceBand band = source.current();

    // THEN
    assertThat(band).isEqualTo(PriceBand.DEFAULT);
    assertThat(band.percent()).isEqualByComparingTo("10");
  }

  @ParameterizedTest
  @CsvSource({"ten", "-5", "0", "''"})
  void current_valueNotAPositiveDecimal_shouldFailNamingTheParameter(String value) {
    // GIVEN
    SSM.stubFor(getParameter().willReturn(value(value)));

    // WHEN / THEN
    assertThatThrownBy(() -> source.current())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(NAME);
  }

  @Test
  void current_ssmThrottling_shouldThrowThresholdsUnavailable() {
    // GIVEN
    SSM.stubFor(getParameter().willReturn(error(400, "ThrottlingException")));

    // WHEN / THEN
    assertThatThrownBy(() -> source.current())
        .isExactlyInstanceOf(PriceBandUnavailableException.class)
        .hasMessageContaining(NAME);
  }

  @Test
  void current_calledTwice_shouldReadSsmEachTime() {
    // GIVEN caching is CachingPriceBandSource's job
    SSM.stubFor(getParameter().willReturn(value("10")));
    source.current();

    // WHEN
    source.current();

    // THEN
    assertThat(SSM.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(2);
  }

  @ParameterizedTest
  @CsvSource({
    "/trade-processing/dev/thresholds/, /trade-processing/dev/thresholds/price-band-percent",
    "/trade-processing/dev/thresholds, /trade-processing/dev/thresholds/price-band-percent"
  })
  void parameterName_pathWithOrWithoutSlash_shouldJoinWithOneSlash(String path, String name) {
    // WHEN / THEN
    assertThat(SsmPriceBandSource.parameterName(path)).isEqualTo(name);
  }

  private static MappingBuilder getParameter() {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"));
  }

  private static ResponseDefinitionBuilder value(String value) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(
            "{\"Parameter\":{\"Name\":\""
                + NAME
                + "\",\"Type\":\"String\",\"Value\":\""
                + value
                + "\",\"Version\":3}}");
  }

  private static ResponseDefinitionBuilder error(int status, String type) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"" + type + "\",\"message\":\"scripted " + type + "\"}");
  }
}

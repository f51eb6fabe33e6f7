package com.tradeprocessing.enricher.referencedata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.tradeprocessing.enricher.referencedata.ReferenceDataFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.tradeprocessing.enricher.ReferenceDataContractException;
import com.tradeprocessing.enricher.ReferenceDataUnavailableException;
import com.tradeprocessing.model.Currency;
import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.Mic;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpReferenceDataClientTest {

  private static final Isin APPLE = Isin.parse("US0378331005");
  private static final Mic XNAS = Mic.parse("XNAS");

  /** Generous, so a cold JVM never turns an answer into a timeout. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  /** For the timeout tests: short, and far below the delays their servers use. */
  private static final Duration SHORT_REQUEST_TIMEOUT = Duration.ofMillis(500);

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private HttpReferenceDataClient client(String baseUrl, Duration requestTimeout) {
    return new HttpReferenceDataClient(
        HttpReferenceDataClient.newHttpClient(Duration.ofSeconds(2)),
        () -> URI.create(baseUrl),
        requestTimeout);
  }

  private HttpReferenceDataClient client(String baseUrl) {
    return client(baseUrl, REQUEST_TIMEOUT);
  }

  private HttpReferenceDataClient client() {
    return client(API.baseUrl());
  }

  @Test
  void instrument_200_shouldMapEveryField() {
    // GIVEN
    API.stubFor(
        get(urlEqualTo("/instruments/US0378331005"))
            .willReturn(json(ReferenceDataFixtures.instrumentJson("US0378331005"))));

    // WHEN
    Optional<Instrument> instrument = client().instrument(APPLE);

    // THEN
    assertThat(instrument)
        .contains(
            new Instrument(
                APPLE,
                "AAPL",
                "Apple Inc.",
                XNAS,
                Currency.USD,
                "EQUITY",
                "Information Technology",
                100,
                new BigDecimal("190.00"),
                LocalDate.of(2026, 11, 24)));
    assertThat(instrument.orElseThrow().referencePrice().scale()).isEqualTo(2);
    API.verify(
        getRequestedFor(urlEqualTo("/instruments/US0378331005"))
            .withHeader("Accept", equalTo("application/json")));
  }

  @Test
  void venue_200_shouldMapEveryField() {
    // GIVEN
    API.stubFor(
        get(urlEqualTo("/venues/XLON")).willReturn(json(ReferenceDataFixtures.venueJson("XLON"))));

    // WHEN
    Optional<Venue> venue = client().venue(Mic.parse("XLON"));

    // THEN
    assertThat(venue)
        .hasValueSatisfying(
            v -> {
              assertThat(v.mic()).isEqualTo(Mic.parse("XLON"));
              assertThat(v.name()).isEqualTo("London Stock Exchange");
              assertThat(v.timeZone()).isEqualTo(ZoneId.of("Europe/London"));
              assertThat(v.regularOpen()).isEqualTo(LocalTime.of(8, 0));
              assertThat(v.regularClose()).isEqualTo(LocalTime.of(16, 30));
              assertThat(v.holidays()).hasSize(9).contains(LocalDate.of(2026, 12, 28));
            });
  }

  @Test
  void instrument_baseUrlWithPathAndTrailingSlash_shouldResolveUnderThePath() {
    // GIVEN
    API.stubFor(
        get(urlEqualTo("/reference/v1/instruments/US0378331005"))
            .willReturn(json(ReferenceDataFixtures.instrumentJson("US0378331005"))));

    // WHEN
    Optional<Instrument> instrument = client(API.baseUrl() + "/reference/v1/").instrument(APPLE);

    // THEN
    assertThat(instrument).isPresent();
  }

  @Test
  void instrument_404_shouldBeEmpty() {
    // GIVEN
    API.stubFor(
        get(urlEqualTo("/instruments/US0378331005"))
            .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"not found\"}")));

    // WHEN
    Optional<Instrument> instrument = client().instrument(APPLE);

    // THEN
    assertThat(instrument).isEmpty();
  }

  @Test
  void venue_404_shouldBeEmpty() {
    // GIVEN
    API.stubFor(get(urlEqualTo("/venues/XNAS")).willReturn(aResponse().withStatus(404)));

    // WHEN
    Optional<Venue> venue = client().venue(XNAS);

    // THEN
    assertThat(venue).isEmpty();
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {500, 502, 503, 504, 408, 429})
  void instrument_transientStatus_shouldThrowUnavailable(int status) {
    // GIVEN
    API.stubFor(
        get(urlEqualTo("/instruments/US0378331005"))
            .willReturn(aResponse().withStatus(status).withBody("try later")));

    // WHEN / THEN
    assertThatThrownBy(() -> client().instrument(APPLE))
        .isInstanceOf(ReferenceDataUnavailableException.class)
        .hasMessageContaining("answered " + status)
        .hasMessageContaining("instrument US0378331005");
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {400, 401, 403, 410, 204, 301})
  void venue_statusOutsideTheContract_shouldThrowContractException(int status) {
    // GIVEN
    API.stubFor(
        get(urlEqualTo("/venues/XNAS"))
            .willReturn(aResponse().withStatus(status).withHeader("Location", "/elsewhere")));

    // WHEN / THEN
    assertThatThrownBy(() -> client().venue(XNAS))
        .isInstanceOf(ReferenceDataContractException.class)
        .hasMessageContaining("answered " + status);
  }

  @Test
  void instrument_answerSlowerThanTheRequestTimeout_shouldThrowUnavailable() {
    // GIVEN
    API.stubFor(
        get(urlEqualTo("/instruments/US0378331005"))
            .willReturn(
                json(ReferenceDataFixtures.instrumentJson("US0378331005")).withFixedDelay(10_000)));

    // WHEN / THEN
    assertThatThrownBy(() -> client(API.baseUrl(), SHORT_REQUEST_TIMEOUT).instrument(APPLE))
        .isInstanceOf(ReferenceDataUnavailableException.class)
        .hasMessageContaining("did not answer within PT0.5S");
  }

  @Test
  void instrument_bodyTricklingInPastTheRequestTimeout_shouldThrowUnavailable() throws Exception {
    // GIVEN a server that sends the headers at once and then one byte of body every 50 ms;
    // the JDK's own request timeout stops at the headers, so only the client's bound can end this
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread trickler = Thread.ofPlatform().daemon().start(() -> trickle(server, 200));

      // WHEN / THEN
      assertThatThrownBy(
              () ->
                  client("http://127.0.0.1:" + server.getLocalPort(), SHORT_REQUEST_TIMEOUT)
                      .instrument(APPLE))
          .isInstanceOf(ReferenceDataUnavailableException.class)
          .hasMessageContaining("did not answer within PT0.5S")
          .hasCauseInstanceOf(TimeoutException.class);
      trickler.interrupt();
    }
  }

  /** Answers one request with a 200 whose {@code length}-byte body comes a byte per 50 ms. */
  private static void trickle(ServerSocket server, int length) {
    try (Socket socket = server.accept()) {
      BufferedReader request =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String line;
      do {
        line = request.readLine();
      } while (line != null && !line.isEmpty());
      OutputStream out = socket.getOutputStream();
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                  + length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      for (int i = 0; i < length; i++) {
        out.write(' ');
        out.flush();
        Thread.sleep(50);
      }
    } catch (IOException e) {
      // The client gave up and closed the connection: the point of the test.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void instrument_connectionRefused_shouldThrowUnavailable() throws IOException {
    // GIVEN a loopback port that was free a moment ago and has no listener now
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    // WHEN / THEN
    assertThatThrownBy(() -> client("http://127.0.0.1:" + port).instrument(APPLE))
        .isInstanceOf(ReferenceDataUnavailableException.class)
        .hasMessageContaining("could not be reached")
        .hasCauseInstanceOf(java.net.ConnectException.class);
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
  void venue_brokenConnection_shouldThrowUnavailable(Fault fault) {
    // GIVEN
    API.stubFor(get(urlEqualTo("/venues/XNAS")).willReturn(aResponse().withFault(fault)));

    // WHEN / THEN
    assertThatThrownBy(() -> client().venue(XNAS))
        .isInstanceOf(ReferenceDataUnavailableException.class)
        .hasMessageContaining("could not be reached");
  }

  @Test
  void instrument_garbageBody_shouldThrowContractException() {
    // GIVEN
    API.stubFor(
        get(urlEqualTo("/instruments/US0378331005"))
            .willReturn(aResponse().withStatus(200).withBody("<html>Service Unavailable</html>")));

    // WHEN / THEN
    assertThatThrownBy(() -> client().instrument(APPLE))
        .isInstanceOf(ReferenceDataContractException.class)
        .hasMessageContaining("instrument US0378331005: the body is not JSON");
  }

  @Test
  void venue_randomBytesInsteadOfHttp_shouldThrowUnavailable() {
    // GIVEN
    API.stubFor(
        get(urlEqualTo("/venues/XNAS"))
            .willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

    // WHEN / THEN a broken HTTP exchange is the connection's fault, not the API's contract
    assertThatThrownBy(() -> client().venue(XNAS))
        .isInstanceOf(ReferenceDataUnavailableException.class);
  }
}

package com.tradeprocessing.integration.referencedata;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local reference-data API on a loopback port. */
class ReferenceDataServerTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private ReferenceDataServer server;

  @BeforeEach
  void start() throws Exception {
    server =
        ReferenceDataServer.start(InetAddress.getLoopbackAddress(), ReferenceDataset.shipped());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void get_knownInstrument_shouldAnswer200WithTheInstrument() throws Exception {
    // WHEN
    HttpResponse<String> response = get("/instruments/US0378331005");

    // THEN
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.body())
        .contains("\"symbol\":\"AAPL\"")
        .contains("\"referencePrice\":\"190.00\"");
  }

  @Test
  void get_knownVenue_shouldAnswer200WithTheVenue() throws Exception {
    // WHEN
    HttpResponse<String> response = get("/venues/XLON");

    // THEN
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"timeZone\":\"Europe/London\"");
  }

  @Test
  void get_unknownInstrumentOrVenueOrPath_shouldAnswer404() throws Exception {
    // WHEN / THEN
    assertThat(get("/instruments/FR0000120271").statusCode()).isEqualTo(404);
    assertThat(get("/venues/XPAR").statusCode()).isEqualTo(404);
    assertThat(get("/prices/US0378331005").statusCode()).isEqualTo(404);
  }

  @Test
  void get_instrumentWithAnInjectedFault_shouldAnswerTheFaultAndCountTheRequest() throws Exception {
    // GIVEN
    server.inject("US0378331005", ReferenceDataFault.status(503));

    // WHEN
    HttpResponse<String> faulty = get("/instruments/US0378331005");
    HttpResponse<String> other = get("/instruments/US5949181045");
    server.clearFaults();
    HttpResponse<String> healed = get("/instruments/US0378331005");

    // THEN
    assertThat(faulty.statusCode()).isEqualTo(503);
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(healed.statusCode()).isEqualTo(200);
    assertThat(server.instrumentRequests("US0378331005")).isEqualTo(2);
  }

  @Test
  void baseUrl_ofTheServer_shouldBeAnHttpUrlWithTheApiPath() {
    // WHEN
    URI base = server.baseUrl();

    // THEN
    assertThat(base.getScheme()).isEqualTo("http");
    assertThat(base.getPath()).isEqualTo(ReferenceDataServer.BASE_PATH);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

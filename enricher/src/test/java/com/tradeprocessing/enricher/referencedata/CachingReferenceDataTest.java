package com.tradeprocessing.enricher.referencedata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.tradeprocessing.enricher.referencedata.ReferenceDataFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.tradeprocessing.enricher.ReferenceDataContractException;
import com.tradeprocessing.enricher.ReferenceDataUnavailableException;
import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.Mic;
import com.tradeprocessing.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CachingReferenceDataTest {

  private static final Isin APPLE = Isin.parse("US0378331005");
  private static final Isin MICROSOFT = Isin.parse("US5949181045");
  private static final Isin IBM = Isin.parse("US4592001014");
  private static final Isin UNLISTED = Isin.parse("US0000000002");
  private static final Mic XNAS = Mic.parse("XNAS");

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T14:30:00Z"));
  private HttpReferenceDataClient http;

  @BeforeEach
  void serveFixtures() {
    ReferenceDataFixtures.serveAll(API);
    http =
        new HttpReferenceDataClient(
            HttpReferenceDataClient.newHttpClient(Duration.ofSeconds(2)),
            () -> URI.create(API.baseUrl()),
            Duration.ofSeconds(5));
  }

  private CachingReferenceData cache() {
    return new CachingReferenceData(http, clock);
  }

  @Test
  void instrument_secondCallWithinTtl_shouldNotCallTheApiAgain() {
    // GIVEN
    CachingReferenceData referenceData = cache();
    referenceData.instrument(APPLE);
    clock.advance(CachingReferenceData.DEFAULT_KNOWN_TTL.minusMillis(1));

    // WHEN
    var second = referenceData.instrument(APPLE);

    // THEN
    assertThat(second).isPresent();
    API.verify(1, getRequestedFor(urlEqualTo("/instruments/US0378331005")));
  }

  @Test
  void instrument_callOnceTtlHasPassed_shouldCallTheApiAgain() {
    // GIVEN
    CachingReferenceData referenceData = cache();
    referenceData.instrument(APPLE);
    clock.advance(CachingReferenceData.DEFAULT_KNOWN_TTL);

    // WHEN
    var second = referenceData.instrument(APPLE);

    // THEN
    assertThat(second).isPresent();
    API.verify(2, getRequestedFor(urlEqualTo("/instruments/US0378331005")));
  }

  @Test
  void venue_secondCallWithinTtl_shouldNotCallTheApiAgain() {
    // GIVEN
    CachingReferenceData referenceData = cache();
    referenceData.venue(XNAS);
    clock.advance(Duration.ofMinutes(4));

    // WHEN
    var second = referenceData.venue(XNAS);

    // THEN
    assertThat(second).isPresent();
    API.verify(1, getRequestedFor(urlEqualTo("/venues/XNAS")));
  }

  @Test
  void instrument_unknownAskedAgainWithinTheShorterTtl_shouldNotCallTheApiAgain() {
    // GIVEN
    CachingReferenceData referenceData = cache();
    referenceData.instrument(UNLISTED);
    clock.advance(CachingReferenceData.DEFAULT_UNKNOWN_TTL.minusMillis(1));

    // WHEN
    var second = referenceData.instrument(UNLISTED);

    // THEN
    assertThat(second).isEmpty();
    API.verify(1, getRequestedFor(urlEqualTo("/instruments/US0000000002")));
  }

  @Test
  void instrument_unknownAskedAgainAfterTheShorterTtl_shouldCallTheApiAgain() {
    // GIVEN the instrument is listed half a minute after the first trade in it
    CachingReferenceData referenceData = cache();
    referenceData.instrument(UNLISTED);
    clock.advance(CachingReferenceData.DEFAULT_UNKNOWN_TTL);
    API.stubFor(
        get(urlEqualTo("/instruments/US0000000002"))
            .willReturn(
                json(
                    ReferenceDataFixtures.instrumentJson("US0378331005")
                        .replace("US0378331005", "US0000000002"))));

    // WHEN
    var second = referenceData.instrument(UNLISTED);

    // THEN
    assertThat(second).isPresent();
    API.verify(2, getRequestedFor(urlEqualTo("/instruments/US0000000002")));
  }

  @Test
  void instrument_unknownTtlZero_shouldAskTheApiEveryTime() {
    // GIVEN
    CachingReferenceData referenceData =
        new CachingReferenceData(http, clock, Duration.ofMinutes(5), Duration.ZERO, 100);
    referenceData.instrument(UNLISTED);

    // WHEN
    referenceData.instrument(UNLISTED);

    // THEN
    API.verify(2, getRequestedFor(urlEqualTo("/instruments/US0000000002")));
  }

  @Test
  void instrument_afterAFault_shouldAskTheApiAgainAtOnce() {
    // GIVEN
    CachingReferenceData referenceData = cache();
    API.stubFor(
        get(urlEqualTo("/instruments/US0378331005")).willReturn(aResponse().withStatus(503)));
    assertThatThrownBy(() -> referenceData.instrument(APPLE))
        .isInstanceOf(ReferenceDataUnavailableException.class);
    ReferenceDataFixtures.serveAll(API);

    // WHEN
    var second = referenceData.instrument(APPLE);

    // THEN
    assertThat(second).isPresent();
    API.verify(2, getRequestedFor(urlEqualTo("/instruments/US0378331005")));
  }

  @Test
  void instrument_moreInstrumentsThanEntries_shouldDropTheLeastRecentlyUsed() {
    // GIVEN room for two: Apple is used after Microsoft, so IBM pushes Microsoft out
    CachingReferenceData referenceData =
        new CachingReferenceData(http, clock, Duration.ofMinutes(5), Duration.ofSeconds(30), 2);
    referenceData.instrument(MICROSOFT);
    referenceData.instrument(APPLE);
    referenceData.instrument(IBM);

    // WHEN
    referenceData.instrument(APPLE);
    referenceData.instrument(MICROSOFT);

    // THEN
    API.verify(1, getRequestedFor(urlEqualTo("/instruments/US0378331005")));
    API.verify(2, getRequestedFor(urlEqualTo("/instruments/US5949181045")));
  }

  @Test
  void instrument_apiUnavailableWhenAKnownInstrumentExpires_shouldServeTheInstrumentReadEarlier() {
    // GIVEN
    CachingReferenceData referenceData = cache();
    var first = referenceData.instrument(APPLE);
    API.stubFor(
        get(urlEqualTo("/instruments/US0378331005")).willReturn(aResponse().withStatus(503)));
    clock.advance(CachingReferenceData.DEFAULT_KNOWN_TTL);

    // WHEN
    var second = referenceData.instrument(APPLE);

    // THEN
    assertThat(second).isEqualTo(first).isPresent();
    API.verify(2, getRequestedFor(urlEqualTo("/instruments/US0378331005")));
  }

  @Test
  void instrument_apiUnavailableWhenANotKnownAnswerExpires_shouldThrowUnavailable() {
    // GIVEN a 404 must not hide a listing made while the API is down
    CachingReferenceData referenceData = cache();
    referenceData.instrument(UNLISTED);
    API.stubFor(
        get(urlEqualTo("/instruments/US0000000002")).willReturn(aResponse().withStatus(503)));
    clock.advance(CachingReferenceData.DEFAULT_UNKNOWN_TTL);

    // WHEN / THEN
    assertThatThrownBy(() -> referenceData.instrument(UNLISTED))
        .isInstanceOf(ReferenceDataUnavailableException.class);
  }

  @Test
  void instrument_answerOutsideTheContractWhenAKnownInstrumentExpires_shouldFailAtOnce() {
    // GIVEN
    CachingReferenceData referenceData = cache();
    referenceData.instrument(APPLE);
    API.stubFor(
        get(urlEqualTo("/instruments/US0378331005"))
            .willReturn(json("{\"isin\": \"US0378331005\"}")));
    clock.advance(CachingReferenceData.DEFAULT_KNOWN_TTL);

    // WHEN / THEN
    assertThatThrownBy(() -> referenceData.instrument(APPLE))
        .isInstanceOf(ReferenceDataContractException.class);
  }
}

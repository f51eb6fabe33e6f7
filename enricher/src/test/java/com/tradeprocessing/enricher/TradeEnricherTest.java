package com.tradeprocessing.enricher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradeprocessing.enricher.Enrichment.ReferencePrice;
import com.tradeprocessing.enricher.Enrichment.VenueSummary;
import com.tradeprocessing.enricher.market.MarketSession;
import com.tradeprocessing.enricher.market.MarketSessionSchedule;
import com.tradeprocessing.enricher.market.SettlementCalendar;
import com.tradeprocessing.enricher.referencedata.Instrument;
import com.tradeprocessing.enricher.referencedata.ReferenceData;
import com.tradeprocessing.enricher.referencedata.ReferenceDataFixtures;
import com.tradeprocessing.enricher.referencedata.Venue;
import com.tradeprocessing.model.Currency;
import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.Mic;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.fixtures.TradeFixtures;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TradeEnricherTest {

  private static TradeEnricher enricher(ReferenceData referenceData) {
    return new TradeEnricher(
        referenceData, MarketSessionSchedule.DEFAULT, SettlementCalendar.T_PLUS_ONE);
  }

  private final TradeEnricher enricher = enricher(ReferenceDataFixtures.inMemory());

  /** The fixtures, except that the one instrument has {@code referencePrice}. */
  private static ReferenceData withReferencePrice(String referencePrice) {
    Instrument apple = ReferenceDataFixtures.instrument("US0378331005");
    Instrument repriced =
        new Instrument(
            apple.isin(),
            apple.symbol(),
            apple.name(),
            apple.mic(),
            apple.currency(),
            apple.assetClass(),
            apple.sector(),
            apple.lotSize(),
            new BigDecimal(referencePrice),
            apple.referencePriceAsOf());
    return new ReferenceData() {
      @Override
      public Optional<Instrument> instrument(Isin isin) {
        return Optional.of(repriced);
      }

      @Override
      public Optional<Venue> venue(Mic mic) {
        return ReferenceDataFixtures.inMemory().venue(mic);
      }
    };
  }

  @Test
  void enrich_knownInstrumentAndVenue_shouldSetEveryField() {
    // GIVEN buy AAPL at 189.25 on XNAS at 09:30:00.123 New York time, the day before Thanksgiving
    Trade trade = TradeFixtures.omsTrade();

    // WHEN
    Enrichment enrichment = enricher.enrich(trade);

    // THEN
    assertThat(enrichment)
        .isEqualTo(
            new Enrichment(
                EnrichmentStatus.ENRICHED,
                trade.tradeId(),
                ReferenceDataFixtures.instrument("US0378331005"),
                new VenueSummary(
                    Mic.parse("XNAS"), "Nasdaq Stock Market", ZoneId.of("America/New_York")),
                LocalDate.of(2026, 11, 25),
                MarketSession.REGULAR,
                LocalDate.of(2026, 11, 27),
                null,
                false,
                new ReferencePrice(new BigDecimal("190.00"), Currency.USD),
                new BigDecimal("-0.3947")));
  }

  @ParameterizedTest(name = "trade {0} against reference {1} is {2} %")
  @CsvSource({
    "189.25,    190.00, -0.3947",
    "190.76,    190.00,  0.4000",
    "190.00,    190.00,  0.0000",
    "380.00,    190.00,  100.0000",
    // ties at the fifth decimal round half-even: 0.00005 down to even 0, 0.00015 up to even 2
    "160.00008, 160,     0.0000",
    "160.00024, 160,     0.0002",
    "159.99976, 160,    -0.0002",
  })
  void enrich_tradePriceAgainstReference_shouldBeSignedPercentRoundedHalfEven(
      String tradePrice, String referencePrice, String expectedPercent) {
    // GIVEN
    Trade trade = TradeFixtures.aTrade().withPrice(tradePrice).build();

    // WHEN
    Enrichment enrichment = enricher(withReferencePrice(referencePrice)).enrich(trade);

    // THEN
    assertThat(enrichment.priceDeviationPercent()).isEqualTo(new BigDecimal(expectedPercent));
  }

  @Test
  void enrich_sourceSettlementDateOtherThanExpected_shouldKeepItAndFlagIt() {
    // GIVEN the prime broker says T+2 where the venue calendar gives T+1
    Trade trade =
        TradeFixtures.from(TradeFixtures.primeBrokerTrade())
            .withSettlementDate(LocalDate.of(2026, 11, 27))
            .build();

    // WHEN
    Enrichment enrichment = enricher.enrich(trade);

    // THEN
    assertThat(enrichment.settlementDate()).isEqualTo(LocalDate.of(2026, 11, 26));
    assertThat(enrichment.sourceSettlementDate()).isEqualTo(LocalDate.of(2026, 11, 27));
    assertThat(enrichment.settlementDateDiffers()).isTrue();
  }

  @Test
  void enrich_sourceSettlementDateAsExpected_shouldKeepItUnflagged() {
    // GIVEN
    Trade trade = TradeFixtures.primeBrokerTrade();

    // WHEN
    Enrichment enrichment = enricher.enrich(trade);

    // THEN
    assertThat(enrichment.settlementDate()).isEqualTo(LocalDate.of(2026, 11, 26));
    assertThat(enrichment.sourceSettlementDate()).isEqualTo(LocalDate.of(2026, 11, 26));
    assertThat(enrichment.settlementDateDiffers()).isFalse();
  }

  @Test
  void enrich_fridayTrade_shouldSettleOnMonday() {
    // GIVEN Friday 2026-11-27, 10:00 New York
    Trade trade = TradeFixtures.aTrade().withExecutedAt("2026-11-27T15:00:00Z").build();

    // WHEN
    Enrichment enrichment = enricher.enrich(trade);

    // THEN
    assertThat(enrichment.tradeDate()).isEqualTo(LocalDate.of(2026, 11, 27));
    assertThat(enrichment.settlementDate()).isEqualTo(LocalDate.of(2026, 11, 30));
    assertThat(enrichment.settlementDateDiffers()).isFalse();
  }

  @Test
  void enrich_executedAfterMidnightUtcButInTheNewYorkEvening_shouldUseTheVenueDate() {
    // GIVEN 2026-11-25T02:00Z is 21:00 on 24 November in New York
    Trade trade = TradeFixtures.aTrade().withExecutedAt("2026-11-25T02:00:00Z").build();

    // WHEN
    Enrichment enrichment = enricher.enrich(trade);

    // THEN
    assertThat(enrichment.tradeDate()).isEqualTo(LocalDate.of(2026, 11, 24));
    assertThat(enrichment.marketSession()).isEqualTo(MarketSession.CLOSED);
    assertThat(enrichment.settlementDate()).isEqualTo(LocalDate.of(2026, 11, 25));
  }

  @Test
  void enrich_unknownInstrument_shouldBeUnknownInstrumentWithVenueData() {
    // GIVEN
    Trade trade = TradeFixtures.aTrade().withIsin("US0000000002").build();

    // WHEN
    Enrichment enrichment = enricher.enrich(trade);

    // THEN
    assertThat(enrichment.status()).isEqualTo(EnrichmentStatus.UNKNOWN_INSTRUMENT);
    assertThat(enrichment.tradeId()).isEqualTo(trade.tradeId());
    assertThat(enrichment.instrument()).isNull();
    assertThat(enrichment.referencePrice()).isNull();
    assertThat(enrichment.priceDeviationPercent()).isNull();
    assertThat(enrichment.marketSession()).isEqualTo(MarketSession.REGULAR);
    assertThat(enrichment.settlementDate()).isEqualTo(LocalDate.of(2026, 11, 27));
  }

  @Test
  void enrich_unknownVenue_shouldLeaveVenueDerivedFieldsNull() {
    // GIVEN a well-formed MIC the reference-data API does not know
    Trade trade = TradeFixtures.from(TradeFixtures.primeBrokerTrade()).withVenue("XPAR").build();

    // WHEN
    Enrichment enrichment = enricher.enrich(trade);

    // THEN
    assertThat(enrichment.status()).isEqualTo(EnrichmentStatus.ENRICHED);
    assertThat(enrichment.venue()).isEqualTo(new VenueSummary(Mic.parse("XPAR"), null, null));
    assertThat(enrichment.venue().known()).isFalse();
    assertThat(enrichment.tradeDate()).isNull();
    assertThat(enrichment.marketSession()).isNull();
    assertThat(enrichment.settlementDate()).isNull();
    assertThat(enrichment.settlementDateDiffers()).isNull();
    assertThat(enrichment.sourceSettlementDate()).isEqualTo(LocalDate.of(2026, 11, 26));
    assertThat(enrichment.priceDeviationPercent()).isEqualTo(new BigDecimal("-0.5390"));
  }

  @Test
  void enrich_tradeCurrencyOtherThanInstrumentCurrency_shouldGiveReferencePriceWithoutDeviation() {
    // GIVEN AAPL priced in EUR; the recorder decides what the mismatch means
    Trade trade = TradeFixtures.aTrade().withCurrency(Currency.EUR).build();

    // WHEN
    Enrichment enrichment = enricher.enrich(trade);

    // THEN
    assertThat(enrichment.status()).isEqualTo(EnrichmentStatus.ENRICHED);
    assertThat(enrichment.referencePrice())
        .isEqualTo(new ReferencePrice(new BigDecimal("190.00"), Currency.USD));
    assertThat(enrichment.priceDeviationPercent()).isNull();
  }

  @Test
  void enrich_referenceDataUnavailable_shouldPropagateTheFault() {
    // GIVEN
    ReferenceData down =
        new ReferenceData() {
          @Override
          public Optional<Instrument> instrument(Isin isin) {
            throw new ReferenceDataUnavailableException("HTTP 503");
          }

          @Override
          public Optional<Venue> venue(Mic mic) {
            throw new ReferenceDataUnavailableException("HTTP 503");
          }
        };

    // WHEN / THEN
    assertThatThrownBy(() -> enricher(down).enrich(TradeFixtures.omsTrade()))
        .isInstanceOf(ReferenceDataUnavailableException.class);
  }
}

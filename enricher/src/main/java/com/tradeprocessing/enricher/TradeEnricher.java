package com.tradeprocessing.enricher;

import com.tradeprocessing.enricher.Enrichment.ReferencePrice;
import com.tradeprocessing.enricher.Enrichment.VenueSummary;
import com.tradeprocessing.enricher.market.MarketSession;
import com.tradeprocessing.enricher.market.MarketSessionSchedule;
import com.tradeprocessing.enricher.market.SettlementCalendar;
import com.tradeprocessing.enricher.referencedata.Instrument;
import com.tradeprocessing.enricher.referencedata.ReferenceData;
import com.tradeprocessing.enricher.referencedata.Venue;
import com.tradeprocessing.model.Trade;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds market metadata to a canonical trade: the instrument and its reference price, the market
 * session at execution and the expected settlement date on the execution venue's calendar. Unknown
 * instruments and venues are outcomes; reference-data faults propagate as exceptions.
 */
public final class TradeEnricher {

  private static final Logger LOG = LoggerFactory.getLogger(TradeEnricher.class);

  private final ReferenceData referenceData;
  private final MarketSessionSchedule sessions;
  private final SettlementCalendar settlement;

  public TradeEnricher(
      ReferenceData referenceData, MarketSessionSchedule sessions, SettlementCalendar settlement) {
    this.referenceData = Objects.requireNonNull(referenceData, "referenceData");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.settlement = Objects.requireNonNull(settlement, "settlement");
  }

  /**
   * Enriches {@code trade}.
   *
   * @throws ReferenceDataUnavailableException when the reference data cannot be read for now
   * @throws ReferenceDataContractException when the API answers outside its contract
   * @throws ReferenceDataEndpointException when the API's base URL cannot be had
   */
  public Enrichment enrich(Trade trade) {
    Optional<Instrument> instrument = referenceData.instrument(trade.isin());
    Optional<Venue> venue = referenceData.venue(trade.venue());
    if (instrument.isEmpty()) {
      LOG.info("instrument {} is not known to the reference-data API", trade.isin());
    }

    VenueSummary venueSummary;
    LocalDate tradeDate = null;
    MarketSession session = null;
    LocalDate settlementDate = null;
    Boolean settlementDateDiffers = null;
    if (venue.isPresent()) {
      Venue v = venue.get();
      venueSummary = new VenueSummary(v.mic(), v.name(), v.timeZone());
      tradeDate = v.localDate(trade.executedAt());
      session = sessions.sessionAt(v, trade.executedAt());
      settlementDate = settlement.settlementDate(v, tradeDate);
      settlementDateDiffers =
          trade.settlementDate() != null && !trade.settlementDate().equals(settlementDate);
    } else {
      LOG.warn(
          "venue {} is not known to the reference-data API; trade date, session and settlement"
              + " date are left null",
          trade.venue());
      venueSummary = new VenueSummary(trade.venue(), null, null);
    }

    ReferencePrice referencePrice =
        instrument.map(i -> new ReferencePrice(i.referencePrice(), i.currency())).orElse(null);
    BigDecimal deviation = instrument.flatMap(i -> deviationPercent(trade, i)).orElse(null);

    return new Enrichment(
        instrument.isPresent() ? EnrichmentStatus.ENRICHED : EnrichmentStatus.UNKNOWN_INSTRUMENT,
        trade.tradeId(),
        instrument.orElse(null),
        venueSummary,
        tradeDate,
        session,
        settlementDate,
        trade.settlementDate(),
        settlementDateDiffers,
        referencePrice,
        deviation);
  }

  /** Empty when the trade is priced in another currency than the instrument's reference price. */
  private static Optional<BigDecimal> deviationPercent(Trade trade, Instrument instrument) {
    if (!trade.currency().equals(instrument.currency())) {
      LOG.info(
          "trade currency {} differs from the instrument currency {}; no price deviation",
          trade.currency(),
          instrument.currency());
      return Optional.empty();
    }
    return Optional.of(trade.price().deviationPercentFrom(instrument.referencePriceValue()));
  }
}

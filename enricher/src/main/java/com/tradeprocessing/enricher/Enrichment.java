package com.tradeprocessing.enricher;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.tradeprocessing.enricher.market.MarketSession;
import com.tradeprocessing.enricher.referencedata.Instrument;
import com.tradeprocessing.model.Currency;
import com.tradeprocessing.model.Mic;
import com.tradeprocessing.model.TradeId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The enricher's output, immutable; its JSON form is the "Enricher output" of {@code
 * docs/stage-contracts.md}. Every key is always written, {@code null} when not known, so the shape
 * never depends on the outcome.
 *
 * @param instrument {@code null} unless {@code ENRICHED}
 * @param venue the execution venue; {@code name} and {@code timeZone} are {@code null} when the
 *     reference-data API does not know the MIC, and so are the venue-derived {@code tradeDate},
 *     {@code marketSession}, {@code settlementDate} and {@code settlementDateDiffers}
 * @param tradeDate the execution instant's date in the venue's time zone
 * @param settlementDate the settlement date the platform expects from the venue's calendar
 * @param sourceSettlementDate the settlement date the source gave, unchanged; {@code null} if none
 * @param settlementDateDiffers whether the source gave a date other than {@code settlementDate};
 *     {@code false} when the source gave none
 * @param referencePrice the instrument's reference price in the instrument currency
 * @param priceDeviationPercent (trade price - reference) / reference * 100, four decimals
 *     half-even; {@code null} when there is no reference price or the currencies differ
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({
  "status",
  "tradeId",
  "instrument",
  "venue",
  "tradeDate",
  "marketSession",
  "settlementDate",
  "sourceSettlementDate",
  "settlementDateDiffers",
  "referencePrice",
  "priceDeviationPercent"
})
public record Enrichment(
    EnrichmentStatus status,
    TradeId tradeId,
    Instrument instrument,
    VenueSummary venue,
    LocalDate tradeDate,
    MarketSession marketSession,
    LocalDate settlementDate,
    LocalDate sourceSettlementDate,
    Boolean settlementDateDiffers,
    ReferencePrice referencePrice,
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal priceDeviationPercent) {

  public Enrichment {
    Objects.requireNonNull(status, "status");
    if (status != EnrichmentStatus.NOT_A_TRADE) {
      Objects.requireNonNull(tradeId, "tradeId");
      Objects.requireNonNull(venue, "venue");
    }
    if ((status == EnrichmentStatus.ENRICHED) != (instrument != null)) {
      throw new IllegalArgumentException("an instrument is present exactly when ENRICHED");
    }
  }

  /** The output for a payload that is not a canonical trade: only the status is set. */
  public static Enrichment notATrade() {
    return new Enrichment(
        EnrichmentStatus.NOT_A_TRADE, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * The execution venue as the output names it, immutable.
   *
   * @param name {@code null} when the venue is not known to the reference-data API
   * @param timeZone {@code null} when the venue is not known to the reference-data API
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record VenueSummary(Mic mic, String name, ZoneId timeZone) {

    public VenueSummary {
      Objects.requireNonNull(mic, "mic");
    }

    /** Whether the reference-data API knows the venue. */
    public boolean known() {
      return timeZone != null;
    }
  }

  /** A reference price as the API gave it (its scale kept), with its currency, immutable. */
  public record ReferencePrice(
      @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, Currency currency) {

    public ReferencePrice {
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(currency, "currency");
    }
  }
}

package com.tradeprocessing.recorder.input;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.tradeprocessing.model.Currency;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The parts of the enricher's output the final decision reads, immutable. The whole output is
 * stored verbatim in the record; this view only holds what the rules need.
 *
 * @param status what the enricher could do
 * @param instrument the instrument, set when {@code status} is ENRICHED
 * @param tradeDate the trade's date in the venue's time zone, {@code null} if not computed
 * @param referencePrice the instrument's reference price as the reference data gave it, {@code
 *     null} if it has none (the price band is then not checked)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnrichmentResult(
    EnrichmentOutcome status,
    TradedInstrument instrument,
    LocalDate tradeDate,
    BandReferencePrice referencePrice) {

  public EnrichmentResult {
    Objects.requireNonNull(status, "status");
    if (status == EnrichmentOutcome.ENRICHED
        && (instrument == null || instrument.currency() == null)) {
      throw new IllegalArgumentException("an ENRICHED result must name the instrument's currency");
    }
  }

  /** The result for a payload that is not a trade. */
  public static EnrichmentResult notATrade() {
    return new EnrichmentResult(EnrichmentOutcome.NOT_A_TRADE, null, null, null);
  }

  /** The instrument as the reference data describes it; only its trading currency is read. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TradedInstrument(String isin, Currency currency) {}

  /**
   * A reference price, immutable. Not a {@link com.tradeprocessing.model.Price}: the amount is kept
   * as given, and one that is not positive only means the band cannot be checked.
   */
  public record BandReferencePrice(BigDecimal amount, Currency currency) {

    public BandReferencePrice {
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(currency, "currency");
    }

    @Override
    public String toString() {
      return currency + " " + amount.toPlainString();
    }
  }
}

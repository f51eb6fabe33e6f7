package com.tradeprocessing.enricher.referencedata;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.tradeprocessing.model.Currency;
import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.Mic;
import com.tradeprocessing.model.Price;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An instrument as the reference-data API describes it, immutable; also its JSON form in the
 * enricher output.
 *
 * @param mic the instrument's primary listing, which need not be the venue a trade executed on
 * @param sector {@code null} for instruments without one (funds, for example)
 * @param referencePrice the last reference (closing) price in {@code currency}, kept with the scale
 *     the API sent
 * @param referencePriceAsOf the business date whose close {@code referencePrice} is
 */
public record Instrument(
    Isin isin,
    String symbol,
    String name,
    Mic mic,
    Currency currency,
    String assetClass,
    String sector,
    int lotSize,
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal referencePrice,
    LocalDate referencePriceAsOf) {

  public Instrument {
    Objects.requireNonNull(isin, "isin");
    requireText(symbol, "symbol");
    requireText(name, "name");
    Objects.requireNonNull(mic, "mic");
    Objects.requireNonNull(currency, "currency");
    requireText(assetClass, "assetClass");
    if (sector != null && sector.isBlank()) {
      throw new IllegalArgumentException("sector must be absent or not blank");
    }
    if (lotSize < 1) {
      throw new IllegalArgumentException("lotSize must be at least 1: " + lotSize);
    }
    Objects.requireNonNull(referencePrice, "referencePrice");
    // Checks positivity and precision the same way a trade price is checked.
    new Price(referencePrice, currency);
    Objects.requireNonNull(referencePriceAsOf, "referencePriceAsOf");
  }

  /** The reference price as a {@link Price}, for comparing a trade price with it. */
  public Price referencePriceValue() {
    return new Price(referencePrice, currency);
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }
}

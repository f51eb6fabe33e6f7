package com.tradeprocessing.recorder.decision;

import com.tradeprocessing.model.Price;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The widest accepted deviation of a trade price from the instrument's reference price, in percent
 * of the reference price, immutable and positive. The band is closed: a deviation of exactly the
 * percentage is inside it.
 */
public record PriceBand(BigDecimal percent) {

  /** The documented default of the SSM parameter {@code thresholds/price-band-percent}. */
  public static final PriceBand DEFAULT = new PriceBand(BigDecimal.TEN);

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public PriceBand {
    Objects.requireNonNull(percent, "percent");
    if (percent.signum() <= 0) {
      throw new IllegalArgumentException(
          "price band must be a positive percentage: " + percent.toPlainString());
    }
  }

  public static PriceBand ofPercent(String percent) {
    return new PriceBand(new BigDecimal(percent));
  }

  /**
   * Whether {@code |price - reference| / reference <= percent / 100}, for a positive reference in
   * the price's currency. Evaluated as {@code |price - reference| * 100 <= percent * reference},
   * exactly, so no rounding of a quotient can move a price across the boundary.
   */
  public boolean contains(Price price, BigDecimal reference) {
    if (reference.signum() <= 0) {
      throw new IllegalArgumentException(
          "reference price must be positive: " + reference.toPlainString());
    }
    BigDecimal deviation = price.amount().subtract(reference).abs().multiply(HUNDRED);
    return deviation.compareTo(percent.multiply(reference)) <= 0;
  }

  @Override
  public String toString() {
    return percent.toPlainString() + "%";
  }
}

package com.tradeprocessing.validator.thresholds;

import com.tradeprocessing.model.Mic;
import com.tradeprocessing.model.Require;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The limits the validator's rules check against, immutable, every value valid (a rule never runs
 * against a limit that makes no sense).
 *
 * @param maxQuantity largest quantity accepted, inclusive
 * @param maxNotional largest quantity x price accepted, inclusive, read in the trade's own currency
 * @param clockSkewTolerance how far past the validator's clock a trade time may lie
 * @param maxTradeAge how far before the validator's clock a trade time may lie
 * @param knownVenues the venues (MICs) the platform trades on
 */
public record ValidationThresholds(
    BigDecimal maxQuantity,
    BigDecimal maxNotional,
    Duration clockSkewTolerance,
    Duration maxTradeAge,
    Set<Mic> knownVenues) {

  /** The documented defaults; see docs/reason-codes.md and docs/stage-contracts.md. */
  public static final ValidationThresholds DEFAULTS =
      new ValidationThresholds(
          new BigDecimal("1000000"),
          new BigDecimal("50000000"),
          Duration.ofSeconds(30),
          Duration.ofDays(3),
          venues("XNAS", "XNYS", "XLON", "XETR", "XAMS"));

  public ValidationThresholds {
    Require.nonNull(
        "maxQuantity maxNotional clockSkewTolerance maxTradeAge knownVenues",
        maxQuantity,
        maxNotional,
        clockSkewTolerance,
        maxTradeAge,
        knownVenues);
    if (maxQuantity.signum() <= 0) {
      throw new IllegalArgumentException(
          "max quantity must be positive: " + maxQuantity.toPlainString());
    }
    if (maxNotional.signum() <= 0) {
      throw new IllegalArgumentException(
          "max notional must be positive: " + maxNotional.toPlainString());
    }
    if (clockSkewTolerance.isNegative()) {
      throw new IllegalArgumentException(
          "clock skew tolerance must not be negative: " + clockSkewTolerance);
    }
    if (maxTradeAge.isNegative() || maxTradeAge.isZero()) {
      throw new IllegalArgumentException("max trade age must be positive: " + maxTradeAge);
    }
    if (knownVenues.isEmpty()) {
      // An empty list would reject every trade; that is a misconfiguration, not a policy.
      throw new IllegalArgumentException("known venues must not be empty");
    }
    knownVenues = Set.copyOf(knownVenues);
  }

  /** The venue set of the given MICs. */
  public static Set<Mic> venues(String... mics) {
    return Stream.of(mics).map(Mic::parse).collect(Collectors.toUnmodifiableSet());
  }

  public ValidationThresholds withMaxQuantity(BigDecimal value) {
    return new ValidationThresholds(
        value, maxNotional, clockSkewTolerance, maxTradeAge, knownVenues);
  }

  public ValidationThresholds withMaxNotional(BigDecimal value) {
    return new ValidationThresholds(
        maxQuantity, value, clockSkewTolerance, maxTradeAge, knownVenues);
  }

  public ValidationThresholds withClockSkewTolerance(Duration value) {
    return new ValidationThresholds(maxQuantity, maxNotional, value, maxTradeAge, knownVenues);
  }

  public ValidationThresholds withMaxTradeAge(Duration value) {
    return new ValidationThresholds(
        maxQuantity, maxNotional, clockSkewTolerance, value, knownVenues);
  }

  public ValidationThresholds withKnownVenues(Set<Mic> value) {
    return new ValidationThresholds(
        maxQuantity, maxNotional, clockSkewTolerance, maxTradeAge, value);
  }
}

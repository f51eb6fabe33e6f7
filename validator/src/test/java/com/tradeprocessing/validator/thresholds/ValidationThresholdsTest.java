package com.tradeprocessing.validator.thresholds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradeprocessing.model.Mic;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidationThresholdsTest {

  @Test
  void defaults_shouldBeTheDocumentedValues() {
    // GIVEN
    ValidationThresholds defaults = ValidationThresholds.DEFAULTS;

    // WHEN / THEN
    assertThat(defaults.maxQuantity()).isEqualByComparingTo("1000000");
    assertThat(defaults.maxNotional()).isEqualByComparingTo("50000000");
    assertThat(defaults.clockSkewTolerance()).isEqualTo(Duration.parse("PT30S"));
    assertThat(defaults.maxTradeAge()).isEqualTo(Duration.parse("P3D"));
    assertThat(defaults.knownVenues())
        .extracting(Mic::value)
        .containsExactlyInAnyOrder("XNAS", "XNYS", "XLON", "XETR", "XAMS");
  }

  @Test
  void constructor_zeroClockSkew_shouldBeAccepted() {
    // GIVEN
    ValidationThresholds defaults = ValidationThresholds.DEFAULTS;

    // WHEN
    ValidationThresholds strict = defaults.withClockSkewTolerance(Duration.ZERO);

    // THEN
    assertThat(strict.clockSkewTolerance()).isZero();
  }

  @Test
  void constructor_outOfRangeValues_shouldBeRejected() {
    // GIVEN
    ValidationThresholds defaults = ValidationThresholds.DEFAULTS;

    // WHEN / THEN
    assertThatThrownBy(() -> defaults.withMaxQuantity(BigDecimal.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withMaxNotional(new BigDecimal("-1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withClockSkewTolerance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withMaxTradeAge(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withKnownVenues(Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_mutableVenueSet_shouldKeepItsOwnCopy() {
    // GIVEN
    Set<Mic> venues = new HashSet<>(ValidationThresholds.venues("XNAS"));
    ValidationThresholds thresholds = ValidationThresholds.DEFAULTS.withKnownVenues(venues);

    // WHEN
    venues.add(Mic.parse("XXXX"));

    // THEN
    assertThat(thresholds.knownVenues()).containsExactly(Mic.parse("XNAS"));
  }
}

package com.tradeprocessing.validator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.validator.thresholds.ValidationThresholds;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnownVenueRuleTest {

  private final KnownVenueRule rule = new KnownVenueRule();

  @ParameterizedTest
  @CsvSource({"XNAS", "XNYS", "XLON", "XETR", "XAMS"})
  void check_defaultKnownVenue_shouldPass(String venue) {
    // GIVEN
    var candidate = Candidates.withVenue(venue);

    // WHEN
    Optional<ValidationProblem> problem = rule.check(candidate, Candidates.context());

    // THEN
    assertThat(problem).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"XPAR", "XXXX", "BATS"})
  void check_wellFormedUnknownVenue_shouldReportInvalidVenue(String venue) {
    // GIVEN
    var candidate = Candidates.withVenue(venue);

    // WHEN
    Optional<ValidationProblem> problem = rule.check(candidate, Candidates.context());

    // THEN
    assertThat(problem)
        .hasValueSatisfying(
            p -> {
              assertThat(p.code()).isEqualTo(ReasonCode.INVALID_VENUE);
              assertThat(p.field()).isEqualTo("venue");
              assertThat(p.message()).contains(venue).contains("XAMS,XETR,XLON,XNAS,XNYS");
            });
  }

  @Test
  void check_venueRemovedFromConfiguration_shouldReportIt() {
    // GIVEN
    var thresholds =
        ValidationThresholds.DEFAULTS.withKnownVenues(ValidationThresholds.venues("XLON"));
    var candidate = Candidates.withVenue("XNAS");

    // WHEN
    Optional<ValidationProblem> problem = rule.check(candidate, Candidates.context(thresholds));

    // THEN
    assertThat(problem).map(ValidationProblem::code).contains(ReasonCode.INVALID_VENUE);
  }

  @Test
  void check_venueMissing_shouldNotApply() {
    // GIVEN
    var candidate = Candidates.withVenue(null);

    // WHEN
    Optional<ValidationProblem> problem = rule.check(candidate, Candidates.context());

    // THEN
    assertThat(problem).isEmpty();
  }
}

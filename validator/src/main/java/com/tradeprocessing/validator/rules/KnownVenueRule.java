package com.tradeprocessing.validator.rules;

import com.tradeprocessing.model.Mic;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.model.source.TradeCandidate;
import java.util.Optional;
import java.util.stream.Collectors;

/** INVALID_VENUE: a well-formed MIC that is not one of the known venues. */
public final class KnownVenueRule implements TradeRule {

  @Override
  public Optional<ValidationProblem> check(TradeCandidate candidate, RuleContext context) {
    Mic venue = candidate.venue();
    if (venue == null || context.thresholds().knownVenues().contains(venue)) {
      return Optional.empty();
    }
    String known =
        context.thresholds().knownVenues().stream()
            .map(Mic::value)
            .sorted()
            .collect(Collectors.joining(","));
    String field = context.fields().venue();
    return Optional.of(
        ValidationProblem.of(
            ReasonCode.INVALID_VENUE,
            field,
            field
                + ": "
                + venue
                + " is not a venue the platform trades on (known: "
                + known
                + ")"));
  }
}

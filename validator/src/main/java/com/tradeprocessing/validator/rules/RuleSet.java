package com.tradeprocessing.validator.rules;

import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.model.source.TradeCandidate;
import java.util.ArrayList;
import java.util.List;

/**
 * The validator's threshold rules and the version recorded with every result. Change {@link
 * #VERSION} whenever a rule is added, removed or changes meaning, so that a compliance record says
 * which rules judged the trade.
 */
public final class RuleSet {

  /** Bumped with every change of the rules or of what a reason code means. */
  public static final String VERSION = "2026-12-06.1";

  private static final List<TradeRule> RULES =
      List.of(
          new MaxQuantityRule(),
          new NotionalLimitRule(),
          new KnownVenueRule(),
          new FutureTradeTimeRule(),
          new StaleTradeRule());

  private RuleSet() {}

  /** Every problem the rules find in the fields of {@code candidate} that parsed. */
  public static List<ValidationProblem> check(TradeCandidate candidate, RuleContext context) {
    List<ValidationProblem> problems = new ArrayList<>();
    for (TradeRule rule : RULES) {
      rule.check(candidate, context).ifPresent(problems::add);
    }
    return problems;
  }
}

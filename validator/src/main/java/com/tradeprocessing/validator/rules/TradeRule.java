package com.tradeprocessing.validator.rules;

import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.model.source.TradeCandidate;
import java.util.Optional;

/**
 * One business rule over the fields of a trade that parsed. A rule whose inputs are missing does
 * not apply (the adapter already reported why they are missing), so a payload reports every problem
 * it has and each problem once.
 */
public interface TradeRule {

  Optional<ValidationProblem> check(TradeCandidate candidate, RuleContext context);
}

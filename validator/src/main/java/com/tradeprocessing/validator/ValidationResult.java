package com.tradeprocessing.validator;

import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.TradeId;
import com.tradeprocessing.model.ValidationProblem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The validator's verdict on one event, immutable: every problem found, in the order found
 * (envelope, payload, threshold rules), and the rule-set version that judged it.
 *
 * @param tradeId the platform's id of the trade, {@code null} when the source or the source's trade
 *     id could not be read
 * @param sourceSystem {@code null} when the event's {@code source} is not a known source
 * @param sourceTradeId the source's own trade id, {@code null} when it could not be read
 * @param problems every problem; the event is valid exactly when there are none
 * @param trade the canonical trade when the payload mapped to one, even a trade that the envelope
 *     check or a threshold rule rejects; {@code null} when the payload itself has problems
 * @param ruleSetVersion {@link com.tradeprocessing.validator.rules.RuleSet#VERSION} at the time
 */
public record ValidationResult(
    TradeId tradeId,
    SourceSystem sourceSystem,
    String sourceTradeId,
    List<ValidationProblem> problems,
    Trade trade,
    String ruleSetVersion) {

  public ValidationResult {
    problems = List.copyOf(problems);
    Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
    if (problems.isEmpty() && trade == null) {
      throw new IllegalArgumentException("a result without problems must hold the trade");
    }
  }

  public boolean isValid() {
    return problems.isEmpty();
  }

  /** The distinct reason codes of the problems, in the order they were first found. */
  public List<ReasonCode> reasonCodes() {
    return problems.stream().map(ValidationProblem::code).distinct().toList();
  }

  public Optional<Trade> canonicalTrade() {
    return Optional.ofNullable(trade);
  }
}

package com.tradeprocessing.model.source;

import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.ValidationProblem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of mapping one source payload, immutable: the fields read and every problem found.
 * Invariant: without problems the candidate is a complete trade.
 */
public record Adaptation(TradeCandidate candidate, List<ValidationProblem> problems) {

  public Adaptation {
    Objects.requireNonNull(candidate, "candidate");
    problems = List.copyOf(problems);
    if (problems.isEmpty() && candidate.toTrade().isEmpty()) {
      throw new IllegalStateException("an adaptation without problems must hold a complete trade");
    }
  }

  /** A payload that could not be read at all, from an unknown source. */
  public static Adaptation malformed(String message) {
    return malformed(null, message);
  }

  /**
   * A payload that could not be read at all, from {@code sourceSystem} when it is known ({@code
   * null} otherwise), so that the rejection still names its source.
   */
  public static Adaptation malformed(SourceSystem sourceSystem, String message) {
    return new Adaptation(
        emptyCandidate(sourceSystem),
        List.of(ValidationProblem.of(ReasonCode.MALFORMED_PAYLOAD, "", message)));
  }

  /** The canonical trade, present exactly when there are no problems. */
  public Optional<Trade> trade() {
    return problems.isEmpty() ? candidate.toTrade() : Optional.empty();
  }

  public boolean isValid() {
    return problems.isEmpty();
  }

  private static TradeCandidate emptyCandidate(SourceSystem sourceSystem) {
    return new TradeCandidate(
        sourceSystem, null, null, null, null, null, null, null, null, null, null, null);
  }
}

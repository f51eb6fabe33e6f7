package com.tradeprocessing.validator;

import com.tradeprocessing.model.MessageText;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.TradeId;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.model.event.EventLimits;
import com.tradeprocessing.model.event.TradeEvent;
import com.tradeprocessing.model.source.Adaptation;
import com.tradeprocessing.model.source.SourceAdapters;
import com.tradeprocessing.model.source.TradeCandidate;
import com.tradeprocessing.validator.rules.RuleContext;
import com.tradeprocessing.validator.rules.RuleSet;
import com.tradeprocessing.validator.rules.SourceFieldNames;
import com.tradeprocessing.validator.thresholds.ThresholdsSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Validates one EventBridge trade event: the envelope (a {@code detail} within {@link
 * EventLimits#MAX_DETAIL_BYTES}, a {@code detail-type} that belongs to the {@code source}), the
 * payload through the source's adapter, then the threshold rules on every field that parsed.
 * Reports every problem at once; a rejection is a result, never an exception. Throws only for
 * faults: thresholds that cannot be read.
 */
public final class TradeValidator {

  private final ThresholdsSource thresholds;
  private final Clock clock;

  public TradeValidator(ThresholdsSource thresholds, Clock clock) {
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public ValidationResult validate(TradeEvent event) {
    Objects.requireNonNull(event, "event");
    Adaptation adaptation = SourceAdapters.adapt(event.source(), event.detail());
    TradeCandidate candidate = adaptation.candidate();
    SourceSystem source = candidate.sourceSystem();

    List<ValidationProblem> problems = new ArrayList<>();
    Optional<ValidationProblem> tooLarge = sizeProblem(event);
    tooLarge.ifPresent(problems::add);
    detailTypeProblem(event, source).ifPresent(problems::add);
    problems.addAll(adaptation.problems());
    RuleContext context =
        new RuleContext(thresholds.current(), clock.instant(), SourceFieldNames.of(source));
    problems.addAll(RuleSet.check(candidate, context));

    // The canonical trade repeats the payload's free-text fields; leaving it out of a too large
    // event's result keeps the stage outputs small whatever the payload holds.
    return new ValidationResult(
        tradeId(candidate),
        source,
        candidate.sourceTradeId(),
        problems,
        tooLarge.isPresent() ? null : adaptation.trade().orElse(null),
        RuleSet.VERSION);
  }

  /** A detail above {@link EventLimits#MAX_DETAIL_BYTES} is not processed as a trade. */
  private static Optional<ValidationProblem> sizeProblem(TradeEvent event) {
    long bytes = EventLimits.detailBytes(event.detail());
    if (bytes <= EventLimits.MAX_DETAIL_BYTES) {
      return Optional.empty();
    }
    return Optional.of(
        ValidationProblem.of(
            ReasonCode.EVENT_TOO_LARGE,
            "detail",
            "detail: "
                + bytes
                + " bytes of JSON, more than the "
                + EventLimits.MAX_DETAIL_BYTES
                + " bytes a trade event may have"));
  }

  /**
   * EventBridge rules route on both {@code source} and {@code detail-type}; an event whose
   * detail-type is not its source's trade event is not a trade of that source, however well its
   * payload parses.
   */
  private static Optional<ValidationProblem> detailTypeProblem(
      TradeEvent event, SourceSystem source) {
    if (source == null || source.detailType().equals(event.detailType())) {
      return Optional.empty();
    }
    String found = event.detailType() == null ? "missing" : MessageText.quote(event.detailType());
    return Optional.of(
        ValidationProblem.of(
            ReasonCode.MALFORMED_PAYLOAD,
            "detail-type",
            "detail-type: "
                + found
                + " is not the detail-type of "
                + source.eventSource()
                + " events ('"
                + source.detailType()
                + "')"));
  }

  private static TradeId tradeId(TradeCandidate candidate) {
    String sourceTradeId = candidate.sourceTradeId();
    if (candidate.sourceSystem() == null || sourceTradeId == null || sourceTradeId.isBlank()) {
      return null;
    }
    return TradeId.of(candidate.sourceSystem(), sourceTradeId);
  }
}

package com.tradeprocessing.recorder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.TradeId;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.recorder.decision.DuplicateEvidence;
import com.tradeprocessing.recorder.decision.FinalDecisionPolicy;
import com.tradeprocessing.recorder.decision.PriceBand;
import com.tradeprocessing.recorder.decision.PriceBandSource;
import com.tradeprocessing.recorder.decision.TradeDecision;
import com.tradeprocessing.recorder.input.RecordRequest;
import com.tradeprocessing.recorder.input.ValidationVerdict;
import com.tradeprocessing.recorder.record.PutOutcome;
import com.tradeprocessing.recorder.record.RecordKeys;
import com.tradeprocessing.recorder.record.RecordKind;
import com.tradeprocessing.recorder.record.RecordingMetrics;
import com.tradeprocessing.recorder.record.TradeContent;
import com.tradeprocessing.recorder.record.TradeRecord;
import com.tradeprocessing.recorder.record.TradeRecordStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a trade's final status and writes its compliance record, exactly once per distinct event
 * content.
 *
 * <ul>
 *   <li>First event of a trade id: recorded under the trade id.
 *   <li>Same trade id, same economic content (a replay): nothing written; the first outcome is
 *       returned with {@code replayed} set.
 *   <li>Same trade id, other economic content: REJECTED with DUPLICATE_TRADE and recorded under
 *       {@code <trade id>#DUPLICATE#<short content hash>}, itself replay-safe.
 *   <li>No readable trade id: recorded under {@code UNIDENTIFIED#<hash of source and payload>}.
 * </ul>
 *
 * Every write is conditional, so concurrent or retried executions for one event leave one record.
 */
public final class ComplianceRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(ComplianceRecorder.class);

  private final TradeRecordStore store;
  private final PriceBandSource priceBands;
  private final FinalDecisionPolicy policy;
  private final RecordingMetrics metrics;
  private final Clock clock;
  private final String region;

  /**
   * @param region the AWS region this recorder runs in, stored in every record it writes
   */
  public ComplianceRecorder(
      TradeRecordStore store,
      PriceBandSource priceBands,
      FinalDecisionPolicy policy,
      RecordingMetrics metrics,
      Clock clock,
      String region) {
    this.store = Objects.requireNonNull(store, "store");
    this.priceBands = Objects.requireNonNull(priceBands, "priceBands");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.region = Objects.requireNonNull(region, "region");
  }

  public RecordingResult record(RecordRequest request) {
    ValidationVerdict validation = request.validation();
    String rawPayload = json(request.event().detail());
    TradeContent content = TradeContent.of(validation.trade(), rawPayload);
    PriceBand priceBand = priceBands.current();
    RecordDraft draft = new RecordDraft(request, rawPayload, content, clock.instant());

    TradeId tradeId = validation.tradeId();
    if (tradeId == null) {
      String key = RecordKeys.unidentified(request.event().source(), rawPayload);
      return writeOnce(
          draft.toRecord(
              key,
              RecordKind.UNIDENTIFIED,
              null,
              policy.decide(validation, request.enrichment(), priceBand)));
    }

    TradeRecord first =
        draft.toRecord(
            RecordKeys.trade(tradeId),
            RecordKind.TRADE,
            null,
            policy.decide(validation, request.enrichment(), priceBand));
    PutOutcome outcome = store.putIfAbsent(first);
    if (outcome instanceof PutOutcome.AlreadyRecorded(TradeRecord existing)) {
      if (existing.content().equals(content)) {
        return replayed(existing);
      }
      DuplicateEvidence evidence =
          new DuplicateEvidence(existing.tradeId(), existing.content().hash(), content.hash());
      return writeOnce(
          draft.toRecord(
              RecordKeys.duplicate(tradeId, content),
              RecordKind.DUPLICATE,
              existing.tradeId(),
              policy.decideDuplicate(validation, request.enrichment(), priceBand, evidence)));
    }
    return recorded(first);
  }

  /** Writes a record whose key derives from its content: an existing record is a replay. */
  private RecordingResult writeOnce(TradeRecord record) {
    PutOutcome outcome = store.putIfAbsent(record);
    if (outcome instanceof PutOutcome.AlreadyRecorded(TradeRecord existing)) {
      if (!existing.content().equals(record.content())) {
        throw new IllegalStateException(
            "record "
                + record.tradeId()
                + " holds content "
                + existing.content()
                + " although its key derives from content "
                + record.content());
      }
      return replayed(existing);
    }
    return recorded(record);
  }

  // At DEBUG: the handler's one line per trade carries the outcome at INFO, and the record holds
  // the kind and the rule versions; a second line would double the function's log cost.
  private RecordingResult recorded(TradeRecord record) {
    LOG.debug(
        "Recorded {} as {} {} (kind {}, rules {}/{})",
        record.tradeId(),
        record.status(),
        record.reasonCodes(),
        record.kind(),
        record.validationRuleSetVersion(),
        record.decisionRulesVersion());
    metrics.recorded(record);
    return new RecordingResult(
        record.tradeId(), record.status(), record.reasonCodes(), false, record.recordedAt());
  }

  private RecordingResult replayed(TradeRecord existing) {
    LOG.debug(
        "Replay of {}: returning the first outcome {} {} recorded at {} by {}",
        existing.tradeId(),
        existing.status(),
        existing.reasonCodes(),
        existing.recordedAt(),
        existing.executionId());
    metrics.replayed(existing);
    return new RecordingResult(
        existing.tradeId(), existing.status(), existing.reasonCodes(), true, existing.recordedAt());
  }

  private static String json(Object value) {
    try {
      return TradeJson.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree or canonical trade always serializes", e);
    }
  }

  /** The parts of a record that do not depend on its key or decision. */
  private final class RecordDraft {
    private final RecordRequest request;
    private final String rawPayload;
    private final TradeContent content;
    private final Instant recordedAt;

    RecordDraft(RecordRequest request, String rawPayload, TradeContent content, Instant now) {
      this.request = request;
      this.rawPayload = rawPayload;
      this.content = content;
      this.recordedAt = now;
    }

    TradeRecord toRecord(
        String key, RecordKind kind, String originalTradeId, TradeDecision decision) {
      ValidationVerdict validation = request.validation();
      Trade trade = validation.trade();
      return new TradeRecord(
          key,
          kind,
          originalTradeId,
          validation.sourceSystem() != null
              ? validation.sourceSystem().eventSource()
              : request.event().source(),
          validation.sourceTradeId(),
          request.event().id(),
          decision.status(),
          decision.reasonCodes(),
          decision.problems(),
          trade == null ? null : trade.isin().value(),
          trade == null ? null : trade.executedAt(),
          tradeDate(trade),
          trade == null ? null : json(trade),
          request.enrichment().status(),
          json(request.enrichmentJson()),
          rawPayload,
          TradeContent.ofRawPayload(rawPayload).hash(),
          content,
          request.event().time(),
          recordedAt,
          request.executionId(),
          region,
          validation.ruleSetVersion(),
          decision.rulesVersion(),
          decision.priceBandPercent(),
          decision.priceDeviationPercent());
    }

    /**
     * The venue-local trade date from the enricher, else the UTC date of the execution time, else
     * of the event time, else of the recording time (an event always has a time on EventBridge, so
     * the last one only covers a malformed envelope).
     */
    private LocalDate tradeDate(Trade trade) {
      if (request.enrichment().tradeDate() != null) {
        return request.enrichment().tradeDate();
      }
      Instant basis =
          trade != null
              ? trade.executedAt()
              : request.event().time() != null ? request.event().time() : recordedAt;
      return LocalDate.ofInstant(basis, ZoneOffset.UTC);
    }
  }
}

package com.tradeprocessing.recorder.record;

import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.Require;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.recorder.decision.TradeStatus;
import com.tradeprocessing.recorder.input.EnrichmentOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The compliance record of one trade event, immutable; docs/trade-record.md describes every
 * attribute. Instants are held at millisecond precision, the precision they are stored with.
 *
 * @param tradeId the record key: a trade id, a duplicate's key or an unidentified payload's key
 * @param kind what the key stands for
 * @param originalTradeId for a duplicate, the key of the record it duplicates; else {@code null}
 * @param sourceSystem the EventBridge source of the event ({@code trading.oms}, ...), {@code null}
 *     if absent
 * @param sourceTradeId the source system's trade id, {@code null} if unreadable
 * @param eventId the EventBridge event id, {@code null} if absent
 * @param status the final status
 * @param reasonCodes why the trade is rejected, in decision order; empty when accepted
 * @param problems every problem behind the reason codes
 * @param isin the instrument, {@code null} without a canonical trade (then absent from the
 *     by-instrument index)
 * @param executedAt the execution time, {@code null} without a canonical trade (then absent from
 *     the by-instrument index)
 * @param tradeDate the business date of the by-status-date index
 * @param canonicalTrade the canonical trade as JSON, {@code null} if the payload did not map to one
 * @param enrichmentStatus the enricher's status
 * @param enrichment the enricher's output as JSON, as it arrived
 * @param rawPayload the event's {@code detail} serialized with TradeJson
 * @param rawPayloadSha256 the SHA-256 of {@code rawPayload}
 * @param content the content hash that tells replays from duplicates
 * @param receivedAt the EventBridge event time, {@code null} if absent
 * @param recordedAt when the recorder decided, from its clock; the by-status-date sort key, which
 *     every record has
 * @param executionId the Step Functions execution that recorded the trade
 * @param region the AWS region whose recorder wrote the record
 * @param validationRuleSetVersion the validator's rule set version, {@code null} if it gave none
 * @param decisionRulesVersion the recorder's decision rules version
 * @param priceBandPercent the price band the decision used
 * @param priceDeviationPercent the trade price's deviation from the reference price, {@code null}
 *     if not computed
 */
public record TradeRecord(
    String tradeId,
    RecordKind kind,
    String originalTradeId,
    String sourceSystem,
    String sourceTradeId,
    String eventId,
    TradeStatus status,
    List<ReasonCode> reasonCodes,
    List<ValidationProblem> problems,
    String isin,
    Instant executedAt,
    LocalDate tradeDate,
    String canonicalTrade,
    EnrichmentOutcome enrichmentStatus,
    String enrichment,
    String rawPayload,
    String rawPayloadSha256,
    TradeContent content,
    Instant receivedAt,
    Instant recordedAt,
    String executionId,
    String region,
    String validationRuleSetVersion,
    String decisionRulesVersion,
    BigDecimal priceBandPercent,
    BigDecimal priceDeviationPercent) {

  public TradeRecord {
    Require.nonNull(
        "tradeId kind status tradeDate enrichmentStatus enrichment rawPayload rawPayloadSha256"
            + " content recordedAt executionId region decisionRulesVersion priceBandPercent",
        tradeId,
        kind,
        status,
        tradeDate,
        enrichmentStatus,
        enrichment,
        rawPayload,
        rawPayloadSha256,
        content,
        recordedAt,
        executionId,
        region,
        decisionRulesVersion,
        priceBandPercent);
    reasonCodes = List.copyOf(reasonCodes);
    problems = List.copyOf(problems);
    if ((status == TradeStatus.REJECTED) == reasonCodes.isEmpty()) {
      throw new IllegalArgumentException(status + " with reason codes " + reasonCodes);
    }
    if ((kind == RecordKind.DUPLICATE) != (originalTradeId != null)) {
      throw new IllegalArgumentException(
          "only a duplicate names an original trade id: " + kind + ", " + originalTradeId);
    }
    executedAt = RecordInstants.toMillis(executedAt);
    receivedAt = RecordInstants.toMillis(receivedAt);
    recordedAt = RecordInstants.toMillis(recordedAt);
  }

  /**
   * The by-status-date partition key: {@code <STATUS>#<trade date>}, e.g. {@code
   * REJECTED#2026-11-25}.
   */
  public String statusDate() {
    return status.name() + "#" + tradeDate;
  }
}

package com.tradeprocessing.cli.record;

import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.CANONICAL_TRADE;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.CONTENT_HASH;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.CONTENT_HASH_BASIS;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.DECISION_RULES_VERSION;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.ENRICHMENT;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.ENRICHMENT_STATUS;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.EXECUTION_ID;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.ORIGINAL_TRADE_ID;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.PRICE_BAND_PERCENT;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.PROBLEMS;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.RAW_PAYLOAD;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.RAW_PAYLOAD_SHA256;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.REASON_CODES;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.RECORDED_AT;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.RECORD_KIND;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.REGION;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.SCHEMA_VERSION_ATTRIBUTE;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.SOURCE_SYSTEM;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.SOURCE_TRADE_ID;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.STATUS;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.STATUS_DATE;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.TRADE_DATE;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.TRADE_ID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.cli.record.Finding.FindingKind;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.TradeId;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.model.source.SourceAdapters;
import com.tradeprocessing.recorder.decision.TradeStatus;
import com.tradeprocessing.recorder.record.ContentBasis;
import com.tradeprocessing.recorder.record.RecordKeys;
import com.tradeprocessing.recorder.record.RecordKind;
import com.tradeprocessing.recorder.record.TradeContent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one stored record against itself, with the recorder's own code: the payload hash and the
 * content hash recomputed from the stored {@code rawPayload} ({@link TradeContent}, the source
 * adapters), the key recomputed from the source and source trade id ({@link TradeId}, {@link
 * RecordKeys}), and the verdict against the stored reasons (ACCEPTED exactly when no reason code;
 * the reason codes are the problems' codes; a duplicate is rejected as one). Reads nothing else.
 */
public final class RecordVerifier {

  /** The attributes every record has (docs/trade-record.md; the recorder's required ones). */
  static final List<String> REQUIRED =
      List.of(
          TRADE_ID,
          RECORD_KIND,
          STATUS,
          REASON_CODES,
          PROBLEMS,
          TRADE_DATE,
          STATUS_DATE,
          ENRICHMENT_STATUS,
          ENRICHMENT,
          RAW_PAYLOAD,
          RAW_PAYLOAD_SHA256,
          CONTENT_HASH,
          CONTENT_HASH_BASIS,
          RECORDED_AT,
          EXECUTION_ID,
          REGION,
          DECISION_RULES_VERSION,
          PRICE_BAND_PERCENT,
          SCHEMA_VERSION_ATTRIBUTE);

  public List<Finding> verify(StoredRecord record) {
    List<Finding> findings = new ArrayList<>();
    String tradeId = record.tradeId();
    for (String name : REQUIRED) {
      if (!record.has(name)) {
        findings.add(new Finding(tradeId, FindingKind.MISSING_FIELD, name + " is absent"));
      }
    }
    String rawPayload = record.text(RAW_PAYLOAD);
    if (rawPayload != null) {
      findings.addAll(hashes(record, tradeId, rawPayload));
    }
    findings.addAll(verdict(record, tradeId));
    return findings;
  }

  private List<Finding> hashes(StoredRecord record, String tradeId, String rawPayload) {
    List<Finding> findings = new ArrayList<>();
    String payloadHash = TradeContent.ofRawPayload(rawPayload).hash();
    String storedPayloadHash = record.text(RAW_PAYLOAD_SHA256);
    if (storedPayloadHash != null && !storedPayloadHash.equals(payloadHash)) {
      findings.add(
          new Finding(
              tradeId,
              FindingKind.PAYLOAD_HASH_MISMATCH,
              "rawPayloadSha256 is "
                  + storedPayloadHash
                  + ", the stored rawPayload hashes to "
                  + payloadHash));
    }
    String source = record.text(SOURCE_SYSTEM);
    Optional<Trade> payloadTrade = tradeOf(source, rawPayload);
    String basis = record.text(CONTENT_HASH_BASIS);
    String storedContentHash = record.text(CONTENT_HASH);
    if (basis != null && storedContentHash != null) {
      String expected = null;
      if (ContentBasis.RAW_PAYLOAD.name().equals(basis)) {
        expected = payloadHash;
      } else if (ContentBasis.ECONOMIC_FIELDS.name().equals(basis)) {
        if (payloadTrade.isEmpty()) {
          findings.add(
              new Finding(
                  tradeId,
                  FindingKind.CONTENT_HASH_MISMATCH,
                  "contentHashBasis is ECONOMIC_FIELDS but the stored rawPayload of source "
                      + source
                      + " maps to no complete trade"));
        } else {
          expected = TradeContent.ofTrade(payloadTrade.get()).hash();
        }
      } else {
        findings.add(
            new Finding(
                tradeId,
                FindingKind.CONTENT_HASH_MISMATCH,
                "contentHashBasis " + basis + " is neither ECONOMIC_FIELDS nor RAW_PAYLOAD"));
      }
      if (expected != null && !expected.equals(storedContentHash)) {
        findings.add(
            new Finding(
                tradeId,
                FindingKind.CONTENT_HASH_MISMATCH,
                "contentHash is "
                    + storedContentHash
                    + ", the stored rawPayload's "
                    + basis
                    + " hash to "
                    + expected));
      }
    }
    String canonical = record.text(CANONICAL_TRADE);
    if (canonical != null) {
      Optional<Trade> stored = parseTrade(canonical);
      if (stored.isEmpty() || !stored.equals(payloadTrade)) {
        findings.add(
            new Finding(
                tradeId,
                FindingKind.CANONICAL_TRADE_MISMATCH,
                stored.isEmpty()
                    ? "canonicalTrade is not a canonical trade"
                    : "canonicalTrade differs from the trade the stored rawPayload maps to"));
      }
    }
    findings.addAll(key(record, tradeId, rawPayload, source));
    return findings;
  }

  private static List<Finding> key(
      StoredRecord record, String tradeId, String rawPayload, String source) {
    String kind = record.text(RECORD_KIND);
    if (tradeId == null || kind == null) {
      return List.of();
    }
    String expected;
    if (RecordKind.UNIDENTIFIED.name().equals(kind)) {
      expected = RecordKeys.unidentified(source, rawPayload);
    } else if (RecordKind.DUPLICATE.name().equals(kind)) {
      String original = record.text(ORIGINAL_TRADE_ID);
      String contentHash = record.text(CONTENT_HASH);
      expected =
          original == null || contentHash == null || contentHash.length() < 16
              ? null
              : original + "#DUPLICATE#" + contentHash.substring(0, 16);
      if (expected == null) {
        return List.of(
            new Finding(
                tradeId,
                FindingKind.KEY_MISMATCH,
                "a duplicate without originalTradeId or contentHash"));
      }
    } else if (RecordKind.TRADE.name().equals(kind)) {
      String sourceTradeId = record.text(SOURCE_TRADE_ID);
      Optional<SourceSystem> system = SourceSystem.fromEventSource(source);
      if (system.isEmpty() || sourceTradeId == null) {
        return List.of(
            new Finding(
                tradeId,
                FindingKind.KEY_MISMATCH,
                "a TRADE record without a known sourceSystem and a sourceTradeId"));
      }
      expected = TradeId.of(system.get(), sourceTradeId).value();
    } else {
      return List.of(new Finding(tradeId, FindingKind.KEY_MISMATCH, "unknown recordKind " + kind));
    }
    return expected.equals(tradeId)
        ? List.of()
        : List.of(
            new Finding(
                tradeId,
                FindingKind.KEY_MISMATCH,
                "the key of this " + kind + " record should be " + expected));
  }

  private static List<Finding> verdict(StoredRecord record, String tradeId) {
    List<Finding> findings = new ArrayList<>();
    String status = record.status();
    List<String> reasons = record.reasonCodes();
    Set<String> known =
        new HashSet<>(Arrays.stream(ReasonCode.values()).map(ReasonCode::name).toList());
    for (String reason : reasons) {
      if (!known.contains(reason)) {
        findings.add(
            new Finding(tradeId, FindingKind.VERDICT_MISMATCH, "unknown reason code " + reason));
      }
    }
    if (new LinkedHashSet<>(reasons).size() != reasons.size()) {
      findings.add(
          new Finding(tradeId, FindingKind.VERDICT_MISMATCH, "reason codes repeated: " + reasons));
    }
    if (status != null) {
      if (TradeStatus.ACCEPTED.name().equals(status) && !reasons.isEmpty()) {
        findings.add(
            new Finding(
                tradeId, FindingKind.VERDICT_MISMATCH, "ACCEPTED with reason codes " + reasons));
      } else if (TradeStatus.REJECTED.name().equals(status) && reasons.isEmpty()) {
        findings.add(
            new Finding(tradeId, FindingKind.VERDICT_MISMATCH, "REJECTED without a reason code"));
      } else if (!TradeStatus.ACCEPTED.name().equals(status)
          && !TradeStatus.REJECTED.name().equals(status)) {
        findings.add(
            new Finding(tradeId, FindingKind.VERDICT_MISMATCH, "unknown status " + status));
      }
      String tradeDate = record.text(TRADE_DATE);
      String statusDate = record.text(STATUS_DATE);
      if (tradeDate != null && statusDate != null && !statusDate.equals(status + "#" + tradeDate)) {
        findings.add(
            new Finding(
                tradeId,
                FindingKind.VERDICT_MISMATCH,
                "statusDate " + statusDate + " is not " + status + "#" + tradeDate));
      }
    }
    Set<String> problemCodes = new LinkedHashSet<>(record.problemCodes());
    if (record.has(PROBLEMS) && !problemCodes.equals(new HashSet<>(reasons))) {
      findings.add(
          new Finding(
              tradeId,
              FindingKind.VERDICT_MISMATCH,
              "reason codes " + reasons + " are not the codes of the problems " + problemCodes));
    }
    if (RecordKind.DUPLICATE.name().equals(record.text(RECORD_KIND))
        && !reasons.contains(ReasonCode.DUPLICATE_TRADE.name())) {
      findings.add(
          new Finding(
              tradeId, FindingKind.VERDICT_MISMATCH, "a DUPLICATE record without DUPLICATE_TRADE"));
    }
    return findings;
  }

  /** The trade the recorder's source adapter maps the stored payload to, if complete. */
  private static Optional<Trade> tradeOf(String source, String rawPayload) {
    try {
      JsonNode detail = TradeJson.mapper().readTree(rawPayload);
      return SourceAdapters.adapt(source, detail).trade();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static Optional<Trade> parseTrade(String canonical) {
    try {
      return Optional.of(TradeJson.mapper().readValue(canonical, Trade.class));
    } catch (JsonProcessingException | RuntimeException e) {
      return Optional.empty();
    }
  }
}

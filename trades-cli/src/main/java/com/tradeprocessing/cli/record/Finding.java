package com.tradeprocessing.cli.record;

import java.util.Objects;

/**
 * Something {@code trades verify} found wrong with one stored record.
 *
 * @param tradeId the record's key, {@code null} when the record has none
 * @param kind what is wrong
 * @param detail which attribute, and what was expected
 */
public record Finding(String tradeId, FindingKind kind, String detail) {

  /** What a record can get wrong. */
  public enum FindingKind {
    /** A required attribute is absent. */
    MISSING_FIELD,
    /** {@code rawPayloadSha256} is not the SHA-256 of the stored {@code rawPayload}. */
    PAYLOAD_HASH_MISMATCH,
    /** {@code contentHash} is not the content hash recomputed from the stored payload. */
    CONTENT_HASH_MISMATCH,
    /** {@code canonicalTrade} is not the trade the stored payload maps to. */
    CANONICAL_TRADE_MISMATCH,
    /** The key does not follow from the source, the source trade id, the content or the payload. */
    KEY_MISMATCH,
    /** The status does not follow from the stored reason codes and problems. */
    VERDICT_MISMATCH
  }

  public Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return (tradeId == null ? "(no tradeId)" : tradeId) + " " + kind + ": " + detail;
  }
}

package com.tradeprocessing.recorder.decision;

import java.util.Objects;

/**
 * Proof that a trade id was already recorded with different economic content, immutable.
 *
 * @param originalTradeId the key of the record already written for this trade id
 * @param originalContentHash the content hash stored in that record
 * @param contentHash the content hash of the trade being decided
 */
public record DuplicateEvidence(
    String originalTradeId, String originalContentHash, String contentHash) {

  public DuplicateEvidence {
    Objects.requireNonNull(originalTradeId, "originalTradeId");
    Objects.requireNonNull(originalContentHash, "originalContentHash");
    Objects.requireNonNull(contentHash, "contentHash");
    if (originalContentHash.equals(contentHash)) {
      throw new IllegalArgumentException("equal content is a replay, not a duplicate");
    }
  }
}

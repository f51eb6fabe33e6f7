package com.tradeprocessing.recorder.record;

/** What a record's key stands for. */
public enum RecordKind {
  /** The first record of a trade id: key {@code TRD-…}. */
  TRADE,
  /**
   * A later event with an already recorded trade id and different economic content: key {@code
   * TRD-…#DUPLICATE#<first 16 hex of its content hash>}.
   */
  DUPLICATE,
  /** A payload without a readable trade id: key {@code UNIDENTIFIED#<sha256 hex>}. */
  UNIDENTIFIED
}

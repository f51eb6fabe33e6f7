package com.tradeprocessing.recorder.record;

import com.tradeprocessing.model.TradeId;

/** The partition keys ({@code tradeId} attribute) of the three kinds of record. */
public final class RecordKeys {

  private static final String DUPLICATE_SEPARATOR = "#DUPLICATE#";
  private static final String UNIDENTIFIED_PREFIX = "UNIDENTIFIED#";

  private RecordKeys() {}

  /** The first record of a trade id. */
  public static String trade(TradeId tradeId) {
    return tradeId.value();
  }

  /**
   * The record of a trade id seen again with other economic content. One key per distinct content,
   * so replaying the same duplicate finds its own record.
   */
  public static String duplicate(TradeId tradeId, TradeContent content) {
    return tradeId.value() + DUPLICATE_SEPARATOR + content.shortHash();
  }

  /**
   * The record of a payload without a readable trade id: the SHA-256 of the event source and the
   * raw payload, so replaying the same payload from the same source finds the same record.
   *
   * @param source the EventBridge {@code source}, {@code null} if absent
   */
  public static String unidentified(String source, String rawPayload) {
    // The NUL separator keeps ("a", "bc") and ("ab", "c") apart, as in TradeId.
    return UNIDENTIFIED_PREFIX + Sha256.hex((source == null ? "" : source) + '\u0000' + rawPayload);
  }
}

package com.tradeprocessing.recorder.record;

/**
 * Where compliance records are kept. Records are written once and never changed: the first record
 * under a key is the record of that key.
 */
public interface TradeRecordStore {

  /**
   * Writes {@code record} unless a record with its key exists, atomically; then returns the
   * existing record instead. Throws {@link
   * com.tradeprocessing.recorder.TradeStoreUnavailableException} when the store cannot be reached
   * or is throttling after retries, so the caller may retry.
   */
  PutOutcome putIfAbsent(TradeRecord record);
}

package com.tradeprocessing.recorder.record;

/** Counts what the recorder did, for dashboards and alarms. */
public interface RecordingMetrics {

  /** A new record was written (a first trade, a duplicate or an unidentified payload). */
  void recorded(TradeRecord record);

  /** An event was recorded before; {@code existing} is the record whose outcome was returned. */
  void replayed(TradeRecord existing);
}

package com.tradeprocessing.recorder;

import com.tradeprocessing.recorder.record.RecordingMetrics;
import com.tradeprocessing.recorder.record.TradeRecord;
import java.util.ArrayList;
import java.util.List;

/** Remembers which records were counted as new and which as replayed. */
public final class RecordingMetricsSpy implements RecordingMetrics {

  public final List<TradeRecord> recorded = new ArrayList<>();
  public final List<TradeRecord> replayed = new ArrayList<>();

  @Override
  public void recorded(TradeRecord record) {
    recorded.add(record);
  }

  @Override
  public void replayed(TradeRecord existing) {
    replayed.add(existing);
  }
}

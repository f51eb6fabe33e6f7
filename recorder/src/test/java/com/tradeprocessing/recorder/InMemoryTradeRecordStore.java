package com.tradeprocessing.recorder;

import com.tradeprocessing.recorder.record.PutOutcome;
import com.tradeprocessing.recorder.record.TradeRecord;
import com.tradeprocessing.recorder.record.TradeRecordStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A trade store in a map, with the conditional-write semantics of the DynamoDB one. */
public final class InMemoryTradeRecordStore implements TradeRecordStore {

  private final Map<String, TradeRecord> records = new ConcurrentHashMap<>();

  @Override
  public PutOutcome putIfAbsent(TradeRecord record) {
    TradeRecord existing = records.putIfAbsent(record.tradeId(), record);
    return existing == null
        ? new PutOutcome.Written(record)
        : new PutOutcome.AlreadyRecorded(existing);
  }

  public Optional<TradeRecord> get(String tradeId) {
    return Optional.ofNullable(records.get(tradeId));
  }

  public List<TradeRecord> all() {
    return List.copyOf(records.values());
  }
}

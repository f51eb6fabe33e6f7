package com.tradeprocessing.recorder.record;

import java.util.Objects;

/** What a conditional write did: wrote the record, or found one already under its key. */
public sealed interface PutOutcome {

  /** The record was written; no record had its key. */
  record Written(TradeRecord record) implements PutOutcome {
    public Written {
      Objects.requireNonNull(record, "record");
    }
  }

  /** A record already had the key; nothing was written. {@code existing} is that record. */
  record AlreadyRecorded(TradeRecord existing) implements PutOutcome {
    public AlreadyRecorded {
      Objects.requireNonNull(existing, "existing");
    }
  }
}

package com.tradeprocessing.cli;

import com.tradeprocessing.cli.aws.DynamoRecordStore;
import com.tradeprocessing.cli.record.StoredRecord;
import com.tradeprocessing.recorder.decision.TradeStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Every record of one trade date: both partitions of the by-status-date index ({@code
 * ACCEPTED#<date>}, {@code REJECTED#<date>}), which hold every record, page by page. GSI reads are
 * eventually consistent: a record written in the last second may be missing.
 */
final class DayRecords {

  private static final int PAGE_SIZE = 500;

  private DayRecords() {}

  static List<StoredRecord> read(DynamoRecordStore store, LocalDate day, Progress progress) {
    List<StoredRecord> records = new ArrayList<>();
    for (TradeStatus status : TradeStatus.values()) {
      String token = null;
      do {
        DynamoRecordStore.Page page =
            store.byStatusDate(status.name(), day.toString(), null, null, null, PAGE_SIZE, token);
        records.addAll(page.records());
        token = page.nextToken();
        progress.say(
            "read %d records of %s (%s records read to here)", records.size(), day, status);
      } while (token != null);
    }
    return records;
  }
}

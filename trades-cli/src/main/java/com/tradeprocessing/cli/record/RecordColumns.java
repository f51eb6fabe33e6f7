package com.tradeprocessing.cli.record;

import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.CONTENT_HASH;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.DECISION_RULES_VERSION;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.ENRICHMENT_STATUS;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.EVENT_ID;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.EXECUTED_AT;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.EXECUTION_ID;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.ISIN;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.ORIGINAL_TRADE_ID;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.RAW_PAYLOAD_SHA256;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.REASON_CODES;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.RECEIVED_AT;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.RECORDED_AT;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.RECORD_KIND;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.REGION;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.SOURCE_SYSTEM;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.SOURCE_TRADE_ID;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.STATUS;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.TRADE_DATE;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.TRADE_ID;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.VALIDATION_RULE_SET_VERSION;

import java.util.List;

/** Which attributes of a record the tabular outputs show, in which order. */
public final class RecordColumns {

  /** What an operator scans on a terminal. */
  public static final List<String> LIST =
      List.of(TRADE_ID, STATUS, REASON_CODES, SOURCE_SYSTEM, SOURCE_TRADE_ID, ISIN, RECORDED_AT);

  /**
   * Every attribute of the decision, for CSV: the payload and the stages' JSON outputs are in the
   * JSON Lines file, whole, and identified here by their hashes.
   */
  public static final List<String> EXPORT =
      List.of(
          TRADE_ID,
          RECORD_KIND,
          ORIGINAL_TRADE_ID,
          STATUS,
          REASON_CODES,
          SOURCE_SYSTEM,
          SOURCE_TRADE_ID,
          EVENT_ID,
          ISIN,
          EXECUTED_AT,
          TRADE_DATE,
          RECEIVED_AT,
          RECORDED_AT,
          ENRICHMENT_STATUS,
          EXECUTION_ID,
          REGION,
          VALIDATION_RULE_SET_VERSION,
          DECISION_RULES_VERSION,
          CONTENT_HASH,
          RAW_PAYLOAD_SHA256);

  private RecordColumns() {}
}

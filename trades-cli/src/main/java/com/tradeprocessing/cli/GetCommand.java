package com.tradeprocessing.cli;

import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.CONTENT_HASH;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.CONTENT_HASH_BASIS;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.DECISION_RULES_VERSION;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.ENRICHMENT;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.ENRICHMENT_STATUS;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.EVENT_ID;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.EXECUTED_AT;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.EXECUTION_ID;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.ISIN;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.ORIGINAL_TRADE_ID;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.PRICE_BAND_PERCENT;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.PRICE_DEVIATION_PERCENT;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.PROBLEMS;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.RECEIVED_AT;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.RECORDED_AT;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.RECORD_KIND;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.REGION;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.SOURCE_SYSTEM;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.SOURCE_TRADE_ID;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.TRADE_DATE;
import static com.tradeprocessing.recorder.dynamo.TradeRecordItems.VALIDATION_RULE_SET_VERSION;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.cli.record.Finding;
import com.tradeprocessing.cli.record.RecordFormat;
import com.tradeprocessing.cli.record.RecordVerifier;
import com.tradeprocessing.cli.record.StoredRecord;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.TradeId;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trades get}: one record, its verdict, its stages' results and whether it is intact. */
@Command(
    name = "get",
    description = {
      "One trade's record: verdict and reasons, the stages' results, and whether its stored hashes"
          + " still match its stored payload.",
      "By record key (TRD-..., a duplicate's or an unidentified payload's key), or by"
          + " --source and --source-id."
    })
final class GetCommand extends SessionCommand {

  /** How {@code get} prints a record. */
  enum GetOutput {
    TEXT,
    JSON
  }

  @Parameters(index = "0", arity = "0..1", paramLabel = "TRADE-ID", description = "The record key.")
  String tradeId;

  @Option(
      names = "--source",
      paramLabel = "SOURCE",
      description = "The source system: oms, fix-gateway, prime-broker (or trading.oms, ...).")
  String source;

  @Option(names = "--source-id", paramLabel = "ID", description = "The source system's trade id.")
  String sourceId;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (default) or json (every attribute as stored).")
  GetOutput output;

  @Override
  void validate() {
    if ((tradeId == null) == (source == null || sourceId == null)) {
      throw new Trades.UsageException("give either a TRADE-ID or both --source and --source-id");
    }
    if (tradeId == null) {
      tradeId = tradeIdOf(source, sourceId);
    }
  }

  @Override
  int run(Session session, PrintWriter out, Progress progress) {
    String key = tradeId;
    Optional<StoredRecord> found = session.records().get(key);
    if (found.isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "trades: no record "
                  + key
                  + " in "
                  + session.names().table()
                  + " ("
                  + session.where()
                  + "); a duplicate has its own key: trades list --date <day> --reason"
                  + " DUPLICATE_TRADE");
      return Trades.FINDING;
    }
    StoredRecord record = found.get();
    List<Finding> findings = new RecordVerifier().verify(record);
    if (output == GetOutput.JSON) {
      out.println(RecordFormat.JSONL.line(record, List.of()));
    } else {
      print(record, findings, out);
    }
    return findings.isEmpty() ? 0 : Trades.FINDING;
  }

  /** The trade id of a source's trade: the key of its first record. */
  static String tradeIdOf(String source, String sourceId) {
    String eventSource = source.startsWith("trading.") ? source : "trading." + source;
    SourceSystem system =
        SourceSystem.fromEventSource(eventSource)
            .orElseThrow(
                () ->
                    new Trades.UsageException(
                        "--source "
                            + source
                            + " is not a source system: use oms, fix-gateway or prime-broker"));
    try {
      return TradeId.of(system, sourceId).value();
    } catch (IllegalArgumentException e) {
      throw new Trades.UsageException("--source-id " + sourceId + ": " + e.getMessage());
    }
  }

  static void print(StoredRecord record, List<Finding> findings, PrintWriter out) {
    row(out, "record", record.tradeId() + " (" + record.text(RECORD_KIND) + ")");
    if (record.has(ORIGINAL_TRADE_ID)) {
      row(out, "duplicate of", record.text(ORIGINAL_TRADE_ID));
    }
    row(out, "status", record.status());
    row(
        out,
        "reasons",
        record.reasonCodes().isEmpty() ? "-" : String.join(", ", record.reasonCodes()));
    JsonNode problems = record.attributes().path(PROBLEMS);
    for (JsonNode problem : problems) {
      row(
          out,
          "  problem",
          problem.path("code").asText()
              + (problem.path("field").asText("").isEmpty()
                  ? ""
                  : " (" + problem.path("field").asText() + ")")
              + ": "
              + problem.path("message").asText());
    }
    row(out, "source", value(record, SOURCE_SYSTEM) + " trade " + value(record, SOURCE_TRADE_ID));
    row(out, "instrument", value(record, ISIN) + " executed " + value(record, EXECUTED_AT));
    row(out, "trade date", value(record, TRADE_DATE));
    row(out, "event", value(record, EVENT_ID) + " at " + value(record, RECEIVED_AT));
    row(
        out,
        "recorded",
        value(record, RECORDED_AT)
            + " in "
            + value(record, REGION)
            + " by "
            + value(record, EXECUTION_ID));
    row(out, "validate", "rule set " + value(record, VALIDATION_RULE_SET_VERSION));
    row(out, "enrich", value(record, ENRICHMENT_STATUS) + " " + value(record, ENRICHMENT));
    row(
        out,
        "record",
        "rules "
            + value(record, DECISION_RULES_VERSION)
            + ", price band "
            + value(record, PRICE_BAND_PERCENT)
            + " %, deviation "
            + value(record, PRICE_DEVIATION_PERCENT)
            + " %");
    row(
        out,
        "content hash",
        value(record, CONTENT_HASH) + " (" + value(record, CONTENT_HASH_BASIS) + ")");
    if (findings.isEmpty()) {
      row(
          out,
          "integrity",
          "intact: the payload hash, the content hash and the key match the stored payload; the"
              + " verdict follows from the reasons");
    } else {
      for (Finding finding : findings) {
        row(out, "integrity", finding.kind() + ": " + finding.detail());
      }
    }
  }

  private static String value(StoredRecord record, String name) {
    String text = record.text(name);
    return text == null ? "-" : text;
  }

  private static void row(PrintWriter out, String label, String value) {
    out.printf("%-13s %s%n", label, value);
  }
}

package com.tradeprocessing.cli;

import com.tradeprocessing.cli.aws.DynamoRecordStore;
import com.tradeprocessing.cli.record.RecordColumns;
import com.tradeprocessing.cli.record.RecordFormat;
import com.tradeprocessing.cli.record.StoredRecord;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.recorder.decision.TradeStatus;
import com.tradeprocessing.recorder.record.RecordInstants;
import java.io.Console;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trades list}: records by the table's indexes, a page at a time, never by a scan. */
@Command(
    name = "list",
    description = {
      "Records by status and trade date, by reason code, or by instrument and execution time,"
          + " read from the table's indexes (never a scan), a page at a time.",
      "  trades list --env dev --status REJECTED --date 2026-11-25",
      "  trades list --env dev --reason PRICE_OUT_OF_BAND --date 2026-11-25",
      "  trades list --env dev --isin US0378331005 --from 2026-11-25T14:00:00Z --to"
          + " 2026-11-25T15:00:00Z"
    })
final class ListCommand extends SessionCommand {

  /** Output formats of {@code list}; AUTO is a table on a terminal and JSON Lines elsewhere. */
  enum ListOutput {
    AUTO,
    TABLE,
    CSV,
    JSONL
  }

  @Option(names = "--status", paramLabel = "STATUS", description = "ACCEPTED or REJECTED.")
  TradeStatus status;

  @Option(names = "--date", paramLabel = "DAY", description = "The trade date, e.g. 2026-11-25.")
  LocalDate date;

  @Option(
      names = "--reason",
      paramLabel = "CODE",
      description = "Rejected records with this reason code (with --date).")
  ReasonCode reason;

  @Option(names = "--isin", paramLabel = "ISIN", description = "Records of this instrument.")
  String isin;

  @Option(
      names = "--from",
      paramLabel = "INSTANT",
      description =
          "From this time, inclusive: execution time with --isin, recording time with --date.")
  Instant from;

  @Option(
      names = "--to",
      paramLabel = "INSTANT",
      description = "Up to this time, inclusive (as --from).")
  Instant to;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "Records per page (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--page",
      paramLabel = "TOKEN",
      description = "The page after the one that printed this token.")
  String page;

  @Option(names = "--all", description = "Every page, not only the first.")
  boolean all;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "auto",
      description = "table, csv or jsonl (default: a table on a terminal, else jsonl).")
  ListOutput output;

  @Override
  void validate() {
    if (limit < 1 || limit > 1000) {
      throw new Trades.UsageException("--limit must be between 1 and 1000");
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new Trades.UsageException("--from " + from + " is after --to " + to);
    }
    if (isin != null) {
      if (date != null || status != null || reason != null) {
        throw new Trades.UsageException(
            "--isin lists by instrument and execution time: leave out --date, --status and"
                + " --reason");
      }
      return;
    }
    if (date == null) {
      throw new Trades.UsageException(
          "say what to list: --status and --date, --reason and --date, or --isin with --from and"
              + " --to");
    }
    if (reason != null && status == TradeStatus.ACCEPTED) {
      throw new Trades.UsageException(
          "--reason lists rejected records: leave out --status ACCEPTED");
    }
    if (reason == null && status == null) {
      throw new Trades.UsageException(
          "--status ACCEPTED or REJECTED is needed with --date (the index is by status and date)");
    }
  }

  @Override
  int run(Session session, PrintWriter out, Progress progress) {
    DynamoRecordStore store = session.records();
    List<StoredRecord> records = new ArrayList<>();
    String token = page;
    do {
      DynamoRecordStore.Page result = next(store, token);
      records.addAll(result.records());
      token = result.nextToken();
      if (all && token != null) {
        progress.say("read %d records", records.size());
      }
    } while (all && token != null);
    print(records, format(), out);
    if (token != null) {
      spec.commandLine()
          .getErr()
          .println("more records: repeat with --page " + token + " (or --all)");
    }
    return 0;
  }

  private DynamoRecordStore.Page next(DynamoRecordStore store, String token) {
    if (isin != null) {
      return store.byInstrument(isin, instant(from), instant(to), limit, token);
    }
    String listed = reason != null ? TradeStatus.REJECTED.name() : status.name();
    return store.byStatusDate(
        listed,
        date.toString(),
        instant(from),
        instant(to),
        reason == null ? null : reason.name(),
        limit,
        token);
  }

  private RecordFormat format() {
    return switch (output) {
      case AUTO -> onTerminal() ? RecordFormat.TABLE : RecordFormat.JSONL;
      case TABLE -> RecordFormat.TABLE;
      case CSV -> RecordFormat.CSV;
      case JSONL -> RecordFormat.JSONL;
    };
  }

  /**
   * Whether the output goes to a terminal. From Java 22, {@code System.console()} is not null when
   * the output is redirected, and {@code Console.isTerminal()} says which; this class is compiled
   * for Java 21, which has neither the method nor the behaviour.
   */
  static boolean onTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  static void print(List<StoredRecord> records, RecordFormat format, PrintWriter out) {
    switch (format) {
      case TABLE -> {
        if (records.isEmpty()) {
          out.println("(no records)");
        } else {
          RecordFormat.table(records, RecordColumns.LIST).forEach(out::println);
        }
      }
      case CSV -> {
        out.println(format.header(RecordColumns.LIST));
        records.forEach(record -> out.println(format.line(record, RecordColumns.LIST)));
      }
      case JSONL -> records.forEach(record -> out.println(format.line(record, List.of())));
    }
  }

  /** The index's form of an instant: UTC, three fraction digits (docs/trade-record.md). */
  private static String instant(Instant instant) {
    return instant == null ? null : RecordInstants.format(instant);
  }
}

package com.tradeprocessing.cli;

import com.tradeprocessing.cli.record.StoredRecord;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Option;

/** A command over every record of one trade date, read as {@link DayRecords} reads them. */
abstract class DayCommand extends SessionCommand {

  @Option(
      names = "--date",
      required = true,
      paramLabel = "DAY",
      description = "The trade date, e.g. 2026-11-25.")
  LocalDate date;

  @Override
  final int run(Session session, PrintWriter out, Progress progress) {
    return run(session, DayRecords.read(session.records(), date, progress), out, progress);
  }

  /** The command's work on the day's records; answers the exit code. */
  abstract int run(Session session, List<StoredRecord> records, PrintWriter out, Progress progress);
}

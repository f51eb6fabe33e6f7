package com.tradeprocessing.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.cli.aws.DynamoRecordStore;
import com.tradeprocessing.cli.record.DayExport;
import com.tradeprocessing.cli.record.StoredRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trades export}: one business day's records to CSV, JSON Lines and a manifest. */
@Command(
    name = "export",
    description = {
      "Every record of one trade date to CSV and JSON Lines, with a manifest: the count, the totals"
          + " per status and the SHA-256 of each file.",
      "  trades export --env dev --date 2026-11-25 --dir /tmp/compliance"
    })
final class ExportCommand extends DayCommand {

  @Option(
      names = "--dir",
      paramLabel = "DIRECTORY",
      defaultValue = ".",
      description = "Where the three files go (default: the current directory).")
  Path directory;

  @Override
  int run(Session session, List<StoredRecord> records, PrintWriter out, Progress progress) {
    DynamoRecordStore store = session.records();
    Map<String, String> source = new LinkedHashMap<>();
    source.put("table", store.table());
    source.put("index", DynamoRecordStore.BY_STATUS_DATE);
    source.put("region", session.connection().region().id());
    DayExport.ExportedFiles files =
        DayExport.write(directory, session.names().suffix(), date, records, source, Instant.now());
    ObjectNode manifest = files.manifestContent();
    out.printf(
        "exported %d records of %s (%s): %s%n",
        manifest.path("count").asInt(),
        date,
        manifest.path("statusTotals").toString(),
        session.where());
    out.println("  " + files.csv());
    out.println("  " + files.jsonLines());
    out.println("  " + files.manifest());
    return 0;
  }
}

package com.tradeprocessing.cli;

import com.tradeprocessing.cli.record.Finding;
import com.tradeprocessing.cli.record.RecordVerifier;
import com.tradeprocessing.cli.record.StoredRecord;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code trades verify}: every record of a day checked against its stored payload. */
@Command(
    name = "verify",
    description = {
      "Recomputes every record's payload hash, content hash and key from its stored payload with"
          + " the recorder's own code, and checks that its verdict follows from its stored reasons"
          + " and that no required attribute is missing. Exits 1 on any finding.",
      "  trades verify --env dev --date 2026-11-25"
    })
final class VerifyCommand extends DayCommand {

  @Override
  int run(Session session, List<StoredRecord> records, PrintWriter out, Progress progress) {
    RecordVerifier verifier = new RecordVerifier();
    List<Finding> findings = new ArrayList<>();
    long damaged = 0;
    for (int i = 0; i < records.size(); i++) {
      List<Finding> ofRecord = verifier.verify(records.get(i));
      findings.addAll(ofRecord);
      damaged += ofRecord.isEmpty() ? 0 : 1;
      if ((i + 1) % 1000 == 0) {
        progress.say("verified %d/%d records", i + 1, records.size());
      }
    }
    findings.forEach(out::println);
    out.printf(
        "verified %d records of %s (%s): %s%n",
        records.size(),
        date,
        session.where(),
        findings.isEmpty()
            ? "no findings"
            : findings.size() + " findings in " + damaged + " records");
    return findings.isEmpty() ? 0 : Trades.FINDING;
  }
}

package com.tradeprocessing.cli.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordFormatTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static StoredRecord record(String tradeId, String status, String... reasons) {
    ObjectNode attributes = JSON.createObjectNode();
    attributes.put("tradeId", tradeId);
    attributes.put("status", status);
    var list = attributes.putArray("reasonCodes");
    for (String reason : reasons) {
      list.add(reason);
    }
    return new StoredRecord(attributes);
  }

  @Test
  void csvLine_fieldsWithCommasQuotesAndLineBreaks_shouldBeQuotedAsRfc4180Says() {
    // GIVEN
    ObjectNode attributes = JSON.createObjectNode();
    attributes.put("a", "plain");
    attributes.put("b", "with, comma");
    attributes.put("c", "say \"hi\"");
    attributes.put("d", "two\nlines");

    // WHEN
    String line =
        RecordFormat.CSV.line(new StoredRecord(attributes), List.of("a", "b", "c", "d", "e"));

    // THEN
    assertThat(line).isEqualTo("plain,\"with, comma\",\"say \"\"hi\"\"\",\"two\nlines\",");
  }

  @Test
  void csvLine_listOfReasonCodes_shouldBeOneFieldJoinedWithSemicolons() {
    String line =
        RecordFormat.CSV.line(
            record("TRD-1", "REJECTED", "INVALID_ISIN", "STALE_TRADE"),
            List.of("tradeId", "status", "reasonCodes"));

    assertThat(line).isEqualTo("TRD-1,REJECTED,INVALID_ISIN;STALE_TRADE");
  }

  @Test
  void table_recordsOfDifferentWidths_shouldAlignEveryColumnUnderItsHeader() {
    List<String> lines =
        RecordFormat.table(
            List.of(record("TRD-1", "ACCEPTED"), record("TRD-22", "REJECTED", "INVALID_ISIN")),
            List.of("tradeId", "status", "reasonCodes"));

    assertThat(lines)
        .containsExactly(
            "tradeId  status    reasonCodes",
            "TRD-1    ACCEPTED",
            "TRD-22   REJECTED  INVALID_ISIN");
  }

  @Test
  void jsonLine_record_shouldBeEveryAttributeOnOneLine() throws Exception {
    String line =
        RecordFormat.JSONL.line(record("TRD-1", "REJECTED", "INVALID_ISIN"), List.of("tradeId"));

    assertThat(line).doesNotContain("\n");
    assertThat(JSON.readTree(line).path("reasonCodes").get(0).asText()).isEqualTo("INVALID_ISIN");
    assertThat(JSON.readTree(line).path("status").asText()).isEqualTo("REJECTED");
  }
}

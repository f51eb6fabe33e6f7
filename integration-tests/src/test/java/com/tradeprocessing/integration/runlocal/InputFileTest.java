package com.tradeprocessing.integration.runlocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFileTest {

  @Test
  void parse_entryWithDetailObject_shouldGiveThePutEventsEntry() {
    // GIVEN
    String line =
        "{\"Source\":\"trading.oms\",\"DetailType\":\"Trade Executed\",\"Detail\":{\"tradeId\":\"T-1\"}}";

    // WHEN
    InputLine parsed = InputFile.parse(7, line);

    // THEN
    assertThat(parsed.number()).isEqualTo(7);
    assertThat(parsed.problem()).isEmpty();
    assertThat(parsed.event().orElseThrow().source()).isEqualTo("trading.oms");
    assertThat(parsed.event().orElseThrow().detailType()).isEqualTo("Trade Executed");
    assertThat(parsed.event().orElseThrow().detail()).isEqualTo("{\"tradeId\":\"T-1\"}");
  }

  @Test
  void parse_entryWithDetailString_shouldPassTheStringAsIs() {
    // GIVEN
    String line =
        "{\"Source\":\"trading.oms\",\"DetailType\":\"Trade Executed\",\"Detail\":\"{\\\"tradeId\\\":\\\"T-1\\\"}\"}";

    // WHEN
    InputLine parsed = InputFile.parse(1, line);

    // THEN
    assertThat(parsed.event().orElseThrow().detail()).isEqualTo("{\"tradeId\":\"T-1\"}");
  }

  @Test
  void parse_truncatedJson_shouldReportTheLineAsNotJson() {
    // GIVEN
    String line = "{\"Source\":\"trading.oms\",\"DetailType\":";

    // WHEN
    InputLine parsed = InputFile.parse(3, line);

    // THEN
    assertThat(parsed.event()).isEmpty();
    assertThat(parsed.problem().orElseThrow()).startsWith("not JSON");
  }

  @Test
  void parse_entryWithoutSourceOrDetail_shouldNameWhatIsMissing() {
    // GIVEN
    String withoutSource = "{\"DetailType\":\"Trade Executed\",\"Detail\":{}}";
    String withoutDetail = "{\"Source\":\"trading.oms\",\"DetailType\":\"Trade Executed\",\"Detail\":3}";
    String notAnObject = "[1,2]";

    // WHEN
    InputLine noSource = InputFile.parse(1, withoutSource);
    InputLine noDetail = InputFile.parse(2, withoutDetail);
    InputLine array = InputFile.parse(3, notAnObject);

    // THEN
    assertThat(noSource.problem()).contains("no Source string");
    assertThat(noDetail.problem()).contains("no Detail object or string");
    assertThat(array.problem()).contains("not a JSON object");
  }

  @Test
  void read_fileWithBlankAndMalformedLines_shouldKeepLineNumbersAndSkipBlankLines(
      @TempDir Path directory) throws Exception {
    // GIVEN
    Path file = directory.resolve("events.jsonl");
    Files.writeString(
        file,
        "{\"Source\":\"a\",\"DetailType\":\"b\",\"Detail\":{}}\n\n{oops\n",
        StandardCharsets.UTF_8);

    // WHEN
    List<InputLine> lines = InputFile.read(file);

    // THEN
    assertThat(lines).extracting(InputLine::number).containsExactly(1, 3);
    assertThat(lines.get(0).event()).isPresent();
    assertThat(lines.get(1).problem()).isPresent();
  }
}

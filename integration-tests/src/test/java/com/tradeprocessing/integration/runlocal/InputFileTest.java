package com.tradeprocessing.integration.runlocal;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradeprocessing.integration.runlocal.InputLine.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputFileTest {

  private static final Instant NOW = Instant.parse("2026-12-06T10:15:30.123456Z");
  private static final TimePlaceholders PLACEHOLDERS = new TimePlaceholders(NOW);

  private static InputLine parse(int number, String line) {
    return InputFile.parse(number, line, PLACEHOLDERS);
  }

  private static String entry(String detail) {
    return "{\"Source\":\"trading.oms\",\"DetailType\":\"Trade Executed\",\"Detail\":"
        + detail
        + "}";
  }

  @Test
  void parse_entryWithDetailObject_shouldGiveThePutEventsEntry() {
    // GIVEN
    String line = entry("{\"tradeId\":\"T-1\"}");

    // WHEN
    InputLine parsed = parse(7, line);

    // THEN
    assertThat(parsed.number()).isEqualTo(7);
    assertThat(parsed.kind()).isEqualTo(Kind.EVENT);
    assertThat(parsed.problem()).isEmpty();
    assertThat(parsed.event().orElseThrow().source()).isEqualTo("trading.oms");
    assertThat(parsed.event().orElseThrow().detailType()).isEqualTo("Trade Executed");
    assertThat(parsed.event().orElseThrow().detail()).isEqualTo("{\"tradeId\":\"T-1\"}");
  }

  @Test
  void parse_entryWithDetailString_shouldPassTheStringAsIs() {
    // GIVEN
    String line = entry("\"{ \\\"tradeId\\\" : \\\"T-1\\\" }\"");

    // WHEN
    InputLine parsed = parse(1, line);

    // THEN
    assertThat(parsed.event().orElseThrow().detail()).isEqualTo("{ \"tradeId\" : \"T-1\" }");
  }

  @Test
  void parse_detailWithExtremeNumbers_shouldPublishTheSameValuesAndScales() {
    // GIVEN
    String line = entry("{\"qty\":1e999999999,\"px\":0.70120,\"n\":9223372036854775807}");

    // WHEN
    InputLine parsed = parse(1, line);

    // THEN
    assertThat(parsed.event().orElseThrow().detail())
        .isEqualTo("{\"qty\":1E+999999999,\"px\":0.70120,\"n\":9223372036854775807}");
  }

  @Test
  void parse_truncatedJson_shouldBeMalformedAsNotJson() {
    // WHEN
    InputLine parsed = parse(3, "{\"Source\":\"trading.oms\",\"DetailType\":");

    // THEN
    assertThat(parsed.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(parsed.event()).isEmpty();
    assertThat(parsed.problem().orElseThrow()).startsWith("not JSON");
  }

  @Test
  void parse_lineNested3000LevelsDeep_shouldBeMalformedAsNotAnEntry() {
    // WHEN
    InputLine parsed = parse(4, "[".repeat(3000) + "]".repeat(3000));

    // THEN
    assertThat(parsed.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(parsed.problem().orElseThrow()).endsWith("a JSON array");
  }

  /** Entries PutEvents refuses, each with the reason AWS documents. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Detail missing       | {\"Source\":\"trading.oms\",\"DetailType\":\"Trade Executed\"} | Detail is required",
        "Detail null          | {\"Source\":\"trading.oms\",\"DetailType\":\"Trade Executed\",\"Detail\":null} | Detail is required",
        "Detail an array      | {\"Source\":\"trading.oms\",\"DetailType\":\"Trade Executed\",\"Detail\":[1,2]} | Detail must be a JSON object (MalformedDetail), was a JSON array",
        "Detail a number      | {\"Source\":\"trading.oms\",\"DetailType\":\"Trade Executed\",\"Detail\":42} | Detail must be a JSON object (MalformedDetail), was a JSON number",
        "Detail string array  | {\"Source\":\"trading.oms\",\"DetailType\":\"Trade Executed\",\"Detail\":\"[1]\"} | Detail must be a JSON object (MalformedDetail), was a string holding a JSON array",
        "Detail string empty  | {\"Source\":\"trading.oms\",\"DetailType\":\"Trade Executed\",\"Detail\":\"\"} | Detail must be a JSON object (MalformedDetail), was an empty string",
        "Detail not JSON      | {\"Source\":\"trading.oms\",\"DetailType\":\"Trade Executed\",\"Detail\":\"{oops\"} | Detail is not valid JSON (MalformedDetail): ",
        "Source missing       | {\"DetailType\":\"Trade Executed\",\"Detail\":{}} | Source is required",
        "Source empty         | {\"Source\":\"\",\"DetailType\":\"Trade Executed\",\"Detail\":{}} | Source is required",
        "Source a number      | {\"Source\":7,\"DetailType\":\"Trade Executed\",\"Detail\":{}} | Source must be a string, was a JSON number",
        "DetailType missing   | {\"Source\":\"trading.oms\",\"Detail\":{}} | DetailType is required",
        "integer beyond 64 bits | {\"Source\":\"trading.oms\",\"DetailType\":\"Trade Executed\",\"Detail\":{\"a\":[9223372036854775808]}} | Detail holds the integer 9223372036854775808, outside the 64-bit range PutEvents accepts",
      })
  void parse_entryPutEventsRefuses_shouldBeRefusedWithTheReason(
      String description, String line, String reason) {
    // WHEN
    InputLine parsed = parse(5, line);

    // THEN
    assertThat(parsed.kind()).isEqualTo(Kind.REFUSED_BY_EVENTBRIDGE);
    assertThat(parsed.event()).isEmpty();
    assertThat(parsed.problem().orElseThrow()).startsWith(reason);
  }

  @Test
  void parse_refusedEntryWithASource_shouldKeepTheSourceForTheResults() {
    // WHEN
    InputLine parsed = parse(1, "{\"Source\":\"trading.oms\",\"DetailType\":\"Trade Executed\"}");

    // THEN
    assertThat(parsed.source()).contains("trading.oms");
  }

  @Test
  void parse_detailTypeOf129Characters_shouldBeRefused() {
    // WHEN
    InputLine parsed =
        parse(
            1,
            "{\"Source\":\"trading.oms\",\"DetailType\":\""
                + "t".repeat(129)
                + "\",\"Detail\":{}}");

    // THEN
    assertThat(parsed.kind()).isEqualTo(Kind.REFUSED_BY_EVENTBRIDGE);
    assertThat(parsed.problem().orElseThrow())
        .isEqualTo("DetailType has 129 characters, more than the 128 PutEvents accepts");
  }

  @Test
  void parse_detailNested1100LevelsDeep_shouldBePublishedAndOneLevelMoreRefused() {
    // GIVEN: the detail object is level 1
    String deepest = "{\"a\":" + "[".repeat(1099) + "]".repeat(1099) + "}";
    String deeper = "{\"a\":" + "[".repeat(1100) + "]".repeat(1100) + "}";

    // WHEN
    InputLine published = parse(1, entry(deepest));
    InputLine refused = parse(2, entry(deeper));

    // THEN
    assertThat(published.kind()).isEqualTo(Kind.EVENT);
    assertThat(published.event().orElseThrow().detail()).isEqualTo(deepest);
    assertThat(refused.kind()).isEqualTo(Kind.REFUSED_BY_EVENTBRIDGE);
    assertThat(refused.problem().orElseThrow())
        .isEqualTo("Detail nests deeper than the 1100 levels PutEvents processes");
  }

  @Test
  void parse_detailNested3000LevelsDeep_shouldBeRefusedWithoutFailing() {
    // WHEN
    InputLine parsed = parse(1, entry("{\"a\":" + "{\"b\":".repeat(3000) + "1" + "}".repeat(3001)));

    // THEN
    assertThat(parsed.kind()).isEqualTo(Kind.REFUSED_BY_EVENTBRIDGE);
  }

  @Test
  void parse_entryOfExactly256KB_shouldBePublishedAndOneByteMoreRefused() {
    // GIVEN: Source (11 bytes) + DetailType (14) + Detail ({"p":"..."}, 8 + padding)
    int padding = 256 * 1024 - 11 - 14 - 8;
    String atLimit = entry("{\"p\":\"" + "x".repeat(padding) + "\"}");
    String aboveLimit = entry("{\"p\":\"" + "x".repeat(padding + 1) + "\"}");

    // WHEN
    InputLine published = parse(1, atLimit);
    InputLine refused = parse(2, aboveLimit);

    // THEN
    assertThat(published.kind()).isEqualTo(Kind.EVENT);
    assertThat(refused.kind()).isEqualTo(Kind.REFUSED_BY_EVENTBRIDGE);
    assertThat(refused.problem().orElseThrow())
        .isEqualTo("the entry is 262145 bytes, more than the 262144 PutEvents accepts");
  }

  @Test
  void parse_timePlaceholders_shouldBeResolvedInEveryFormatIncludingInADetailString() {
    // GIVEN
    String object =
        entry(
            "{\"executedAt\":\"{{now-PT2H}}\",\"TransactTime\":\"{{now-PT2H:fix}}\","
                + "\"tradeTime\":\"{{now-PT2H:epoch-millis}}\",\"settlementDate\":\"{{now+P1D:date}}\","
                + "\"nested\":[{\"at\":\"{{now}}\"}],\"text\":\"not {{now}}\"}");
    String string = entry("\"{\\\"executedAt\\\":\\\"{{now-P400D}}\\\"}\"");

    // WHEN
    String resolved = parse(1, object).event().orElseThrow().detail();
    String resolvedString = parse(2, string).event().orElseThrow().detail();

    // THEN
    assertThat(resolved)
        .isEqualTo(
            "{\"executedAt\":\"2026-12-06T08:15:30.123Z\",\"TransactTime\":\"20261206-08:15:30.123\","
                + "\"tradeTime\":"
                + Instant.parse("2026-12-06T08:15:30.123Z").toEpochMilli()
                + ",\"settlementDate\":\"2026-12-07\",\"nested\":[{\"at\":\"2026-12-06T10:15:30.123Z\"}],"
                + "\"text\":\"not {{now}}\"}");
    assertThat(resolvedString).isEqualTo("{\"executedAt\":\"2025-11-01T10:15:30.123Z\"}");
  }

  @ParameterizedTest
  @CsvSource({"{{tomorrow}}", "{{now-P1Y}}", "{{now:rfc}}", "{{now-PT}}"})
  void parse_unknownPlaceholder_shouldBeMalformedNamingIt(String placeholder) {
    // WHEN
    InputLine parsed = parse(1, entry("{\"executedAt\":\"" + placeholder + "\"}"));

    // THEN
    assertThat(parsed.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(parsed.problem().orElseThrow()).contains(placeholder);
  }

  @Test
  void read_fileOfEveryKindOfLine_shouldGiveOneLineEachInOrder(@TempDir Path directory)
      throws Exception {
    // GIVEN
    Path file = directory.resolve("events.jsonl");
    Files.writeString(
        file,
        String.join(
                "\n",
                entry("{}"),
                "",
                "{oops",
                "   ",
                "{\"Source\":\"trading.oms\",\"DetailType\":\"Trade Executed\",\"Detail\":[]}",
                entry("{\"executedAt\":\"{{now}}\"}"))
            + "\n",
        StandardCharsets.UTF_8);

    // WHEN
    List<InputLine> lines = InputFile.read(file, NOW);

    // THEN
    assertThat(lines).extracting(InputLine::number).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(lines)
        .extracting(InputLine::kind)
        .containsExactly(
            Kind.EVENT,
            Kind.BLANK,
            Kind.MALFORMED,
            Kind.BLANK,
            Kind.REFUSED_BY_EVENTBRIDGE,
            Kind.EVENT);
    assertThat(lines.get(5).event().orElseThrow().detail())
        .isEqualTo("{\"executedAt\":\"2026-12-06T10:15:30.123Z\"}");
  }
}

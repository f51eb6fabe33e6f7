package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The constants of {@link StageContract} are still what docs/stage-contracts.md says. */
class StageContractTest {

  private static final Path CONTRACTS =
      ProjectTemplates.DIRECTORY.resolveSibling("docs").resolve("stage-contracts.md");

  @Test
  void stageContract_functionsTable_shouldNameEveryHandlerAndRetryableError() throws IOException {
    // GIVEN
    String page = Files.readString(CONTRACTS, StandardCharsets.UTF_8);
    List<String> rows = tableRows(page, "| function |");

    // WHEN
    List<String> missing = new ArrayList<>();
    for (StageContract.FunctionContract function : StageContract.FUNCTIONS) {
      String row =
          rows.stream()
              .filter(line -> line.contains("`" + function.handler() + "`"))
              .findFirst()
              .orElse("");
      if (row.isEmpty()) {
        missing.add(function.handler());
      }
      for (String error : function.retryableErrors()) {
        if (!row.contains("`" + error + "`")) {
          missing.add(error);
        }
      }
    }

    // THEN
    assertThat(missing).isEmpty();
    assertThat(rows).hasSize(StageContract.FUNCTIONS.size());
  }

  @Test
  void stageContract_transientErrors_shouldBeThoseThePageRetries() throws IOException {
    // GIVEN
    String page = Files.readString(CONTRACTS, StandardCharsets.UTF_8);

    // WHEN
    List<String> missing =
        StageContract.TRANSIENT_LAMBDA_ERRORS.stream()
            .filter(error -> !page.contains("`" + error + "`"))
            .toList();

    // THEN
    assertThat(missing).isEmpty();
  }

  @Test
  void stageContract_environmentVariables_shouldHaveThePagesValues() throws IOException {
    // GIVEN
    List<String> rows =
        tableRows(Files.readString(CONTRACTS, StandardCharsets.UTF_8), "| variable |");

    // WHEN
    List<String> missing = new ArrayList<>();
    for (StageContract.FunctionContract function : StageContract.FUNCTIONS) {
      function
          .environment()
          .forEach(
              (variable, value) -> {
                boolean documented =
                    hasRow(
                        rows,
                        variable,
                        row ->
                            row.contains(function.purpose())
                                && (row.contains("`" + value + "`")
                                    || row.contains("`" + function.purpose() + "`")));
                if (!documented) {
                  missing.add(function.purpose() + " " + variable);
                }
              });
    }

    // THEN
    assertThat(missing).isEmpty();
  }

  @Test
  void stageContract_ssmParameters_shouldHaveThePagesNamesAndDefaults() throws IOException {
    // GIVEN
    List<String> rows = tableRows(Files.readString(CONTRACTS, StandardCharsets.UTF_8), "| name |");

    // WHEN
    List<String> missing = new ArrayList<>();
    StageContract.SSM_PARAMETERS.forEach(
        (name, value) -> {
          boolean documented =
              hasRow(rows, name, row -> value.map(v -> row.contains("`" + v + "`")).orElse(true));
          if (!documented) {
            missing.add(name);
          }
        });

    // THEN
    assertThat(missing).isEmpty();
    assertThat(rows).hasSize(StageContract.SSM_PARAMETERS.size());
  }

  /** The body rows of the Markdown table whose header row starts with {@code header}. */
  private static List<String> tableRows(String page, String header) {
    List<String> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : page.split("\n")) {
      if (line.startsWith(header)) {
        inTable = true;
      } else if (inTable && line.startsWith("|---")) {
        continue;
      } else if (inTable && line.startsWith("|")) {
        rows.add(line);
      } else if (inTable) {
        break;
      }
    }
    return rows;
  }

  /** Whether a row of the table is the name's, in code font, and says what the test asks. */
  private static boolean hasRow(List<String> rows, String name, Predicate<String> saying) {
    return rows.stream().anyMatch(row -> row.startsWith("| `" + name + "`") && saying.test(row));
  }
}

package com.tradeprocessing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Command lines that contradict themselves or name no environment are refused before anything is
 * called, with one line saying what to change (no network: every case fails before a request).
 */
class TradesArgumentsTest {

  /** What one command line printed, and its exit code. */
  record Run(int code, String out, String err) {}

  private static Run trades(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Trades.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void list_dateWithoutStatus_shouldBeAUsageErrorNamingTheIndex() {
    // WHEN
    Run run = trades("list", "--env", "dev", "--date", "2026-11-25");

    // THEN
    assertThat(run.code()).isEqualTo(Trades.USAGE);
    assertThat(run.err()).startsWith("trades: --status ACCEPTED or REJECTED is needed");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void list_isinWithDate_shouldBeAUsageError() {
    Run run = trades("list", "--env", "dev", "--isin", "US0378331005", "--date", "2026-11-25");

    assertThat(run.code()).isEqualTo(Trades.USAGE);
    assertThat(run.err()).contains("--isin lists by instrument and execution time");
  }

  @Test
  void list_reasonWithAcceptedStatus_shouldBeAUsageError() {
    Run run =
        trades(
            "list",
            "--env",
            "dev",
            "--date",
            "2026-11-25",
            "--reason",
            "INVALID_ISIN",
            "--status",
            "ACCEPTED");

    assertThat(run.code()).isEqualTo(Trades.USAGE);
    assertThat(run.err()).contains("--reason lists rejected records");
  }

  @Test
  void list_unknownReasonCode_shouldNameTheValue() {
    Run run = trades("list", "--env", "dev", "--date", "2026-11-25", "--reason", "TOO_EXPENSIVE");

    assertThat(run.code()).isEqualTo(Trades.USAGE);
    assertThat(run.err()).contains("TOO_EXPENSIVE").contains("--reason");
  }

  @Test
  void list_invalidDate_shouldNameTheValue() {
    Run run = trades("list", "--env", "dev", "--status", "REJECTED", "--date", "2026-13-01");

    assertThat(run.code()).isEqualTo(Trades.USAGE);
    assertThat(run.err()).contains("2026-13-01");
  }

  @Test
  void list_timeThatIsNotAnInstant_shouldSayWhatAnInstantLooksLike() {
    Run run =
        trades(
            "list",
            "--env",
            "dev",
            "--isin",
            "US0378331005",
            "--from",
            "yesterday",
            "--to",
            "2026-11-25T10:00:00Z");

    assertThat(run.code()).isEqualTo(Trades.USAGE);
    assertThat(run.err()).contains("'yesterday' is not a UTC instant such as 2026-11-25T09:00:00Z");
  }

  @Test
  void list_limitOutOfRange_shouldBeAUsageError() {
    Run run =
        trades(
            "list", "--env", "dev", "--status", "REJECTED", "--date", "2026-11-25", "--limit", "0");

    assertThat(run.code()).isEqualTo(Trades.USAGE);
    assertThat(run.err()).contains("--limit must be between 1 and 1000");
  }

  @Test
  void get_neitherKeyNorSource_shouldBeAUsageError() {
    Run run = trades("get", "--env", "dev", "--source", "oms");

    assertThat(run.code()).isEqualTo(Trades.USAGE);
    assertThat(run.err()).contains("either a TRADE-ID or both --source and --source-id");
  }

  @Test
  void get_unknownSource_shouldListTheSources() {
    Run run = trades("get", "--env", "dev", "--source", "bloomberg", "--source-id", "X-1");

    assertThat(run.err()).contains("use oms, fix-gateway or prime-broker");
    assertThat(run.code()).isEqualTo(Trades.USAGE);
  }

  @Test
  void replay_windowEndingBeforeItStarts_shouldBeAUsageError() {
    Run run =
        trades(
            "replay",
            "--env",
            "dev",
            "--from",
            "2026-11-25T10:00:00Z",
            "--to",
            "2026-11-25T09:00:00Z");

    assertThat(run.code()).isEqualTo(Trades.USAGE);
    assertThat(run.err()).contains("must be before --to");
  }

  @Test
  void dlqRedrive_withoutMessagesOrAll_shouldBeAUsageError() {
    Run run = trades("dlq", "redrive", "--env", "dev", "recorder");

    assertThat(run.code()).isEqualTo(Trades.USAGE);
    assertThat(run.err()).contains("give the MESSAGE-IDs to redrive, or --all");
  }

  @Test
  void dlq_unknownQueue_shouldListTheQueuesInOneLine() {
    Run run = trades("dlq", "list", "--env", "dev", "orders");

    assertThat(run.code()).isEqualTo(Trades.FAILURE);
    assertThat(run.err().strip())
        .isEqualTo(
            "trades: no dead-letter queue orders in environment dev: use one of validator,"
                + " enricher, recorder, events, executions, global-table-resource");
  }

  @Test
  void anyCommand_withoutEnvironment_shouldAskForOneInOneLine() {
    Run run = trades("get", "TRD-869ea5d4d46f5840a94387bd496f29c8");

    assertThat(run.code()).isEqualTo(Trades.FAILURE);
    assertThat(run.err().strip())
        .isEqualTo(
            "trades: --env is missing: pass the environment suffix (e.g. --env dev), or --local"
                + " for the local platform");
  }

  @Test
  void anyCommand_environmentThatIsNotASuffix_shouldSayWhatASuffixIs() {
    Run run = trades("get", "--env", "Prod-1", "TRD-869ea5d4d46f5840a94387bd496f29c8");

    assertThat(run.code()).isEqualTo(Trades.FAILURE);
    assertThat(run.err()).contains("--env Prod-1 is not an environment suffix");
    assertThat(run.err().strip()).doesNotContain("\n").doesNotContain("Exception");
  }

  @Test
  void local_withoutARunningPlatform_shouldSayHowToStartOne() {
    Run run =
        trades(
            "get",
            "--local",
            "--platform-file",
            "/nonexistent/platform.json",
            "TRD-869ea5d4d46f5840a94387bd496f29c8");

    assertThat(run.code()).isEqualTo(Trades.FAILURE);
    assertThat(run.err().strip())
        .isEqualTo(
            "trades: no local platform: /nonexistent/platform.json does not exist; start one with"
                + " `make run-local KEEP=1` and leave it running");
  }

  @Test
  void noCommand_shouldShowTheCommandsAndFail() {
    Run run = trades();

    assertThat(run.code()).isEqualTo(Trades.USAGE);
    assertThat(run.err()).contains("get").contains("verify").contains("a command is needed");
  }
}

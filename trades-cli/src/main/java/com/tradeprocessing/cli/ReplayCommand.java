package com.tradeprocessing.cli;

import com.tradeprocessing.cli.aws.TradeBus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trades replay}: the archive's events of a time window sent to the trade bus again. */
@Command(
    name = "replay",
    description = {
      "Replays the archive's trade events of a time window to the trade bus and follows the replay"
          + " until it ends. Replayed trades already recorded are answered as replays.",
      "  trades replay --env dev --from 2026-11-25T09:00:00Z --to 2026-11-25T09:30:00Z"
    })
final class ReplayCommand extends SessionCommand {

  private static final DateTimeFormatter NAME_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  @Option(
      names = "--from",
      required = true,
      paramLabel = "INSTANT",
      description = "The window's start (event time), e.g. 2026-11-25T09:00:00Z.")
  Instant from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "INSTANT",
      description = "The window's end.")
  Instant to;

  @Option(
      names = "--poll",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description = "Seconds between progress lines (default ${DEFAULT-VALUE}).")
  int pollSeconds;

  @Option(
      names = "--timeout",
      paramLabel = "MINUTES",
      defaultValue = "120",
      description =
          "Stop following after this many minutes; the replay goes on (default ${DEFAULT-VALUE}).")
  int timeoutMinutes;

  @Override
  void validate() {
    if (!from.isBefore(to)) {
      throw new Trades.UsageException("--from " + from + " must be before --to " + to);
    }
    if (to.isAfter(Instant.now())) {
      throw new Trades.UsageException("--to " + to + " is in the future");
    }
  }

  @Override
  int run(Session session, PrintWriter out, Progress progress) {
    if (to.isAfter(Instant.now().minus(Duration.ofMinutes(5)))) {
      progress.say(
          "warning: events reach the archive minutes after they were put; the last minutes before"
              + " %s may not be replayed yet",
          to);
    }
    TradeBus bus = session.bus();
    String name = "replay-" + session.names().suffix() + "-" + NAME_TIME.format(Instant.now());
    bus.startReplay(name, from, to);
    progress.say("started %s of %s to %s (%s)", name, from, to, session.where());
    Instant deadline = Instant.now().plus(Duration.ofMinutes(timeoutMinutes));
    TradeBus.ReplayState state = bus.describeReplay(name);
    while (!state.ended()) {
      if (Instant.now().isAfter(deadline)) {
        out.printf(
            "%s still %s after %d minutes; it goes on (aws events describe-replay --replay-name %s)%n",
            name, state.state(), timeoutMinutes, name);
        return Trades.FINDING;
      }
      progress.say(
          "%s %s, replayed up to %s",
          name, state.state(), state.lastReplayed() == null ? "-" : state.lastReplayed());
      try {
        Thread.sleep(Duration.ofSeconds(pollSeconds));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Trades.FAILURE;
      }
      state = bus.describeReplay(name);
    }
    out.printf(
        "%s %s%s%n",
        name,
        state.state(),
        state.reason() == null || state.reason().isEmpty() ? "" : ": " + state.reason());
    return "COMPLETED".equals(state.state()) ? 0 : Trades.FINDING;
  }
}

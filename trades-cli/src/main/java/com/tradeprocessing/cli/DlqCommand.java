package com.tradeprocessing.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.tradeprocessing.cli.aws.DynamoRecordStore;
import com.tradeprocessing.cli.aws.SqsDeadLetterQueue;
import com.tradeprocessing.cli.aws.TradeBus;
import com.tradeprocessing.cli.dlq.DeadLetterMessage;
import com.tradeprocessing.cli.dlq.QueueMessage;
import com.tradeprocessing.cli.record.StoredRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trades dlq}: the messages of a dead-letter queue, and their redrive. */
@Command(
    name = "dlq",
    description =
        "Dead-letter queues: validator, enricher, recorder, events, executions,"
            + " global-table-resource.",
    subcommands = {DlqCommand.ListMessages.class, DlqCommand.Show.class, DlqCommand.Redrive.class})
final class DlqCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new Trades.UsageException("dlq needs list, show or redrive");
  }

  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Looking at messages hides them this long; they are made visible again right after. */
  private static final Duration PEEK = Duration.ofSeconds(30);

  abstract static class QueueCommand extends SessionCommand {

    @Parameters(
        index = "0",
        paramLabel = "QUEUE",
        description = "validator, enricher, recorder, events, executions or global-table-resource.")
    String queue;

    @Option(
        names = "--max",
        paramLabel = "N",
        defaultValue = "100",
        description = "Read at most this many messages (default ${DEFAULT-VALUE}).")
    int max;

    /** Reads the messages and makes every one visible again. */
    List<DeadLetterMessage> peek(SqsDeadLetterQueue deadLetters) {
      List<QueueMessage> messages = deadLetters.receive(max, PEEK);
      messages.forEach(deadLetters::release);
      return messages.stream().map(DeadLetterMessage::parse).toList();
    }
  }

  @Command(name = "list", description = "The messages of a queue: error, failed stage, trade id.")
  static final class ListMessages extends QueueCommand {
    @Override
    int run(Session session, PrintWriter out, Progress progress) {
      SqsDeadLetterQueue deadLetters = session.deadLetterQueue(queue);
      List<DeadLetterMessage> messages = peek(deadLetters);
      out.printf("%s: %d messages%n", deadLetters.name(), messages.size());
      if (!messages.isEmpty()) {
        out.printf(
            "%-36s  %-24s  %-10s  %-40s  %s%n", "MESSAGE ID", "SENT", "STAGE", "TRADE ID", "ERROR");
      }
      for (DeadLetterMessage message : messages) {
        out.printf(
            "%-36s  %-24s  %-10s  %-40s  %s%n",
            message.message().messageId(),
            message.message().sentAt() == null ? "-" : message.message().sentAt().toString(),
            orDash(message.stage()),
            message.tradeId().orElse("-"),
            orDash(message.error()));
      }
      return 0;
    }
  }

  @Command(
      name = "show",
      description = "One message whole: error, cause, execution, original event.")
  static final class Show extends QueueCommand {
    @Parameters(index = "1", paramLabel = "MESSAGE-ID", description = "As dlq list prints it.")
    String messageId;

    @Override
    int run(Session session, PrintWriter out, Progress progress) {
      SqsDeadLetterQueue deadLetters = session.deadLetterQueue(queue);
      Optional<DeadLetterMessage> found =
          peek(deadLetters).stream()
              .filter(message -> message.message().messageId().equals(messageId))
              .findFirst();
      if (found.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println(
                "trades: no message "
                    + messageId
                    + " in "
                    + deadLetters.name()
                    + " (trades dlq list "
                    + queue
                    + ")");
        return Trades.FINDING;
      }
      DeadLetterMessage message = found.get();
      out.printf("%-10s %s%n", "message", message.message().messageId());
      out.printf("%-10s %s%n", "kind", message.kind());
      out.printf("%-10s %s%n", "stage", orDash(message.stage()));
      out.printf("%-10s %s%n", "error", orDash(message.error()));
      out.printf("%-10s %s%n", "execution", orDash(message.executionArn()));
      out.printf("%-10s %s%n", "trade id", message.tradeId().orElse("-"));
      out.printf("%-10s %s%n", "received", message.message().receiveCount() + " times");
      out.printf("cause:%n%s%n", orDash(message.cause()));
      out.printf(
          "original event:%n%s%n",
          message.originalEvent().map(DlqCommand::pretty).orElse("(not in the message)"));
      return 0;
    }
  }

  @Command(
      name = "redrive",
      description = {
        "Puts each message's original event back on the trade bus, waits until the trade is"
            + " recorded, and only then deletes the message (ADR 0032). Refuses a trade that is"
            + " recorded already (the redrive would be answered as a replay) unless --force.",
        "  trades dlq redrive --env dev recorder --all"
      })
  static final class Redrive extends QueueCommand {
    @Parameters(
        index = "1..*",
        arity = "0..*",
        paramLabel = "MESSAGE-ID",
        description = "The messages to redrive (as dlq list prints them).")
    List<String> messageIds = new ArrayList<>();

    @Option(names = "--all", description = "Every message of the queue.")
    boolean all;

    @Option(
        names = "--force",
        description =
            "Redrive a trade that is recorded already, or whose trade id cannot be read; the message"
                + " is then deleted once EventBridge accepted the event.")
    boolean force;

    @Option(
        names = "--wait",
        paramLabel = "SECONDS",
        defaultValue = "120",
        description = "How long to wait for each trade's record (default ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Override
    void validate() {
      if (all == !messageIds.isEmpty()) {
        throw new Trades.UsageException("give the MESSAGE-IDs to redrive, or --all");
      }
    }

    @Override
    int run(Session session, PrintWriter out, Progress progress) {
      SqsDeadLetterQueue deadLetters = session.deadLetterQueue(queue);
      DynamoRecordStore records = session.records();
      TradeBus bus = session.bus();
      // Hidden for the whole redrive, so that the receipt handle is still valid for the delete.
      Duration hidden = Duration.ofSeconds(waitSeconds).multipliedBy(max).plusMinutes(5);
      List<QueueMessage> received =
          deadLetters.receive(
              max, hidden.compareTo(Duration.ofHours(12)) > 0 ? Duration.ofHours(12) : hidden);
      List<DeadLetterMessage> selected = new ArrayList<>();
      for (QueueMessage message : received) {
        if (all || messageIds.contains(message.messageId())) {
          selected.add(DeadLetterMessage.parse(message));
        } else {
          deadLetters.release(message);
        }
      }
      for (String id : messageIds) {
        if (received.stream().noneMatch(message -> message.messageId().equals(id))) {
          out.printf("%s: not in %s (trades dlq list %s)%n", id, deadLetters.name(), queue);
        }
      }
      int redriven = 0;
      int refused = messageIds.size() - selected.size();
      for (DeadLetterMessage message : selected) {
        if (redrive(message, deadLetters, records, bus, out, progress)) {
          redriven++;
        } else {
          refused++;
          deadLetters.release(message.message());
        }
      }
      out.printf(
          "redrove %d of %d messages from %s%n", redriven, redriven + refused, deadLetters.name());
      return refused == 0 ? 0 : Trades.FINDING;
    }

    private boolean redrive(
        DeadLetterMessage message,
        SqsDeadLetterQueue deadLetters,
        DynamoRecordStore records,
        TradeBus bus,
        PrintWriter out,
        Progress progress) {
      String id = message.message().messageId();
      if (message.originalEvent().isEmpty()) {
        out.printf(
            "%s: refused: the message holds no original event (%s); read the input of execution %s"
                + " and publish it (docs/operations.md)%n",
            id, message.error(), orDash(message.executionArn()));
        return false;
      }
      Optional<String> tradeId = message.tradeId();
      Optional<StoredRecord> existing = tradeId.flatMap(records::get);
      if (!force) {
        if (tradeId.isEmpty()) {
          out.printf(
              "%s: refused: the event's trade id cannot be read, so a record cannot be awaited;"
                  + " --force redrives it anyway%n",
              id);
          return false;
        }
        if (existing.isPresent()) {
          out.printf(
              "%s: refused: %s is recorded already (%s at %s); a redrive would be answered as a"
                  + " replay and record nothing. Delete the message, or --force%n",
              id, tradeId.get(), existing.get().status(), existing.get().recordedAt());
          return false;
        }
      }
      TradeBus.Published published = bus.publish(message.originalEvent().get());
      if (published.eventId().isEmpty()) {
        out.printf(
            "%s: not redriven: PutEvents refused the event (%s); the message stays%n",
            id, published.error().orElse("?"));
        return false;
      }
      progress.say("%s: published again as event %s", id, published.eventId().get());
      if (tradeId.isPresent() && existing.isEmpty()) {
        Optional<StoredRecord> recorded = awaitRecord(records, tradeId.get(), progress);
        if (recorded.isEmpty()) {
          out.printf(
              "%s: %s not recorded within %d s; the message stays in the queue (its event %s may"
                  + " still be recorded: trades get %s)%n",
              id, tradeId.get(), waitSeconds, published.eventId().get(), tradeId.get());
          return false;
        }
        deadLetters.delete(message.message());
        out.printf(
            "%s: redriven: %s recorded %s %s; message deleted%n",
            id, tradeId.get(), recorded.get().status(), recorded.get().reasonCodes());
        return true;
      }
      deadLetters.delete(message.message());
      out.printf(
          "%s: redriven with --force as event %s (accepted by EventBridge); message deleted%n",
          id, published.eventId().get());
      return true;
    }

    private Optional<StoredRecord> awaitRecord(
        DynamoRecordStore records, String tradeId, Progress progress) {
      Instant deadline = Instant.now().plusSeconds(waitSeconds);
      while (Instant.now().isBefore(deadline)) {
        Optional<StoredRecord> record = records.get(tradeId);
        if (record.isPresent()) {
          return record;
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
      progress.say("%s: no record after %d s", tradeId, waitSeconds);
      return Optional.empty();
    }
  }

  private static String orDash(String text) {
    return text == null || text.isEmpty() ? "-" : text;
  }

  private static String pretty(com.fasterxml.jackson.databind.JsonNode json) {
    try {
      return PRETTY.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}

package com.tradeprocessing.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code trades}: the records, dead-letter queues and archive of one environment, for operators and
 * compliance analysts (docs/operations.md). Every failure is one line on the error stream saying
 * what is wrong and what to do; exit codes: 0 done, 1 a finding (a mismatch, a refused redrive, a
 * record not found), 2 a usage error, 3 a failure (AWS, the network, a missing resource).
 */
@Command(
    name = "trades",
    mixinStandardHelpOptions = true,
    versionProvider = Trades.Version.class,
    description = "Trade records, dead-letter queues and archive replays of one environment.",
    subcommands = {
      GetCommand.class,
      ListCommand.class,
      ExportCommand.class,
      VerifyCommand.class,
      DlqCommand.class,
      ReplayCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 done, 1 a finding (mismatch, refused redrive, no such record), 2 usage error,"
          + " 3 failure.",
      "Examples:",
      "  trades --help get",
      "  trades list --env dev --status REJECTED --date 2026-11-25",
      "  trades verify --local --date 2026-11-25"
    })
public final class Trades implements Runnable {

  public static final int FINDING = 1;
  public static final int USAGE = 2;
  public static final int FAILURE = 3;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, out, err);
    // The SDK's HTTP client may leave non-daemon threads; every client is closed by now.
    System.exit(code);
  }

  /** Runs one command line; answers its exit code. Never throws. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
    PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
    CommandLine line = new CommandLine(new Trades());
    line.setOut(outWriter);
    line.setErr(errWriter);
    line.setCaseInsensitiveEnumValuesAllowed(true);
    // After the subcommands are added: picocli gives a converter to the commands present only.
    line.registerConverter(Instant.class, new InstantConverter());
    line.setParameterExceptionHandler(
        (exception, arguments) -> {
          CommandLine command = exception.getCommandLine();
          errWriter.println("trades: " + exception.getMessage());
          errWriter.println(
              "Usage: " + command.getCommandSpec().qualifiedName() + " --help shows the options.");
          return USAGE;
        });
    line.setExecutionExceptionHandler(
        (exception, command, parseResult) -> {
          if (exception instanceof UsageException) {
            errWriter.println("trades: " + exception.getMessage());
            return USAGE;
          }
          String message =
              exception instanceof TradesException
                  ? exception.getMessage()
                  : "unexpected "
                      + exception.getClass().getSimpleName()
                      + ": "
                      + exception.getMessage();
          errWriter.println("trades: " + message);
          return FAILURE;
        });
    int code = line.execute(args);
    outWriter.flush();
    errWriter.flush();
    return code;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new UsageException("a command is needed: get, list, export, verify, dlq or replay");
  }

  /** A command line that contradicts itself; exit code 2. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** The version of the jar, from its manifest, or "development". */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Trades.class.getPackage().getImplementationVersion();
      return new String[] {"trades " + (version == null ? "(development build)" : version)};
    }
  }
}

package com.tradeprocessing.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works on an environment: it opens the session its options select, runs, and turns
 * any failure into the one line of a {@link TradesException}.
 */
abstract class SessionCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    validate();
    try (Session session = connection.open()) {
      try {
        return run(session, spec.commandLine().getOut(), new Progress(spec.commandLine().getErr()));
      } catch (Trades.UsageException e) {
        throw e;
      } catch (RuntimeException e) {
        throw session.explain(e);
      } finally {
        spec.commandLine().getOut().flush();
      }
    }
  }

  /** Checks the options together, before anything is called; throws {@link TradesException}. */
  void validate() {}

  /** The command's work; answers the exit code. */
  abstract int run(Session session, PrintWriter out, Progress progress);
}

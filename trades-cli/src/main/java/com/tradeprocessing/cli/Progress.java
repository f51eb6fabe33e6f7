package com.tradeprocessing.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/** Progress lines of long work on the error stream, so that the output stays data. */
public final class Progress {

  private final PrintWriter err;
  private final Instant started = Instant.now();

  public Progress(PrintWriter err) {
    this.err = err;
  }

  public void say(String format, Object... args) {
    err.printf(
        "[%6.1fs] %s%n",
        Duration.between(started, Instant.now()).toMillis() / 1000.0, String.format(format, args));
    err.flush();
  }
}

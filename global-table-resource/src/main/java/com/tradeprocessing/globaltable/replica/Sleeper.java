package com.tradeprocessing.globaltable.replica;

import java.time.Duration;

/** Pauses the current invocation between two passes; tests advance a clock instead. */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration);

  /** The real pause. An interrupt ends it early and is kept on the thread. */
  static Sleeper system() {
    return duration -> {
      try {
        Thread.sleep(duration);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }
}

package com.tradeprocessing.globaltable.replica;

import java.time.Instant;
import java.util.Objects;

/**
 * How far a wait for replicas has gone: which invocation of the chain this is (1 for the one
 * CloudFormation started) and the instant after which the wait is given up. Carried from one
 * invocation to the next in the re-invocation payload. Immutable.
 */
public record WaitState(int attempt, Instant deadline) {

  public WaitState {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
    }
    Objects.requireNonNull(deadline, "deadline");
  }

  /** The state the next invocation of the chain starts with: same deadline, next attempt. */
  public WaitState next() {
    return new WaitState(attempt + 1, deadline);
  }
}

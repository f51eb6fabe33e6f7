package com.tradeprocessing.globaltable;

import java.util.Objects;

/** What the invocation does at its end: answer CloudFormation, or hand the wait to a new invocation. */
public sealed interface ReplicaOutcome {

  /**
   * Answer CloudFormation.
   *
   * @param physicalResourceId null only for a Create whose properties name no table, which then
   *     gets the response library's fallback (the log stream name)
   */
  record Finished(ResponseStatus status, String physicalResourceId, String reason) implements ReplicaOutcome {
    public Finished {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Continue the wait in a new invocation that starts from {@code next}.
   *
   * @param physicalResourceIdOnFailure the id to answer FAILED with if the hand-on itself fails
   * @param progress what is being waited for
   */
  record HandOn(WaitState next, String physicalResourceIdOnFailure, String progress) implements ReplicaOutcome {
    public HandOn {
      Objects.requireNonNull(next, "next");
      Objects.requireNonNull(progress, "progress");
    }
  }
}

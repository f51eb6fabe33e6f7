package com.tradeprocessing.globaltable.replica;

import com.tradeprocessing.globaltable.cloudformation.ResponseStatus;
import java.util.Objects;

/**
 * What the invocation does at its end: answer CloudFormation, or re-invoke itself to continue the
 * wait.
 */
public sealed interface ReplicaOutcome {

  /**
   * Answer CloudFormation.
   *
   * @param physicalResourceId null only for a Create whose properties name no table, which then
   *     gets the response library's fallback (the log stream name)
   */
  record Finished(ResponseStatus status, String physicalResourceId, String reason)
      implements ReplicaOutcome {
    public Finished {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Continue the wait in a new invocation that starts from {@code next}.
   *
   * @param physicalResourceIdOnFailure the id to answer FAILED with if the re-invocation itself
   *     fails
   * @param progress what is being waited for
   */
  record Reinvoke(WaitState next, String physicalResourceIdOnFailure, String progress)
      implements ReplicaOutcome {
    public Reinvoke {
      Objects.requireNonNull(next, "next");
      Objects.requireNonNull(progress, "progress");
    }
  }
}

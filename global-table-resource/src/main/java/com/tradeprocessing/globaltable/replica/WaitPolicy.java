package com.tradeprocessing.globaltable.replica;

import java.time.Duration;
import java.util.Objects;

/**
 * How long and how often to wait for replicas.
 *
 * @param pollInterval pause between two passes over the table
 * @param reinvokeMargin invocation time kept back for one more pass and the re-invocation (or the
 *     response); an invocation with less than {@code pollInterval + reinvokeMargin} left re-invokes
 *     itself
 * @param maxTotalWait bound on the whole wait across invocations, below CloudFormation's one-hour
 *     custom resource timeout so that the stack gets a FAILED with a reason instead of a timeout
 * @param maxInvocations bound on the length of the invocation chain, kept below the 16 invocations
 *     after which Lambda's recursive loop detection drops a self-invoked event (to the dead-letter
 *     queue), so that the stack gets a FAILED with a reason instead
 */
public record WaitPolicy(
    Duration pollInterval, Duration reinvokeMargin, Duration maxTotalWait, int maxInvocations) {

  /** 15 s polls, 30 s margin, 50 min in all, at most 15 invocations. */
  public static final WaitPolicy DEFAULT =
      new WaitPolicy(Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(50), 15);

  public WaitPolicy {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(reinvokeMargin, "reinvokeMargin");
    Objects.requireNonNull(maxTotalWait, "maxTotalWait");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
    }
    if (reinvokeMargin.isNegative()) {
      throw new IllegalArgumentException("reinvokeMargin must not be negative: " + reinvokeMargin);
    }
    if (maxTotalWait.compareTo(Duration.ofHours(1)) >= 0 || maxTotalWait.isNegative()) {
      throw new IllegalArgumentException(
          "maxTotalWait must be below CloudFormation's one-hour timeout: " + maxTotalWait);
    }
    if (maxInvocations < 1) {
      throw new IllegalArgumentException("maxInvocations must be at least 1: " + maxInvocations);
    }
  }
}

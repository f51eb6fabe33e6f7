package com.tradeprocessing.integration.runlocal;

import java.util.List;

/**
 * What became of one input event: a line of the results file.
 *
 * @param status {@code ACCEPTED}, {@code REJECTED}, {@code FAILED} (the execution failed, or
 *     EventBridge refused the entry) or {@code UNROUTED} (no rule matched)
 * @param reasons the reason codes of a rejection, or the error of a failure
 */
public record EventOutcome(
    int line,
    String source,
    String sourceTradeId,
    String tradeId,
    String status,
    List<String> reasons,
    boolean replayed) {

  public EventOutcome {
    reasons = List.copyOf(reasons);
  }
}

package com.tradeprocessing.globaltable.replica;

/** The result of one pass over the table: done, not yet, or impossible. */
public sealed interface ReconcileResult {

  /** Human-readable text for logs and for the response's Reason. */
  String message();

  /** The table matches the plan. */
  record Converged(String message) implements ReconcileResult {}

  /** A change is under way or the table is busy; another pass later will make progress. */
  record Pending(String message) implements ReconcileResult {}

  /** The plan cannot be carried out; waiting will not help. */
  record Failed(String message) implements ReconcileResult {}
}

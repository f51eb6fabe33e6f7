package com.tradeprocessing.globaltable;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Starts a new invocation of this function that continues the wait. */
public interface WaitHandOn {

  /**
   * Queues the payload for a new, asynchronous invocation of the running function.
   *
   * @throws HandOnFailedException when the invocation could not be queued
   */
  void handOn(ObjectNode payload, Context context);
}

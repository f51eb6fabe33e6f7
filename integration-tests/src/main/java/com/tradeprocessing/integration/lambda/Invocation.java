package com.tradeprocessing.integration.lambda;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** One call of the Invoke API, waiting for a container to answer it. */
final class Invocation {

  private final String requestId = UUID.randomUUID().toString();
  private final byte[] payload;
  private final CompletableFuture<InvocationResult> result = new CompletableFuture<>();

  Invocation(byte[] payload) {
    this.payload = payload;
  }

  String requestId() {
    return requestId;
  }

  byte[] payload() {
    return payload;
  }

  CompletableFuture<InvocationResult> result() {
    return result;
  }

  /** The first answer wins: a late response after a timeout is dropped, as Lambda drops it. */
  boolean complete(InvocationResult answer) {
    return result.complete(answer);
  }

  boolean isDone() {
    return result.isDone();
  }
}

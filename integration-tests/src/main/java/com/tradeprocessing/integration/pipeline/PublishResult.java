package com.tradeprocessing.integration.pipeline;

import java.util.Optional;

/** What PutEvents answered for one entry: its event id, or why EventBridge refused it. */
public record PublishResult(
    Optional<String> eventId, Optional<String> errorCode, Optional<String> errorMessage) {

  public boolean accepted() {
    return eventId.isPresent();
  }
}

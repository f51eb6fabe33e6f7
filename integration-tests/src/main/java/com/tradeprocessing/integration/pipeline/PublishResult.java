package com.tradeprocessing.integration.pipeline;

import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** What PutEvents answered for one entry: its event id, or why EventBridge refused it. */
public record PublishResult(
    Optional<String> eventId, Optional<String> errorCode, Optional<String> errorMessage) {

  /** The result PutEvents gave for one entry. */
  public static PublishResult of(PutEventsResultEntry entry) {
    return new PublishResult(
        Optional.ofNullable(entry.eventId()),
        Optional.ofNullable(entry.errorCode()),
        Optional.ofNullable(entry.errorMessage()));
  }

  public boolean accepted() {
    return eventId.isPresent();
  }
}

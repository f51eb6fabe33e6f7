package com.tradeprocessing.integration.pipeline;

import java.util.Objects;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** One entry of a PutEvents call: source, detail-type and the detail as JSON text. */
public record BusEvent(String source, String detailType, String detail) {

  public BusEvent {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(detailType, "detailType");
    Objects.requireNonNull(detail, "detail");
  }

  /** The PutEvents entry that sends this event to the bus. */
  public PutEventsRequestEntry toEntry(String busName) {
    return PutEventsRequestEntry.builder()
        .eventBusName(busName)
        .source(source)
        .detailType(detailType)
        .detail(detail)
        .build();
  }
}

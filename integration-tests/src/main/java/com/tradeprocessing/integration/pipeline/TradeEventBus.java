package com.tradeprocessing.integration.pipeline;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** Publishes trade events on the trade event bus with PutEvents, as the source systems do. */
public final class TradeEventBus {

  /** The most entries one PutEvents call takes. */
  public static final int BATCH_SIZE = 10;

  private final EventBridgeClient eventBridge;
  private final String busName;

  public TradeEventBus(EventBridgeClient eventBridge, String busName) {
    this.eventBridge = eventBridge;
    this.busName = busName;
  }

  public PublishResult publish(BusEvent event) {
    return publish(List.of(event)).get(0);
  }

  /** Publishes in batches of {@value #BATCH_SIZE}; one result per event, in order. */
  public List<PublishResult> publish(List<BusEvent> events) {
    List<PublishResult> results = new ArrayList<>(events.size());
    for (int start = 0; start < events.size(); start += BATCH_SIZE) {
      List<BusEvent> batch = events.subList(start, Math.min(events.size(), start + BATCH_SIZE));
      PutEventsResponse response =
          eventBridge.putEvents(
              request ->
                  request.entries(batch.stream().map(event -> event.toEntry(busName)).toList()));
      for (PutEventsResultEntry entry : response.entries()) {
        results.add(PublishResult.of(entry));
      }
    }
    return results;
  }
}

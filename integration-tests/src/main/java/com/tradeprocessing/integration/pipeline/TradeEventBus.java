package com.tradeprocessing.integration.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes trade events on the trade event bus with PutEvents, as the source systems do: to the
 * bus of the client's region, or through the global endpoint {@code endpoint-trades-<env>} (ADR
 * 0030).
 */
public final class TradeEventBus {

  /** The most entries one PutEvents call takes. */
  public static final int BATCH_SIZE = 10;

  private final EventBridgeClient eventBridge;
  private final String busName;
  private final String endpointId;

  /** The bus {@code busName} of the client's region. */
  public TradeEventBus(EventBridgeClient eventBridge, String busName) {
    this(eventBridge, busName, null);
  }

  private TradeEventBus(EventBridgeClient eventBridge, String busName, String endpointId) {
    this.eventBridge = Objects.requireNonNull(eventBridge, "eventBridge");
    this.busName = Objects.requireNonNull(busName, "busName");
    this.endpointId = endpointId;
  }

  /**
   * The bus {@code busName} through the global endpoint: an ordinary PutEvents with one more
   * setting, {@code EndpointId} (the stack output of templates/failover.json). EventBridge then
   * sends the events to the primary or the secondary region's bus; the client's region only decides
   * where the SDK resolves its credentials.
   *
   * <p>The SDK signs such a request with SigV4a, valid in every region, and the AWS SDK for Java
   * 2.x has SigV4a only with {@code software.amazon.awssdk:http-auth-aws-crt} on the class path
   * (which brings the native {@code software.amazon.awssdk.crt:aws-crt}): without it the call fails
   * before anything is sent. PutEvents' own reference says "When using Java, you must include
   * auth-crt on the class path"
   * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html).
   *
   * @param eventBridge a client of any region (the endpoint decides the bus's region)
   * @param endpointId the endpoint's EndpointId, such as {@code abcde.veo}
   * @param busName the trade bus's name, the same in both regions: {@code eventbus-trades-<env>}
   */
  public static TradeEventBus throughGlobalEndpoint(
      EventBridgeClient eventBridge, String endpointId, String busName) {
    return new TradeEventBus(
        eventBridge, busName, Objects.requireNonNull(endpointId, "endpointId"));
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
                  request
                      .endpointId(endpointId)
                      .entries(batch.stream().map(event -> event.toEntry(busName)).toList()));
      for (PutEventsResultEntry entry : response.entries()) {
        results.add(PublishResult.of(entry));
      }
    }
    return results;
  }
}

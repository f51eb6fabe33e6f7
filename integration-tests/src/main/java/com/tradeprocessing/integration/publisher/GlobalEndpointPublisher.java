package com.tradeprocessing.integration.publisher;

import com.tradeprocessing.integration.pipeline.BusEvent;
import com.tradeprocessing.integration.pipeline.PublishResult;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * How a source system publishes through the global endpoint {@code endpoint-trades-<env>} (ADR
 * 0030): an ordinary {@code PutEvents} on the trade bus's name, with one more setting, {@code
 * EndpointId} (the stack output of templates/failover.json). EventBridge then sends the events to
 * the primary or the secondary region's bus; the publisher's client region only decides where the
 * SDK resolves its credentials.
 *
 * <p>The SDK signs such a request with SigV4a, valid in every region, and the AWS SDK for Java 2.x
 * has SigV4a only with {@code software.amazon.awssdk:http-auth-aws-crt} on the class path (which
 * brings the native {@code software.amazon.awssdk.crt:aws-crt}): without it the call fails before
 * anything is sent. PutEvents' own reference says "When using Java, you must include auth-crt on
 * the class path" (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html).
 */
public final class GlobalEndpointPublisher {

  /** The most entries one PutEvents call takes. */
  public static final int BATCH_SIZE = 10;

  private final EventBridgeClient eventBridge;
  private final String endpointId;
  private final String busName;

  /**
   * @param eventBridge a client of any region (the endpoint decides the bus's region)
   * @param endpointId the endpoint's EndpointId, such as {@code abcde.veo}
   * @param busName the trade bus's name, the same in both regions: {@code eventbus-trades-<env>}
   */
  public GlobalEndpointPublisher(EventBridgeClient eventBridge, String endpointId, String busName) {
    this.eventBridge = eventBridge;
    this.endpointId = endpointId;
    this.busName = busName;
  }

  /** Publishes up to {@value #BATCH_SIZE} events in one call; one result per event, in order. */
  public List<PublishResult> publish(List<BusEvent> events) {
    if (events.isEmpty() || events.size() > BATCH_SIZE) {
      throw new IllegalArgumentException("1 to " + BATCH_SIZE + " events, not " + events.size());
    }
    PutEventsResponse response =
        eventBridge.putEvents(
            request ->
                request
                    .endpointId(endpointId)
                    .entries(events.stream().map(event -> event.toEntry(busName)).toList()));
    return response.entries().stream().map(entry -> PublishResult.of(entry)).toList();
  }
}

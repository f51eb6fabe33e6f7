package com.tradeprocessing.integration.publisher;

import com.tradeprocessing.integration.pipeline.BusEvent;
import com.tradeprocessing.integration.pipeline.PublishResult;
import com.tradeprocessing.integration.pipeline.TradeEventBus;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The global endpoint's routing rule, applied by the publisher, for the emulator, which serves no
 * endpoint: each event goes to the primary region's trade bus while the primary's health check is
 * healthy and to the secondary region's bus while it is not, one event to one bus (replication off,
 * ADR 0031). On AWS, EventBridge applies this rule and the publisher sets only EndpointId ({@link
 * TradeEventBus#throughGlobalEndpoint}); the health check's status, which Route 53 computes there
 * from the alarms of templates/failover.json, is an input here.
 */
public final class EndpointRoutingPublisher {

  /** Where one event went. */
  public record Routed(String region, PublishResult result) {}

  private final String primaryRegion;
  private final String secondaryRegion;
  private final Map<String, TradeEventBus> busesByRegion;
  private final BooleanSupplier primaryHealthy;

  public EndpointRoutingPublisher(
      String primaryRegion,
      String secondaryRegion,
      Map<String, TradeEventBus> busesByRegion,
      BooleanSupplier primaryHealthy) {
    if (primaryRegion.equals(secondaryRegion)
        || !busesByRegion.keySet().equals(java.util.Set.of(primaryRegion, secondaryRegion))) {
      throw new IllegalArgumentException(
          "one trade bus in each of two regions, not " + busesByRegion.keySet());
    }
    this.primaryRegion = primaryRegion;
    this.secondaryRegion = secondaryRegion;
    this.busesByRegion = Map.copyOf(busesByRegion);
    this.primaryHealthy = primaryHealthy;
  }

  /** The region the endpoint sends an event to now. */
  public String route() {
    return primaryHealthy.getAsBoolean() ? primaryRegion : secondaryRegion;
  }

  public Routed publish(BusEvent event) {
    String region = route();
    return new Routed(region, busesByRegion.get(region).publish(event));
  }
}

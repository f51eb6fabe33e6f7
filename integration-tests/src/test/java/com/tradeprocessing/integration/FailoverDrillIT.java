package com.tradeprocessing.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.integration.pipeline.BusEvent;
import com.tradeprocessing.integration.pipeline.Execution;
import com.tradeprocessing.integration.pipeline.ExecutionTracker;
import com.tradeprocessing.integration.pipeline.TradeEventBus;
import com.tradeprocessing.integration.platform.LocalPlatform.RegionalDeployment;
import com.tradeprocessing.integration.publisher.EndpointRoutingPublisher;
import com.tradeprocessing.integration.publisher.EndpointRoutingPublisher.Routed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The failover drill of docs/operations.md on the emulator: the trade path provisioned in the
 * primary and the replica region of one embedded emulator, a publisher that follows the global
 * endpoint's routing rule (the emulator serves no endpoint), and the operator's switch thrown
 * part-way through a stream of trades, while the primary's executions are still running, then
 * thrown back. Every trade must end recorded exactly once, by an execution of the region its event
 * was sent to, readable in both replicas of the table, and no event may start an execution in both
 * regions (replication off, ADR 0031).
 *
 * <p>What this cannot show (docs/operations.md, "What only AWS can prove"): Route 53 computing the
 * health check from the alarms, EventBridge's routing and its delay, the delay of the table's
 * replication (the emulator copies each write to the replica at once). Both regions' functions
 * share the emulator's one Lambda host, configured for the primary region, so the replica region's
 * recorder writes the primary's replica of the table, from which the record reaches the other.
 */
@ExtendWith(TestPlatform.class)
class FailoverDrillIT {

  private static final String PRIMARY = "us-east-1";
  private static final String REPLICA = "eu-west-1";
  private static final String[] SOURCES = {
    TradeEvents.OMS, TradeEvents.FIX_GATEWAY, TradeEvents.PRIME_BROKER
  };

  /** Trades published before the switch, while it is thrown, and after it is thrown back. */
  private static final int PER_PHASE = 6;

  @Test
  void operatorSwitch_thrownAndBackDuringAStream_shouldRecordEveryTradeOnceInTheRegionItWasSentTo(
      Pipeline pipeline) throws Exception {
    // GIVEN the replica region provisioned beside the primary, and a publisher routing by the
    // primary's health, which the operator's switch sets
    try (RegionalDeployment replica = pipeline.platform().provisionRegion(REPLICA)) {
      Map<String, TradeEventBus> buses =
          Map.of(
              PRIMARY,
              new TradeEventBus(
                  pipeline.platform().clients().eventBridge(),
                  pipeline.deployment().eventBusName()),
              REPLICA,
              new TradeEventBus(
                  replica.clients().eventBridge(), replica.deployment().eventBusName()));
      Map<String, ExecutionTracker> executions =
          Map.of(
              PRIMARY,
              new ExecutionTracker(
                  pipeline.platform().clients().stepFunctions(),
                  pipeline.deployment().stateMachineArn()),
              REPLICA,
              new ExecutionTracker(
                  replica.clients().stepFunctions(), replica.deployment().stateMachineArn()));
      AtomicBoolean primaryHealthy = new AtomicBoolean(true);
      EndpointRoutingPublisher publisher =
          new EndpointRoutingPublisher(PRIMARY, REPLICA, buses, primaryHealthy::get);

      // WHEN a stream of trades is published; the switch is thrown with the primary's executions
      // of the first phase still running, and thrown back after the second phase
      Map<String, ObjectNode> eventsById = new LinkedHashMap<>();
      List<Routed> routed = new ArrayList<>();
      for (int phase = 0; phase < 3; phase++) {
        primaryHealthy.set(phase != 1);
        for (int i = 0; i < PER_PHASE; i++) {
          ObjectNode event =
              TradeEvents.withSourceTradeId(
                  TradeEvents.valid(SOURCES[i % SOURCES.length]),
                  "DRILL" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
          Routed sent = publisher.publish(busEvent(event));
          routed.add(sent);
          eventsById.put(sent.result().eventId().orElseThrow(), event);
        }
      }

      // THEN each phase went where the routing rule says
      List<String> regions = routed.stream().map(Routed::region).toList();
      assertThat(regions.subList(0, PER_PHASE)).containsOnly(PRIMARY);
      assertThat(regions.subList(PER_PHASE, 2 * PER_PHASE)).containsOnly(REPLICA);
      assertThat(regions.subList(2 * PER_PHASE, 3 * PER_PHASE)).containsOnly(PRIMARY);

      // THEN every event ran once, in its region, and its trade has exactly one record, written
      // by that execution
      for (Routed sent : routed) {
        String eventId = sent.result().eventId().orElseThrow();
        String other = sent.region().equals(PRIMARY) ? REPLICA : PRIMARY;
        Execution execution =
            executions.get(sent.region()).awaitFinished(eventId, Pipeline.EXECUTION_TIMEOUT);
        assertThat(execution.succeeded()).as(eventId + " " + execution.error()).isTrue();
        assertThat(execution.arn()).contains(":states:" + sent.region() + ":");
        executions.get(other).refresh();
        assertThat(executions.get(other).startedExecution(eventId))
            .as("the event of %s started no execution in %s", eventId, other)
            .isEmpty();
        JsonNode output = execution.output().orElseThrow();
        assertThat(output.path("replayed").asBoolean()).isFalse();
        List<Map<String, AttributeValue>> records =
            pipeline.recordsOf(output.path("tradeId").asText());
        assertThat(records).as("records of " + output.path("tradeId").asText()).hasSize(1);
        assertThat(records.get(0).get("executionId").s()).isEqualTo(execution.arn());
        assertThat(records.get(0).get("status").s()).isEqualTo(output.path("status").asText());
        Map<String, AttributeValue> inReplica =
            replica
                .clients()
                .dynamoDb()
                .getItem(
                    request ->
                        request
                            .tableName(pipeline.deployment().tableName())
                            .consistentRead(true)
                            .key(Map.of("tradeId", records.get(0).get("tradeId"))))
                .item();
        assertThat(inReplica)
            .as("the record in the table's %s replica", REPLICA)
            .isEqualTo(records.get(0));
      }
      assertThat(eventsById).hasSize(3 * PER_PHASE);
    }
  }

  private static BusEvent busEvent(ObjectNode event) {
    return new BusEvent(
        event.path("source").asText(),
        event.path("detail-type").asText(),
        event.path("detail").toString());
  }
}

package com.tradeprocessing.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.tradeprocessing.integration.pipeline.BusEvent;
import com.tradeprocessing.integration.pipeline.PublishResult;
import com.tradeprocessing.integration.pipeline.TradeEventBus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * A trade bus reached through the global endpoint, as the SDK sends its one more setting,
 * EndpointId: a loopback server stands in for the endpoint's URL and records the request. The SDK
 * signs an EndpointId request with SigV4a for every region ({@code X-Amz-Region-Set: *}), which it
 * can only do with http-auth-aws-crt on the class path (TradeEventBus.throughGlobalEndpoint); a
 * regional SigV4 signature would bind the request to the client's region, which the endpoint may
 * not route to.
 */
class GlobalEndpointIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void publish_throughGlobalEndpoint_shouldSendEndpointIdSignedWithSigV4aForEveryRegion()
      throws Exception {
    // GIVEN
    Map<String, String> seen = new ConcurrentHashMap<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          seen.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
          seen.put(
              "region-set",
              String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Region-Set")));
          seen.put("target", exchange.getRequestHeaders().getFirst("X-Amz-Target"));
          seen.put(
              "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] answer =
              "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e-1\"}]}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    try (EventBridgeClient client =
        EventBridgeClient.builder()
            .region(Region.EU_WEST_1)
            .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "x")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      TradeEventBus bus =
          TradeEventBus.throughGlobalEndpoint(client, "abcde.veo", "eventbus-trades-dev");

      // WHEN
      List<PublishResult> results =
          bus.publish(List.of(new BusEvent("trading.oms", "Trade Executed", "{\"a\":1}")));

      // THEN
      assertThat(results).singleElement().satisfies(r -> assertThat(r.accepted()).isTrue());
      assertThat(seen.get("authorization")).startsWith("AWS4-ECDSA-P256-SHA256 ");
      assertThat(seen.get("region-set")).isEqualTo("*");
      assertThat(seen.get("target")).isEqualTo("AWSEvents.PutEvents");
      JsonNode body = JSON.readTree(seen.get("body"));
      assertThat(body.path("EndpointId").asText()).isEqualTo("abcde.veo");
      assertThat(body.at("/Entries/0/EventBusName").asText()).isEqualTo("eventbus-trades-dev");
    } finally {
      server.stop(0);
    }
  }
}

package com.tradeprocessing.benchmarks.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.model.json.TradeJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Calls the Lambda host's Invoke API and times each call from request to answer. */
final class Invoker {

  /** An answer and how long it took, in milliseconds. */
  record Timed(JsonNode answer, double millis) {}

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI host;

  Invoker(URI host) {
    this.host = host;
  }

  Timed invoke(String function, byte[] payload) {
    HttpRequest request =
        HttpRequest.newBuilder(
                host.resolve(
                    "/2015-03-31/functions/"
                        + URLEncoder.encode(function, StandardCharsets.UTF_8)
                        + "/invocations"))
            .timeout(Duration.ofMinutes(2))
            .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
            .build();
    long start = System.nanoTime();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException("cannot invoke " + function, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted invoking " + function, e);
    }
    double millis = (System.nanoTime() - start) / 1e6;
    String body = new String(response.body(), StandardCharsets.UTF_8);
    if (response.statusCode() != 200
        || response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
      throw new IllegalStateException(
          function + " failed (" + response.statusCode() + "): " + body);
    }
    try {
      return new Timed(TradeJson.mapper().readTree(body), millis);
    } catch (IOException e) {
      throw new IllegalStateException(function + " answered no JSON: " + body, e);
    }
  }
}

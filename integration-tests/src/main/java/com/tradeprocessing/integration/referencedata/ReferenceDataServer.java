package com.tradeprocessing.integration.referencedata;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reference-data API of docs/reference-data-api.md, served locally from a {@link
 * ReferenceDataset}: {@code GET {base}/instruments/{isin}} and {@code GET {base}/venues/{mic}}, 200
 * with the entry or 404. Tests can make the answers for one ISIN fail ({@link #inject}); faults are
 * per ISIN so that other trades, and the enricher's cache, are not disturbed.
 */
public final class ReferenceDataServer implements AutoCloseable {

  /** The path of the base URL, as a deployed API may have one. */
  public static final String BASE_PATH = "/v1";

  private final HttpServer server;
  private final String advertisedHost;
  private final ReferenceDataset dataset;
  private final Map<String, ReferenceDataFault> faults = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private volatile RandomFaults randomFaults;

  /** Faults played on a random fraction of all instrument requests, for reliability tests. */
  private record RandomFaults(
      double rate, java.util.Random random, List<ReferenceDataFault> faults, AtomicInteger played) {

    synchronized ReferenceDataFault next() {
      if (random.nextDouble() >= rate) {
        return null;
      }
      played.incrementAndGet();
      return faults.get(random.nextInt(faults.size()));
    }
  }

  private ReferenceDataServer(HttpServer server, String advertisedHost, ReferenceDataset dataset) {
    this.server = server;
    this.advertisedHost = advertisedHost;
    this.dataset = dataset;
  }

  /** Serves {@code dataset} on a free port of {@code address}. */
  public static ReferenceDataServer start(InetAddress address, ReferenceDataset dataset)
      throws IOException {
    return start(address, address.getHostAddress(), dataset);
  }

  /**
   * Serves {@code dataset} on a free port of {@code address}; clients reach it as {@code
   * advertisedHost} (a container's name for this machine, say).
   */
  public static ReferenceDataServer start(
      InetAddress address, String advertisedHost, ReferenceDataset dataset) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
    ReferenceDataServer api = new ReferenceDataServer(server, advertisedHost, dataset);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(BASE_PATH + "/", api::serve);
    server.start();
    return api;
  }

  /** The base URL, the value of the enricher's SSM parameter. */
  public URI baseUrl() {
    return URI.create("http://" + advertisedHost + ":" + server.getAddress().getPort() + BASE_PATH);
  }

  /** From now on, every request for the instrument {@code isin} fails with {@code fault}. */
  public void inject(String isin, ReferenceDataFault fault) {
    faults.put(isin, fault);
  }

  /**
   * From now on, each instrument request fails with probability {@code rate}, with one of {@code
   * faults} chosen at random (seeded, so a run can be repeated); an ISIN's own fault comes first.
   */
  public void injectRandomly(double rate, long seed, List<ReferenceDataFault> faults) {
    randomFaults =
        new RandomFaults(
            rate, new java.util.Random(seed), List.copyOf(faults), new AtomicInteger());
  }

  /** How many random faults were played since {@link #injectRandomly}. */
  public int randomFaultsPlayed() {
    RandomFaults current = randomFaults;
    return current == null ? 0 : current.played().get();
  }

  public void clearFaults() {
    faults.clear();
    randomFaults = null;
  }

  /** How many requests asked for the instrument {@code isin} so far. */
  public int instrumentRequests(String isin) {
    AtomicInteger count = requests.get("/instruments/" + isin);
    return count == null ? 0 : count.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring(BASE_PATH.length());
      requests.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
      if (!exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, "{\"message\":\"method not allowed\"}");
        return;
      }
      String[] segments = path.split("/");
      if (segments.length != 3) {
        send(exchange, 404, "{\"message\":\"not found\"}");
        return;
      }
      String key = segments[2];
      Optional<JsonNode> entry =
          switch (segments[1]) {
            case "instruments" -> {
              ReferenceDataFault fault = faults.get(key);
              RandomFaults random = randomFaults;
              if (fault == null && random != null) {
                fault = random.next();
              }
              if (fault != null && play(exchange, fault)) {
                yield null;
              }
              yield dataset.instrument(key);
            }
            case "venues" -> dataset.venue(key);
            default -> Optional.empty();
          };
      if (entry == null) {
        return;
      }
      if (entry.isEmpty()) {
        send(exchange, 404, "{\"message\":\"" + segments[1] + " " + key + " not found\"}");
      } else {
        send(exchange, 200, entry.get().toString());
      }
    }
  }

  /** Plays the fault; {@code true} when it answered the request itself. */
  private static boolean play(HttpExchange exchange, ReferenceDataFault fault) throws IOException {
    if (!fault.delay().isZero()) {
      try {
        Thread.sleep(fault.delay());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    }
    if (fault.status() > 0) {
      send(exchange, fault.status(), "{\"message\":\"injected fault\"}");
      return true;
    }
    if (fault.body() != null) {
      send(exchange, 200, fault.body());
      return true;
    }
    return false;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    try {
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // The client gave up (its timeout); nothing to answer.
    }
  }
}

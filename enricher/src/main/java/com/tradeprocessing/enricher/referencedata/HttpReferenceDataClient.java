package com.tradeprocessing.enricher.referencedata;

import com.tradeprocessing.enricher.ReferenceDataContractException;
import com.tradeprocessing.enricher.ReferenceDataUnavailableException;
import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.Mic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The reference-data API over HTTP, with the JDK client. Answers are mapped as {@code
 * docs/reference-data-api.md} documents: 200 is read strictly, 404 is "not known", 408, 429 and
 * 5xx, timeouts and connection failures are {@link ReferenceDataUnavailableException}, anything
 * else is a {@link ReferenceDataContractException}.
 */
public final class HttpReferenceDataClient implements ReferenceData {

  /** Default bound on one whole exchange: connecting, sending, and reading the full body. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(3);

  /** Default bound on opening a connection, set on the {@link HttpClient}. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private final HttpClient http;
  private final Supplier<URI> baseUri;
  private final Duration requestTimeout;

  /**
   * @param http the client; its connect timeout and redirect policy apply ({@link
   *     #newHttpClient(Duration)} builds the production one)
   * @param baseUri the API's base URL, asked for on every call, so it may be read lazily
   * @param requestTimeout bound on one whole exchange, body included
   */
  public HttpReferenceDataClient(HttpClient http, Supplier<URI> baseUri, Duration requestTimeout) {
    this.http = Objects.requireNonNull(http, "http");
    this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
    }
  }

  /**
   * The production HTTP client: HTTP/1.1 (no cleartext HTTP/2 upgrade dance), never following
   * redirects (a redirect is not in the API's contract), with the given connect timeout.
   */
  public static HttpClient newHttpClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .build();
  }

  @Override
  public Optional<Instrument> instrument(Isin isin) {
    return get(
        "instruments/" + isin.value(),
        "instrument " + isin,
        body -> ReferenceDataBodies.instrument(isin, body));
  }

  @Override
  public Optional<Venue> venue(Mic mic) {
    return get(
        "venues/" + mic.value(), "venue " + mic, body -> ReferenceDataBodies.venue(mic, body));
  }

  private <T> Optional<T> get(String path, String what, Function<String, T> readOk) {
    URI uri = resolve(path);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .GET()
            .header("Accept", "application/json")
            .timeout(requestTimeout)
            .build();
    HttpResponse<String> response = send(request, what);
    int status = response.statusCode();
    if (status == 200) {
      return Optional.of(readOk.apply(response.body()));
    }
    if (status == 404) {
      return Optional.empty();
    }
    if (status == 408 || status == 429 || (status >= 500 && status <= 599)) {
      throw new ReferenceDataUnavailableException(
          "reference-data API answered " + status + " for " + what + " (GET " + uri + ")");
    }
    throw new ReferenceDataContractException(
        "reference-data API answered "
            + status
            + ", which its contract does not allow, for "
            + what
            + " (GET "
            + uri
            + ")");
  }

  private URI resolve(String path) {
    String base = baseUri.get().toString();
    // ISINs and MICs are [A-Z0-9] only, so the path needs no encoding.
    return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
  }

  /**
   * Sends and reads the whole body within {@code requestTimeout}. The request's own timeout ends at
   * the response headers, so the wait on the future is what bounds a body that trickles in.
   */
  private HttpResponse<String> send(HttpRequest request, String what) {
    CompletableFuture<HttpResponse<String>> future =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    try {
      return future.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw timedOut(request, what, e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new ReferenceDataUnavailableException(
          "interrupted while reading " + what + " (GET " + request.uri() + ")", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException
          && !(cause instanceof HttpConnectTimeoutException)) {
        throw timedOut(request, what, cause);
      }
      String reason =
          cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
      throw new ReferenceDataUnavailableException(
          "reference-data API could not be reached for "
              + what
              + " (GET "
              + request.uri()
              + "): "
              + reason,
          cause);
    }
  }

  private ReferenceDataUnavailableException timedOut(
      HttpRequest request, String what, Throwable cause) {
    return new ReferenceDataUnavailableException(
        "reference-data API did not answer within "
            + requestTimeout
            + " for "
            + what
            + " (GET "
            + request.uri()
            + ")",
        cause);
  }
}

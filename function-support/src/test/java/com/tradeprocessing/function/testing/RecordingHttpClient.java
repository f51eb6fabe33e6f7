package com.tradeprocessing.function.testing;

import com.tradeprocessing.function.aws.SdkClients;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;

/**
 * An SDK HTTP client that sends nothing: it records every request it is given and answers each with
 * HTTP 200 and one JSON body, by default an empty object, which the JSON-protocol clients read as
 * an empty result. Lets a test see whether, and where, an SDK client would have called.
 */
public final class RecordingHttpClient implements SdkHttpClient {

  private final List<SdkHttpRequest> requests = new CopyOnWriteArrayList<>();
  private final byte[] body;

  /** Answers every request with {@code {}}. */
  public RecordingHttpClient() {
    this("{}");
  }

  /** A function's SDK clients in {@code region} whose every call this client records. */
  public SdkClients sdkClients(Region region) {
    return new SdkClients(region, this, LoopbackClients.CREDENTIALS);
  }

  /**
   * What {@code wiring} builds on {@link #sdkClients SDK clients} in {@code region} that send
   * through this client; fails when building sent any request, since a function's wiring calls no
   * AWS API before its first invocation.
   */
  public <W> W wireCallingNothing(Region region, Function<SdkClients, W> wiring) {
    W built = wiring.apply(sdkClients(region));
    if (!requests.isEmpty()) {
      throw new AssertionError("building sent " + requests.size() + " requests: " + requests);
    }
    return built;
  }

  /** Answers every request with {@code jsonBody}. */
  public RecordingHttpClient(String jsonBody) {
    this.body = jsonBody.getBytes(StandardCharsets.UTF_8);
  }

  /** The requests made through this client, in order. */
  public List<SdkHttpRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        requests.add(request.httpRequest());
        return HttpExecuteResponse.builder()
            .response(
                SdkHttpFullResponse.builder()
                    .statusCode(200)
                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                    .putHeader("Content-Length", Integer.toString(body.length))
                    .build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
            .build();
      }

      @Override
      public void abort() {}
    };
  }

  @Override
  public String clientName() {
    return "recording";
  }

  @Override
  public void close() {}
}

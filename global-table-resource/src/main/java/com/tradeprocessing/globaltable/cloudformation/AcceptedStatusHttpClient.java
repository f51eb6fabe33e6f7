package com.tradeprocessing.globaltable.cloudformation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An {@link SdkHttpClient} for the ResponseURL PUT that fails with an IOException unless the answer
 * is 2xx, and always reads and closes the answer's body so the connection is released. Closing it
 * does not close the wrapped client, which other SDK clients share.
 */
final class AcceptedStatusHttpClient implements SdkHttpClient {

  private static final int MAX_ERROR_BODY = 512;

  private final SdkHttpClient delegate;

  AcceptedStatusHttpClient(SdkHttpClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    ExecutableHttpRequest prepared = delegate.prepareRequest(request);
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        HttpExecuteResponse response = prepared.call();
        String body = drain(response);
        int status = response.httpResponse().statusCode();
        if (!response.httpResponse().isSuccessful()) {
          throw new IOException(
              "The ResponseURL answered HTTP " + status + (body.isEmpty() ? "" : ": " + body));
        }
        return response;
      }

      @Override
      public void abort() {
        prepared.abort();
      }
    };
  }

  private static String drain(HttpExecuteResponse response) throws IOException {
    if (response.responseBody().isEmpty()) {
      return "";
    }
    try (AbortableInputStream body = response.responseBody().get()) {
      byte[] head = body.readNBytes(MAX_ERROR_BODY);
      body.transferTo(OutputStream.nullOutputStream());
      return new String(head, StandardCharsets.UTF_8).strip();
    }
  }

  @Override
  public void close() {
    // The wrapped client belongs to the caller.
  }

  @Override
  public String clientName() {
    return delegate.clientName();
  }
}

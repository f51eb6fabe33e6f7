package com.tradeprocessing.function.testing;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * An HTTP implementation registered for {@code ServiceLoader} in this module's tests only, counting
 * how often it is instantiated: the SDK instantiates every registered one when it looks for an HTTP
 * client on the classpath.
 */
public final class CountingHttpService implements SdkHttpService {

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  public CountingHttpService() {
    INSTANCES.incrementAndGet();
  }

  public static int instances() {
    return INSTANCES.get();
  }

  @Override
  public SdkHttpClient.Builder<?> createHttpClientBuilder() {
    return UrlConnectionHttpClient.builder();
  }
}

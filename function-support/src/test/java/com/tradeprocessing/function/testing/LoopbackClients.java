package com.tradeprocessing.function.testing;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * Real SDK clients pointed at a scripted AWS API on loopback (WireMock), for the adapters' tests.
 */
public final class LoopbackClients {

  /** Credentials that sign like real ones and open nothing. */
  public static final AwsCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));

  private LoopbackClients() {}

  /** {@code builder} set to call {@code baseUrl} in us-east-1 with {@link #CREDENTIALS}. */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B pointedAt(
      B builder, String baseUrl) {
    return builder
        .endpointOverride(URI.create(baseUrl))
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create());
  }

  /**
   * A client of {@code baseUrl} with the SDK's own retry conditions over {@code maxAttempts}
   * attempts, without waiting between them.
   */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C retryingAt(
      B builder, String baseUrl, int maxAttempts) {
    return pointedAt(builder, baseUrl)
        .overrideConfiguration(
            c ->
                c.retryStrategy(
                    b ->
                        b.maxAttempts(maxAttempts)
                            .backoffStrategy(BackoffStrategy.retryImmediately())
                            .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())))
        .build();
  }
}

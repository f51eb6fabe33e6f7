package com.tradeprocessing.function.aws;

import com.tradeprocessing.function.FunctionEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The one way every SDK client of the functions is built (ADR 0025), once per container by the
 * function's wiring:
 *
 * <ul>
 *   <li>the region given explicitly (the function's {@code AWS_REGION}), so the SDK does not walk
 *       its region provider chain;
 *   <li>credentials from the variables Lambda sets from the execution role ({@link
 *       EnvironmentVariableCredentialsProvider}), so the SDK does not walk its credentials chain;
 *   <li>one URL-connection HTTP client per container, passed to every client, so the SDK never
 *       looks for an HTTP implementation on the classpath;
 *   <li>the standard retry mode (three attempts) bounded by a per-attempt and a per-call timeout
 *       that end a call well inside the shortest function timeout (ADR 0025 has the budget).
 * </ul>
 *
 * <p>The endpoint is left to the SDK, which honours {@code AWS_ENDPOINT_URL} and {@code
 * AWS_ENDPOINT_URL_<SERVICE>}: that is how the local emulator is reached.
 */
public final class SdkClients {

  /** Opening a TCP connection to a regional endpoint or VPC endpoint. */
  public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);

  /** Waiting for the next bytes of an answer. */
  public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);

  /** One HTTP attempt of an API call, after which the SDK may retry. */
  public static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

  /** One API call, all attempts and backoff included: the most a caller ever waits for one call. */
  public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(3);

  private final Region region;
  private final SdkHttpClient httpClient;
  private final AwsCredentialsProvider credentials;

  /**
   * @param region the region of clients built without one
   * @param httpClient shared by every client built here; owned by the caller
   * @param credentials the provider of every client built here
   */
  public SdkClients(Region region, SdkHttpClient httpClient, AwsCredentialsProvider credentials) {
    this.region = Objects.requireNonNull(region, "region");
    this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
  }

  /**
   * The production settings: the function's region, the Lambda credential variables and a new
   * {@link #httpClient()}. Builds no client and calls nothing.
   *
   * @throws IllegalStateException when {@code AWS_REGION} is not set
   */
  public static SdkClients fromEnvironment(FunctionEnvironment environment) {
    return new SdkClients(
        Region.of(environment.region()),
        httpClient(),
        EnvironmentVariableCredentialsProvider.create());
  }

  /**
   * A function's production objects: {@code wiring} given the {@link #fromEnvironment production
   * settings} and the system clock, the one way every function's wiring is built (ADR 0025).
   *
   * @throws IllegalStateException when {@code AWS_REGION} is not set
   */
  public static <W> W wire(
      FunctionEnvironment environment, BiFunction<SdkClients, Clock, W> wiring) {
    return wiring.apply(fromEnvironment(environment), Clock.systemUTC());
  }

  /**
   * The URL-connection HTTP client with {@link #CONNECTION_TIMEOUT} and {@link #SOCKET_TIMEOUT}.
   */
  public static SdkHttpClient httpClient() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(CONNECTION_TIMEOUT)
        .socketTimeout(SOCKET_TIMEOUT)
        .build();
  }

  /** The region of the function. */
  public Region region() {
    return region;
  }

  /**
   * Builds a client in the function's region, e.g. {@code clients.build(SsmClient.builder())}.
   * Settings the caller put on the builder before (a test's endpoint) stay, except the region, the
   * credentials, the HTTP client and the override configuration, which are this class's.
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
    return build(builder, region);
  }

  /**
   * Builds a client in another region (a replica's), otherwise as {@link #build(AwsClientBuilder)}.
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, Region clientRegion) {
    return builder
        .region(Objects.requireNonNull(clientRegion, "clientRegion"))
        .credentialsProvider(credentials)
        .httpClient(httpClient)
        .overrideConfiguration(
            o ->
                o.retryStrategy(RetryMode.STANDARD)
                    .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
                    .apiCallTimeout(API_CALL_TIMEOUT))
        .build();
  }
}

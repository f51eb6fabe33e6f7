package com.tradeprocessing.recorder.config;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The production SDK clients: explicit region, the URL-connection HTTP client, credentials from the
 * Lambda environment variables (no provider-chain probing on a cold start), and timeouts that end a
 * call well inside the function timeout.
 */
public final class AwsClients {

  /** Bounds one DynamoDB call including the client's retries. */
  public static final Duration DYNAMODB_CALL_TIMEOUT = Duration.ofSeconds(5);

  /** Bounds one SSM call including the client's retries. */
  public static final Duration SSM_CALL_TIMEOUT = Duration.ofSeconds(3);

  private static final Duration CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);

  private AwsClients() {}

  /** One HTTP client shared by every SDK client of the container. */
  public static SdkHttpClient httpClient() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(CONNECTION_TIMEOUT)
        .socketTimeout(SOCKET_TIMEOUT)
        .build();
  }

  public static DynamoDbClient dynamoDb(Region region, SdkHttpClient httpClient) {
    return DynamoDbClient.builder()
        .region(region)
        .httpClient(httpClient)
        .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
        .overrideConfiguration(
            c ->
                c.apiCallTimeout(DYNAMODB_CALL_TIMEOUT).apiCallAttemptTimeout(CALL_ATTEMPT_TIMEOUT))
        .build();
  }

  public static SsmClient ssm(Region region, SdkHttpClient httpClient) {
    return SsmClient.builder()
        .region(region)
        .httpClient(httpClient)
        .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
        .overrideConfiguration(
            c -> c.apiCallTimeout(SSM_CALL_TIMEOUT).apiCallAttemptTimeout(CALL_ATTEMPT_TIMEOUT))
        .build();
  }
}

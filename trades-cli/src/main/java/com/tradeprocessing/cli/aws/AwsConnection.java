package com.tradeprocessing.cli.aws;

import com.tradeprocessing.function.aws.SdkClients;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients of one command, built as the functions build theirs ({@link SdkClients}: one
 * URL-connection HTTP client, the standard retry mode, bounded call times), in one region, with the
 * caller's credentials, and pointed at the local emulator when {@code endpoint} is set. Each client
 * is built on first use.
 */
public final class AwsConnection implements AutoCloseable {

  private final SdkHttpClient http;
  private final SdkClients clients;
  private final URI endpoint;
  private final List<SdkClient> built = new ArrayList<>();
  private DynamoDbClient dynamoDb;
  private SqsClient sqs;
  private EventBridgeClient eventBridge;

  /**
   * @param endpoint the emulator's endpoint, {@code null} for AWS's regional endpoints
   */
  public AwsConnection(Region region, AwsCredentialsProvider credentials, URI endpoint) {
    this.http = SdkClients.httpClient();
    this.clients = new SdkClients(region, http, credentials);
    this.endpoint = endpoint;
  }

  public Region region() {
    return clients.region();
  }

  /** The endpoint the clients call, for messages. */
  public String endpointDescription() {
    return endpoint == null ? "AWS in " + clients.region().id() : endpoint.toString();
  }

  public boolean isLocal() {
    return endpoint != null;
  }

  public synchronized DynamoDbClient dynamoDb() {
    if (dynamoDb == null) {
      dynamoDb = build(DynamoDbClient.builder());
    }
    return dynamoDb;
  }

  public synchronized SqsClient sqs() {
    if (sqs == null) {
      sqs = build(SqsClient.builder());
    }
    return sqs;
  }

  public synchronized EventBridgeClient eventBridge() {
    if (eventBridge == null) {
      eventBridge = build(EventBridgeClient.builder());
    }
    return eventBridge;
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient>
      C build(B builder) {
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    C client = clients.build(builder);
    built.add(client);
    return Objects.requireNonNull(client);
  }

  @Override
  public synchronized void close() {
    built.forEach(SdkClient::close);
    http.close();
  }
}

package com.tradeprocessing.integration.platform;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** SDK clients for one backend: its endpoint, its region, its credentials; built once. */
public final class BackendClients implements AutoCloseable {

  private final SdkHttpClient http;
  private final DynamoDbClient dynamoDb;
  private final SqsClient sqs;
  private final SsmClient ssm;
  private final EventBridgeClient eventBridge;
  private final SfnClient stepFunctions;
  private final LambdaClient lambda;
  private final IamClient iam;

  public BackendClients(URI endpoint, Region region, String accessKeyId, String secretAccessKey) {
    http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(60))
            .build();
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    dynamoDb = configure(DynamoDbClient.builder(), endpoint, region, credentials).build();
    sqs = configure(SqsClient.builder(), endpoint, region, credentials).build();
    ssm = configure(SsmClient.builder(), endpoint, region, credentials).build();
    eventBridge = configure(EventBridgeClient.builder(), endpoint, region, credentials).build();
    stepFunctions = configure(SfnClient.builder(), endpoint, region, credentials).build();
    lambda = configure(LambdaClient.builder(), endpoint, region, credentials).build();
    // IAM is global: its endpoint is the same emulator, its signing region us-east-1.
    iam = configure(IamClient.builder(), endpoint, Region.AWS_GLOBAL, credentials).build();
  }

  private <
          B extends
              AwsClientBuilder<B, ?>
                  & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>>
      B configure(B builder, URI endpoint, Region region, StaticCredentialsProvider credentials) {
    return builder
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(credentials)
        .httpClient(http);
  }

  public DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  public SqsClient sqs() {
    return sqs;
  }

  public SsmClient ssm() {
    return ssm;
  }

  public EventBridgeClient eventBridge() {
    return eventBridge;
  }

  public SfnClient stepFunctions() {
    return stepFunctions;
  }

  public LambdaClient lambda() {
    return lambda;
  }

  public IamClient iam() {
    return iam;
  }

  @Override
  public void close() {
    dynamoDb.close();
    sqs.close();
    ssm.close();
    eventBridge.close();
    stepFunctions.close();
    lambda.close();
    iam.close();
    http.close();
  }
}

package com.tradeprocessing.globaltable;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The production objects of the handler, built once per container: one UrlConnection HTTP client
 * shared by every SDK client and by the ResponseURL PUT, the function's region from
 * {@code AWS_REGION}, and the credentials Lambda puts in the environment (no provider chain to walk).
 */
final class ProductionWiring {

  private ProductionWiring() {}

  /** The handler's collaborators. */
  record Dependencies(GlobalTableReplicaService service, CloudFormationResponder responder, WaitHandOn handOn) {}

  static Dependencies fromEnvironment(Map<String, String> environment) {
    String regionName = environment.get("AWS_REGION");
    if (regionName == null || regionName.isBlank()) {
      throw new IllegalStateException("AWS_REGION is not set; the function must run in the table's region.");
    }
    Region region = Region.of(regionName);
    SdkHttpClient http = UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(5))
        .socketTimeout(Duration.ofSeconds(30))
        .build();
    AwsCredentialsProvider credentials = EnvironmentVariableCredentialsProvider.create();

    DynamoDbClient primary = DynamoDbClient.builder()
        .region(region)
        .httpClient(http)
        .credentialsProvider(credentials)
        .build();
    DynamoDbClientsByRegion replicaClients = new DynamoDbClientsByRegion(replicaRegion -> DynamoDbClient.builder()
        .region(replicaRegion)
        .httpClient(http)
        .credentialsProvider(credentials)
        .build());
    LambdaClient lambda = LambdaClient.builder()
        .region(region)
        .httpClient(http)
        .credentialsProvider(credentials)
        .build();

    GlobalTableReplicaService service = new GlobalTableReplicaService(
        new DynamoGlobalTableGateway(primary, region.id(), replicaClients),
        region.id(),
        Clock.systemUTC(),
        Sleeper.system(),
        WaitPolicy.DEFAULT);
    return new Dependencies(service, new PowertoolsCloudFormationResponder(http), new LambdaSelfInvoker(lambda));
  }
}

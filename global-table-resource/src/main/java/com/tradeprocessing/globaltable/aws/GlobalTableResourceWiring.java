package com.tradeprocessing.globaltable.aws;

import com.tradeprocessing.function.FunctionEnvironment;
import com.tradeprocessing.function.aws.SdkClients;
import com.tradeprocessing.globaltable.cloudformation.CloudFormationResponder;
import com.tradeprocessing.globaltable.replica.GlobalTableReplicaService;
import com.tradeprocessing.globaltable.replica.Sleeper;
import com.tradeprocessing.globaltable.replica.WaitPolicy;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The custom resource's production objects, built once per container by the handler's no-arg
 * constructor (ADR 0025): the primary DynamoDB client and the Lambda client in the function's
 * region, a DynamoDB client per replica region built on first use, all with the shared SDK client
 * settings. Building calls nothing.
 *
 * <p>The ResponseURL PUT has its own URL-connection client with longer timeouts: Powertools sends
 * the answer once, without retrying, and an answer lost to a short timeout leaves the stack waiting
 * an hour for CloudFormation's own timeout.
 *
 * @param primary the client of the primary table, in the function's region
 * @param replicas the clients of the replica regions' tables, each built on first use
 * @param lambda the client the function re-invokes itself with
 * @param service the replica logic
 * @param responder answers CloudFormation at the ResponseURL
 * @param reinvoker re-invokes the function to continue a wait
 */
public record GlobalTableResourceWiring(
    DynamoDbClient primary,
    DynamoDbClientsByRegion replicas,
    LambdaClient lambda,
    GlobalTableReplicaService service,
    CloudFormationResponder responder,
    LambdaSelfInvoker reinvoker) {

  /** Opening the connection to the pre-signed S3 ResponseURL. */
  static final Duration RESPONSE_CONNECTION_TIMEOUT = Duration.ofSeconds(2);

  /** Waiting for S3's answer to the PUT; with the connection, inside the 30 s re-invoke margin. */
  static final Duration RESPONSE_SOCKET_TIMEOUT = Duration.ofSeconds(10);

  /**
   * @throws IllegalStateException when {@code AWS_REGION} is not set: the function must run in the
   *     primary table's region
   */
  public static GlobalTableResourceWiring fromEnvironment(FunctionEnvironment environment) {
    return of(SdkClients.fromEnvironment(environment), responseHttpClient(), Clock.systemUTC());
  }

  /** The wiring around the given SDK client settings, ResponseURL client and clock. */
  public static GlobalTableResourceWiring of(
      SdkClients clients, SdkHttpClient responseHttpClient, Clock clock) {
    DynamoDbClient primary = clients.build(DynamoDbClient.builder());
    DynamoDbClientsByRegion replicas =
        new DynamoDbClientsByRegion(region -> clients.build(DynamoDbClient.builder(), region));
    LambdaClient lambda = clients.build(LambdaClient.builder());
    String region = clients.region().id();
    GlobalTableReplicaService service =
        new GlobalTableReplicaService(
            new DynamoGlobalTableGateway(primary, region, replicas),
            region,
            clock,
            Sleeper.system(),
            WaitPolicy.DEFAULT);
    return new GlobalTableResourceWiring(
        primary,
        replicas,
        lambda,
        service,
        new CloudFormationResponder(responseHttpClient),
        new LambdaSelfInvoker(lambda));
  }

  /**
   * The ResponseURL's client: {@link #RESPONSE_CONNECTION_TIMEOUT}, {@link
   * #RESPONSE_SOCKET_TIMEOUT}.
   */
  static SdkHttpClient responseHttpClient() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(RESPONSE_CONNECTION_TIMEOUT)
        .socketTimeout(RESPONSE_SOCKET_TIMEOUT)
        .build();
  }

  /** The client of a replica region's table, built on first use. */
  public DynamoDbClient replica(Region region) {
    return replicas.apply(region.id());
  }
}

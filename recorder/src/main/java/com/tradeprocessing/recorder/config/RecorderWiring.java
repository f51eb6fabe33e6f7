package com.tradeprocessing.recorder.config;

import com.tradeprocessing.function.FunctionEnvironment;
import com.tradeprocessing.function.aws.SdkClients;
import com.tradeprocessing.recorder.ComplianceRecorder;
import com.tradeprocessing.recorder.decision.FinalDecisionPolicy;
import com.tradeprocessing.recorder.dynamo.DynamoTradeRecordStore;
import com.tradeprocessing.recorder.metrics.EmfRecordingMetrics;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The recorder's production objects, built once per container by the handler's no-arg constructor
 * (ADR 0025). Building calls nothing: SSM and DynamoDB are first called for the first trade.
 *
 * @param dynamoDb the client of the trade record table
 * @param ssm the client the price band is read with
 * @param recorder the stage's domain object
 */
public record RecorderWiring(DynamoDbClient dynamoDb, SsmClient ssm, ComplianceRecorder recorder) {

  /**
   * @throws IllegalStateException naming a required variable (docs/stage-contracts.md) that is not
   *     set
   */
  public static RecorderWiring fromEnvironment(FunctionEnvironment environment) {
    RecorderEnvironment env = RecorderEnvironment.from(environment);
    return SdkClients.wire(environment, (clients, clock) -> of(env, clients, clock));
  }

  /** The wiring around the given SDK client settings and clock. */
  public static RecorderWiring of(RecorderEnvironment env, SdkClients clients, Clock clock) {
    DynamoDbClient dynamoDb = clients.build(DynamoDbClient.builder());
    SsmClient ssm = clients.build(SsmClient.builder());
    ComplianceRecorder recorder =
        new ComplianceRecorder(
            new DynamoTradeRecordStore(dynamoDb, env.tableName()),
            new CachingPriceBandSource(new SsmPriceBandSource(ssm, env.thresholdsPath()), clock),
            new FinalDecisionPolicy(),
            EmfRecordingMetrics.create(env.metricsNamespace(), env.serviceName()),
            clock,
            env.region());
    return new RecorderWiring(dynamoDb, ssm, recorder);
  }
}

package com.tradeprocessing.recorder.config;

import com.tradeprocessing.recorder.ComplianceRecorder;
import com.tradeprocessing.recorder.decision.FinalDecisionPolicy;
import com.tradeprocessing.recorder.dynamo.DynamoTradeRecordStore;
import com.tradeprocessing.recorder.metrics.EmfRecordingMetrics;
import java.time.Clock;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/** Wires the production {@link ComplianceRecorder}; called once per container. */
public final class ProductionRecorder {

  private ProductionRecorder() {}

  public static ComplianceRecorder create(RecorderEnvironment env) {
    Region region = Region.of(env.region());
    SdkHttpClient httpClient = AwsClients.httpClient();
    Clock clock = Clock.systemUTC();
    return new ComplianceRecorder(
        new DynamoTradeRecordStore(AwsClients.dynamoDb(region, httpClient), env.tableName()),
        new SsmPriceBandSource(
            AwsClients.ssm(region, httpClient),
            env.thresholdsPath(),
            SsmPriceBandSource.DEFAULT_TIME_TO_LIVE,
            clock),
        new FinalDecisionPolicy(),
        EmfRecordingMetrics.create(env.metricsNamespace(), env.serviceName()),
        clock,
        env.region());
  }
}

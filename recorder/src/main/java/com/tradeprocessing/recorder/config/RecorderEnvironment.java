package com.tradeprocessing.recorder.config;

import com.tradeprocessing.function.FunctionEnvironment;
import com.tradeprocessing.model.Require;
import java.util.Map;

/**
 * The recorder's environment variables (docs/stage-contracts.md), immutable, each required one
 * present.
 *
 * @param tableName {@code TABLE_NAME}: the trade record table
 * @param thresholdsPath {@code THRESHOLDS_PATH}: the SSM path of the thresholds
 * @param region {@code AWS_REGION}: set by Lambda; stored in every record
 * @param serviceName {@code POWERTOOLS_SERVICE_NAME}, default {@code recorder}: the metrics'
 *     Service dimension
 * @param metricsNamespace {@code POWERTOOLS_METRICS_NAMESPACE}, default {@code TradeProcessing}
 */
public record RecorderEnvironment(
    String tableName,
    String thresholdsPath,
    String region,
    String serviceName,
    String metricsNamespace) {

  public RecorderEnvironment {
    Require.nonNull(
        "tableName thresholdsPath region serviceName metricsNamespace",
        tableName,
        thresholdsPath,
        region,
        serviceName,
        metricsNamespace);
  }

  /** Reads the variables; a missing required one fails the container's start with its name. */
  public static RecorderEnvironment from(Map<String, String> env) {
    return from(new FunctionEnvironment(env));
  }

  /** Reads the variables; a missing required one fails the container's start with its name. */
  public static RecorderEnvironment from(FunctionEnvironment env) {
    return new RecorderEnvironment(
        env.required("TABLE_NAME"),
        env.required("THRESHOLDS_PATH"),
        env.region(),
        env.optional("POWERTOOLS_SERVICE_NAME", "recorder"),
        env.optional("POWERTOOLS_METRICS_NAMESPACE", "TradeProcessing"));
  }
}

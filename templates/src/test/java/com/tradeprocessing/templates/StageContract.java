package com.tradeprocessing.templates;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The names docs/stage-contracts.md fixes for code and templates alike. {@link StageContractTest}
 * proves the page still says what these constants say.
 */
final class StageContract {

  /** What a function is called, runs and is retried on, and which stage of the flow it is. */
  record FunctionContract(
      String purpose,
      String handler,
      Optional<String> stage,
      List<String> retryableErrors,
      Map<String, String> environment) {}

  /** Retried on every Lambda task: errors of the Lambda service, not of the handler. */
  static final List<String> TRANSIENT_LAMBDA_ERRORS =
      List.of(
          "Lambda.ServiceException",
          "Lambda.AWSLambdaException",
          "Lambda.SdkClientException",
          "Lambda.TooManyRequestsException");

  static final String THRESHOLDS_PATH = "/trade-processing/<env>/thresholds/";
  static final String REFERENCE_DATA_PARAMETER = "/trade-processing/<env>/endpoints/reference-data";
  static final String TABLE_NAME = "dynamodb-trades-<env>";

  static final List<FunctionContract> FUNCTIONS =
      List.of(
          new FunctionContract(
              "validator",
              "com.tradeprocessing.validator.ValidateTradeHandler::handleRequest",
              Optional.of("validate"),
              List.of("com.tradeprocessing.validator.thresholds.ThresholdsUnavailableException"),
              Map.of("THRESHOLDS_PATH", THRESHOLDS_PATH, "POWERTOOLS_SERVICE_NAME", "validator")),
          new FunctionContract(
              "enricher",
              "com.tradeprocessing.enricher.EnrichTradeHandler::handleRequest",
              Optional.of("enrich"),
              List.of("com.tradeprocessing.enricher.ReferenceDataUnavailableException"),
              Map.of(
                  "REFERENCE_DATA_ENDPOINT_PARAMETER",
                  REFERENCE_DATA_PARAMETER,
                  "POWERTOOLS_SERVICE_NAME",
                  "enricher")),
          new FunctionContract(
              "recorder",
              "com.tradeprocessing.recorder.RecordTradeHandler::handleRequest",
              Optional.of("record"),
              List.of(
                  "com.tradeprocessing.recorder.TradeStoreUnavailableException",
                  "com.tradeprocessing.recorder.PriceBandUnavailableException"),
              Map.of(
                  "TABLE_NAME",
                  TABLE_NAME,
                  "THRESHOLDS_PATH",
                  THRESHOLDS_PATH,
                  "POWERTOOLS_METRICS_NAMESPACE",
                  "TradeProcessing",
                  "POWERTOOLS_SERVICE_NAME",
                  "recorder")),
          new FunctionContract(
              "global-table-resource",
              "com.tradeprocessing.globaltable.GlobalTableReplicaHandler::handleRequest",
              Optional.empty(),
              List.of(),
              Map.of("POWERTOOLS_SERVICE_NAME", "global-table-resource")));

  /** SSM parameter names under {@code /trade-processing/<env>/}, with their defaults. */
  static final Map<String, Optional<String>> SSM_PARAMETERS =
      Map.of(
          "endpoints/reference-data", Optional.empty(),
          "thresholds/max-quantity", Optional.of("1000000"),
          "thresholds/max-notional", Optional.of("50000000"),
          "thresholds/clock-skew-tolerance", Optional.of("PT30S"),
          "thresholds/max-trade-age", Optional.of("P3D"),
          "thresholds/known-venues", Optional.of("XNAS,XNYS,XLON,XETR,XAMS"),
          "thresholds/price-band-percent", Optional.of("10"));

  private StageContract() {}

  static Optional<FunctionContract> byPurpose(String purpose) {
    return FUNCTIONS.stream().filter(function -> function.purpose().equals(purpose)).findFirst();
  }

  /** A contract value with the environment filled in, as a deployment of {@code environment}. */
  static String forEnvironment(String value, String environment) {
    return value.replace("<env>", environment);
  }
}

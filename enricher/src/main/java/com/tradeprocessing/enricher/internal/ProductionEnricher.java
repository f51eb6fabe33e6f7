package com.tradeprocessing.enricher.internal;

import com.tradeprocessing.enricher.TradeEnricher;
import com.tradeprocessing.enricher.market.MarketSessionSchedule;
import com.tradeprocessing.enricher.market.SettlementCalendar;
import com.tradeprocessing.enricher.referencedata.CachingReferenceData;
import com.tradeprocessing.enricher.referencedata.HttpReferenceDataClient;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Builds the production {@link TradeEnricher} once per container from the function's
 * environment. Nothing here calls AWS or the reference-data API: the endpoint is read from SSM on
 * the first trade.
 */
public final class ProductionEnricher {

  /** Names the SSM parameter that holds the reference-data API's base URL. */
  public static final String ENDPOINT_PARAMETER_VARIABLE = "REFERENCE_DATA_ENDPOINT_PARAMETER";

  static final String REGION_VARIABLE = "AWS_REGION";

  /**
   * Bound on the one SSM read, retries included, so that a slow SSM fails the invocation as
   * retryable well within the function timeout instead of hanging it.
   */
  static final Duration SSM_CALL_TIMEOUT = Duration.ofSeconds(6);

  private ProductionEnricher() {}

  /**
   * @throws IllegalStateException when a required environment variable is missing, so a
   *     misconfigured function fails at its first start, loudly
   */
  public static TradeEnricher fromEnvironment(Map<String, String> environment) {
    String parameterName = required(environment, ENDPOINT_PARAMETER_VARIABLE);
    Region region = Region.of(required(environment, REGION_VARIABLE));
    // Lambda puts the execution role's credentials in the environment; no provider chain walk.
    SsmClient ssm = SsmClient.builder()
        .region(region)
        .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(HttpReferenceDataClient.DEFAULT_CONNECT_TIMEOUT)
            .socketTimeout(HttpReferenceDataClient.DEFAULT_REQUEST_TIMEOUT)
            .build())
        .overrideConfiguration(o -> o.apiCallTimeout(SSM_CALL_TIMEOUT))
        .build();
    HttpClient http =
        HttpReferenceDataClient.newHttpClient(HttpReferenceDataClient.DEFAULT_CONNECT_TIMEOUT);
    HttpReferenceDataClient api = new HttpReferenceDataClient(
        http,
        new SsmReferenceDataEndpoint(ssm, parameterName),
        HttpReferenceDataClient.DEFAULT_REQUEST_TIMEOUT);
    return new TradeEnricher(
        new CachingReferenceData(api, Clock.systemUTC()),
        MarketSessionSchedule.DEFAULT,
        SettlementCalendar.T_PLUS_ONE);
  }

  private static String required(Map<String, String> environment, String name) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " must be set");
    }
    return value;
  }
}

package com.tradeprocessing.enricher.config;

import com.tradeprocessing.enricher.TradeEnricher;
import com.tradeprocessing.enricher.market.MarketSessionSchedule;
import com.tradeprocessing.enricher.market.SettlementCalendar;
import com.tradeprocessing.enricher.referencedata.CachingReferenceData;
import com.tradeprocessing.enricher.referencedata.HttpReferenceDataClient;
import com.tradeprocessing.function.FunctionEnvironment;
import com.tradeprocessing.function.aws.SdkClients;
import java.net.http.HttpClient;
import java.time.Clock;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The enricher's production objects, built once per container by the handler's no-arg constructor
 * (ADR 0025). Building calls nothing: the endpoint is read from SSM, and the reference-data API
 * called, for the first trade.
 *
 * @param ssm the client the endpoint parameter is read with
 * @param enricher the stage's domain object
 */
public record EnricherWiring(SsmClient ssm, TradeEnricher enricher) {

  /** Names the SSM parameter that holds the reference-data API's base URL. */
  public static final String ENDPOINT_PARAMETER_VARIABLE = "REFERENCE_DATA_ENDPOINT_PARAMETER";

  /**
   * @throws IllegalStateException naming a required variable ({@code
   *     REFERENCE_DATA_ENDPOINT_PARAMETER}, {@code AWS_REGION}) that is not set
   */
  public static EnricherWiring fromEnvironment(FunctionEnvironment environment) {
    String parameterName = environment.required(ENDPOINT_PARAMETER_VARIABLE);
    return SdkClients.wire(environment, (clients, clock) -> of(parameterName, clients, clock));
  }

  /**
   * The wiring of the endpoint held by the SSM parameter {@code parameterName}, the SDK client
   * settings and clock.
   */
  public static EnricherWiring of(String parameterName, SdkClients clients, Clock clock) {
    SsmClient ssm = clients.build(SsmClient.builder());
    HttpClient http =
        HttpReferenceDataClient.newHttpClient(HttpReferenceDataClient.DEFAULT_CONNECT_TIMEOUT);
    HttpReferenceDataClient api =
        new HttpReferenceDataClient(
            http,
            new CachingReferenceDataEndpoint(
                new SsmReferenceDataEndpoint(ssm, parameterName), clock),
            HttpReferenceDataClient.DEFAULT_REQUEST_TIMEOUT);
    TradeEnricher enricher =
        new TradeEnricher(
            new CachingReferenceData(api, clock),
            MarketSessionSchedule.DEFAULT,
            SettlementCalendar.T_PLUS_ONE);
    return new EnricherWiring(ssm, enricher);
  }
}

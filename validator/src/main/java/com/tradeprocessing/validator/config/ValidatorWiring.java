package com.tradeprocessing.validator.config;

import com.tradeprocessing.function.FunctionEnvironment;
import com.tradeprocessing.function.aws.SdkClients;
import com.tradeprocessing.validator.TradeValidator;
import com.tradeprocessing.validator.thresholds.CachingThresholdsSource;
import com.tradeprocessing.validator.thresholds.SsmThresholdsSource;
import java.time.Clock;
import java.util.Objects;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The validator's production objects, built once per container by the handler's no-arg constructor
 * (ADR 0025). Building calls nothing: the thresholds are read on the first trade.
 *
 * @param ssm the Parameter Store client the thresholds are read with
 * @param validator the stage's domain object
 */
public record ValidatorWiring(SsmClient ssm, TradeValidator validator) {

  /** Environment variable holding the SSM path of the thresholds. */
  public static final String THRESHOLDS_PATH = "THRESHOLDS_PATH";

  /**
   * @throws IllegalStateException naming a required variable ({@code THRESHOLDS_PATH}, {@code
   *     AWS_REGION}) that is not set
   */
  public static ValidatorWiring fromEnvironment(FunctionEnvironment environment) {
    String thresholdsPath = environment.required(THRESHOLDS_PATH);
    return SdkClients.wire(environment, (clients, clock) -> of(thresholdsPath, clients, clock));
  }

  /**
   * The wiring of the thresholds under {@code thresholdsPath}, the SDK client settings and clock.
   */
  public static ValidatorWiring of(String thresholdsPath, SdkClients clients, Clock clock) {
    SsmClient ssm = clients.build(SsmClient.builder());
    return new ValidatorWiring(ssm, validator(ssm, thresholdsPath, clock));
  }

  /** The validator reading its thresholds under {@code thresholdsPath} through {@code ssm}. */
  public static TradeValidator validator(SsmClient ssm, String thresholdsPath, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return new TradeValidator(
        new CachingThresholdsSource(new SsmThresholdsSource(ssm, thresholdsPath), clock), clock);
  }
}

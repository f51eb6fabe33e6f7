package com.tradeprocessing.validator.thresholds;

import com.tradeprocessing.model.Mic;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * Reads the thresholds from SSM Parameter Store: the {@code String} parameters directly under one
 * path (for example {@code /trade-processing/dev/thresholds/}), one GetParametersByPath listing per
 * call. A parameter that is absent takes its default from {@link ValidationThresholds#DEFAULTS};
 * one that is present but unreadable is an {@link InvalidThresholdException} naming it. Other
 * parameters under the path (such as the recorder's {@code price-band-percent}) are ignored.
 * Caching is the job of {@link CachingThresholdsSource}.
 */
public final class SsmThresholdsSource implements ThresholdsSource {

  public static final String MAX_QUANTITY = "max-quantity";
  public static final String MAX_NOTIONAL = "max-notional";
  public static final String CLOCK_SKEW_TOLERANCE = "clock-skew-tolerance";
  public static final String MAX_TRADE_AGE = "max-trade-age";
  public static final String KNOWN_VENUES = "known-venues";

  private final SsmClient ssm;

  /** The path with exactly one trailing slash: parameter names are this plus a leaf name. */
  private final String path;

  public SsmThresholdsSource(SsmClient ssm, String path) {
    this.ssm = Objects.requireNonNull(ssm, "ssm");
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/") || path.replace("/", "").isBlank()) {
      throw new IllegalArgumentException(
          "thresholds path must be an SSM hierarchy like /a/b/: " + path);
    }
    this.path = path.replaceAll("/+$", "") + "/";
  }

  /** The path the parameters are read from, with a trailing slash. */
  public String path() {
    return path;
  }

  @Override
  public ValidationThresholds current() {
    Map<String, String> values = readParameters();
    ValidationThresholds thresholds = ValidationThresholds.DEFAULTS;
    thresholds =
        apply(thresholds, values, MAX_QUANTITY, (t, v) -> t.withMaxQuantity(new BigDecimal(v)));
    thresholds =
        apply(thresholds, values, MAX_NOTIONAL, (t, v) -> t.withMaxNotional(new BigDecimal(v)));
    thresholds =
        apply(
            thresholds,
            values,
            CLOCK_SKEW_TOLERANCE,
            (t, v) -> t.withClockSkewTolerance(Duration.parse(v)));
    thresholds =
        apply(thresholds, values, MAX_TRADE_AGE, (t, v) -> t.withMaxTradeAge(Duration.parse(v)));
    thresholds = apply(thresholds, values, KNOWN_VENUES, (t, v) -> t.withKnownVenues(venues(v)));
    return thresholds;
  }

  private Map<String, String> readParameters() {
    // SSM hierarchies are named without the trailing slash.
    GetParametersByPathRequest request =
        GetParametersByPathRequest.builder()
            .path(path.substring(0, path.length() - 1))
            .recursive(false)
            .build();
    Map<String, String> values = new HashMap<>();
    try {
      for (GetParametersByPathResponse page : ssm.getParametersByPathPaginator(request)) {
        for (Parameter parameter : page.parameters()) {
          if (parameter.name().startsWith(path)) {
            values.put(parameter.name().substring(path.length()), parameter.value());
          }
        }
      }
    } catch (SdkException e) {
      throw new ThresholdsUnavailableException(
          "cannot read the validation thresholds under SSM path " + path + ": " + e.getMessage(),
          e);
    }
    return values;
  }

  private ValidationThresholds apply(
      ValidationThresholds thresholds,
      Map<String, String> values,
      String name,
      BiFunction<ValidationThresholds, String, ValidationThresholds> setter) {
    String value = values.get(name);
    if (value == null) {
      return thresholds;
    }
    try {
      return setter.apply(thresholds, value.strip());
    } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
      throw new InvalidThresholdException(
          "SSM parameter "
              + path
              + name
              + " has the unusable value '"
              + value
              + "': "
              + e.getMessage(),
          e);
    }
  }

  /** A comma-separated list of MICs; every entry must be one (a stray comma is an error). */
  private static Set<Mic> venues(String list) {
    Set<Mic> venues = new LinkedHashSet<>();
    for (String entry : list.split(",", -1)) {
      venues.add(Mic.parse(entry.strip()));
    }
    return venues;
  }
}

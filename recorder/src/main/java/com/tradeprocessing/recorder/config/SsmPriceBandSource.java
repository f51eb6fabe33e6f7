package com.tradeprocessing.recorder.config;

import com.tradeprocessing.recorder.ThresholdsUnavailableException;
import com.tradeprocessing.recorder.decision.PriceBand;
import com.tradeprocessing.recorder.decision.PriceBandSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * The price band from the SSM parameter {@code price-band-percent} under the thresholds path,
 * cached per container for a time to live, so a changed threshold applies within that time without
 * a deployment and SSM is not called per trade.
 *
 * <ul>
 *   <li>Parameter absent: the documented default, 10%, with a warning (the templates create the
 *       parameter; its absence is drift, not a reason to stop recording).
 *   <li>Value not a positive decimal: {@link IllegalStateException}; a wrong threshold must not
 *       silently decide trades.
 *   <li>SSM unreachable or throttling: the last value read stays in use for another time to live;
 *       without one, {@link ThresholdsUnavailableException}.
 * </ul>
 */
public final class SsmPriceBandSource implements PriceBandSource {

  public static final String PARAMETER = "price-band-percent";
  public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(SsmPriceBandSource.class);

  private final SsmClient ssm;
  private final String parameterName;
  private final Duration timeToLive;
  private final Clock clock;

  // Guarded by this.
  private PriceBand cached;
  private Instant expiresAt;

  /**
   * @param thresholdsPath the value of {@code THRESHOLDS_PATH}, e.g. {@code
   *     /trade-processing/dev/thresholds/}
   */
  public SsmPriceBandSource(
      SsmClient ssm, String thresholdsPath, Duration timeToLive, Clock clock) {
    this.ssm = Objects.requireNonNull(ssm, "ssm");
    this.parameterName = parameterName(Objects.requireNonNull(thresholdsPath, "thresholdsPath"));
    this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The full parameter name, whether or not the path ends with a slash. */
  public static String parameterName(String thresholdsPath) {
    return thresholdsPath.endsWith("/")
        ? thresholdsPath + PARAMETER
        : thresholdsPath + "/" + PARAMETER;
  }

  @Override
  public synchronized PriceBand current() {
    Instant now = clock.instant();
    if (cached != null && now.isBefore(expiresAt)) {
      return cached;
    }
    try {
      cached = read();
    } catch (ParameterNotFoundException e) {
      LOG.warn(
          "SSM parameter {} does not exist; using the default price band {}",
          parameterName,
          PriceBand.DEFAULT);
      cached = PriceBand.DEFAULT;
    } catch (SdkException e) {
      if (cached == null) {
        throw new ThresholdsUnavailableException(
            "cannot read SSM parameter " + parameterName + " and no earlier value is cached", e);
      }
      LOG.warn(
          "Cannot read SSM parameter {}; keeping the price band {} read earlier",
          parameterName,
          cached,
          e);
    }
    expiresAt = now.plus(timeToLive);
    return cached;
  }

  private PriceBand read() {
    String value = ssm.getParameter(request -> request.name(parameterName)).parameter().value();
    try {
      return PriceBand.ofPercent(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "SSM parameter "
              + parameterName
              + " must be a positive decimal percentage: '"
              + value
              + "'",
          e);
    }
  }
}

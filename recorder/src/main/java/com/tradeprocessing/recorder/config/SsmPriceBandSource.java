package com.tradeprocessing.recorder.config;

import com.tradeprocessing.recorder.PriceBandUnavailableException;
import com.tradeprocessing.recorder.decision.PriceBand;
import com.tradeprocessing.recorder.decision.PriceBandSource;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Reads the price band from the SSM parameter {@code price-band-percent} under the thresholds path,
 * one GetParameter per call; {@link CachingPriceBandSource} keeps it.
 *
 * <ul>
 *   <li>Parameter absent: the documented default, 10%, with a warning (the templates create the
 *       parameter; its absence is drift, not a reason to stop recording).
 *   <li>Value not a positive decimal: {@link IllegalStateException}; a wrong threshold must not
 *       silently decide trades.
 *   <li>SSM unreachable, throttling or refusing: {@link PriceBandUnavailableException}, the
 *       retryable error.
 * </ul>
 */
public final class SsmPriceBandSource implements PriceBandSource {

  public static final String PARAMETER = "price-band-percent";

  private static final Logger LOG = LoggerFactory.getLogger(SsmPriceBandSource.class);

  private final SsmClient ssm;
  private final String parameterName;

  /**
   * @param thresholdsPath the value of {@code THRESHOLDS_PATH}, e.g. {@code
   *     /trade-processing/dev/thresholds/}
   */
  public SsmPriceBandSource(SsmClient ssm, String thresholdsPath) {
    this.ssm = Objects.requireNonNull(ssm, "ssm");
    this.parameterName = parameterName(Objects.requireNonNull(thresholdsPath, "thresholdsPath"));
  }

  /** The full parameter name, whether or not the path ends with a slash. */
  public static String parameterName(String thresholdsPath) {
    return thresholdsPath.endsWith("/")
        ? thresholdsPath + PARAMETER
        : thresholdsPath + "/" + PARAMETER;
  }

  @Override
  public PriceBand current() {
    String value;
    try {
      value = ssm.getParameter(request -> request.name(parameterName)).parameter().value();
    } catch (ParameterNotFoundException e) {
      LOG.warn(
          "SSM parameter {} does not exist; using the default price band {}",
          parameterName,
          PriceBand.DEFAULT);
      return PriceBand.DEFAULT;
    } catch (SdkException e) {
      throw new PriceBandUnavailableException(
          "cannot read SSM parameter " + parameterName + ": " + e.getMessage(), e);
    }
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

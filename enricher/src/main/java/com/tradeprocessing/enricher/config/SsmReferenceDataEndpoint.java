package com.tradeprocessing.enricher.config;

import com.tradeprocessing.enricher.ReferenceDataEndpointException;
import com.tradeprocessing.enricher.ReferenceDataUnavailableException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Reads the reference-data API's base URL from an SSM String parameter, one GetParameter per call;
 * {@link CachingReferenceDataEndpoint} keeps it. Reading on use, not in the constructor, turns an
 * SSM outage into a retryable invocation error instead of a failed container start.
 */
public final class SsmReferenceDataEndpoint implements Supplier<URI> {

  private final SsmClient ssm;
  private final String parameterName;

  public SsmReferenceDataEndpoint(SsmClient ssm, String parameterName) {
    this.ssm = Objects.requireNonNull(ssm, "ssm");
    if (parameterName == null || parameterName.isBlank()) {
      throw new IllegalArgumentException("parameterName must not be blank");
    }
    this.parameterName = parameterName;
  }

  /**
   * The base URL, read now.
   *
   * @throws ReferenceDataUnavailableException when SSM throttles, fails or cannot be reached
   * @throws ReferenceDataEndpointException when the parameter is missing, not readable by this
   *     function, or not an absolute http(s) URL
   */
  @Override
  public URI get() {
    return parse(read());
  }

  private String read() {
    try {
      return ssm.getParameter(request -> request.name(parameterName)).parameter().value();
    } catch (ParameterNotFoundException e) {
      throw new ReferenceDataEndpointException(
          "SSM parameter " + parameterName + " does not exist", e);
    } catch (SdkServiceException e) {
      if (e.isThrottlingException() || e.statusCode() >= 500) {
        throw new ReferenceDataUnavailableException(
            "SSM could not give parameter " + parameterName + " for now: " + e.getMessage(), e);
      }
      throw new ReferenceDataEndpointException(
          "SSM refused parameter " + parameterName + ": " + e.getMessage(), e);
    } catch (SdkClientException e) {
      throw new ReferenceDataUnavailableException(
          "SSM could not be reached for parameter " + parameterName + ": " + e.getMessage(), e);
    }
  }

  private URI parse(String value) {
    URI uri;
    try {
      uri = new URI(value.strip());
    } catch (URISyntaxException e) {
      throw new ReferenceDataEndpointException(
          "SSM parameter " + parameterName + " is not a URL: '" + value + "'", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new ReferenceDataEndpointException(
          "SSM parameter "
              + parameterName
              + " must be an absolute http(s) URL without query or fragment: '"
              + value
              + "'");
    }
    return uri;
  }
}

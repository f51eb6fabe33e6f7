package com.tradeprocessing.globaltable.cloudformation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The resource's JSON mapper, thread-safe. The function reads the request as a tree and writes only
 * trees and small maps, so none of the trade platform's settings apply. One invariant: a
 * re-invocation carries the request exactly as CloudFormation sent it, and CloudFormation passes
 * the template's resource properties on verbatim
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html), so a
 * decimal is read as a {@code BigDecimal} with its trailing zeros and written back unchanged.
 */
public final class ResourceJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private ResourceJson() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }
}

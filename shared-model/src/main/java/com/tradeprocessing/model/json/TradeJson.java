package com.tradeprocessing.model.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration of the platform. Modules are registered explicitly (no classpath
 * scanning on a Lambda init path); decimals are read as {@code BigDecimal} and written plain, so a
 * price never passes through a binary float; instants are ISO-8601 strings.
 */
public final class TradeJson {

  private static final JsonMapper MAPPER = newMapper();

  private TradeJson() {}

  /** The shared, thread-safe mapper. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  private static JsonMapper newMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        // A payload is stored verbatim: 1.50 must stay 1.50 in a JSON tree.
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
  }
}

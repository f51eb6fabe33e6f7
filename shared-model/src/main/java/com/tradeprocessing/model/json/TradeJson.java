package com.tradeprocessing.model.json;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The one Jackson configuration of the platform. Modules are registered explicitly (no classpath
 * scanning on a Lambda init path); decimals are read as {@code BigDecimal}, so a price never passes
 * through a binary float; instants are ISO-8601 strings.
 *
 * <p>Every JSON tree this mapper reads, it can write back. Jackson refuses to write a decimal in
 * plain notation beyond a scale of ±{@value #MAX_PLAIN_SCALE} (its {@code
 * WRITE_BIGDECIMAL_AS_PLAIN} feature throws), and a payload is free to hold {@code 1e999999999}; so
 * that feature stays off, and a number of a tree is written as {@link BigDecimal#toString()} writes
 * it, which reads back to the same value and scale. A {@code BigDecimal} property of our own types
 * (amounts, percentages) is written in plain notation, as a number or, under
 * {@code @JsonFormat(shape = STRING)}, as a string; only beyond the same scale does it fall back to
 * {@code toString()} notation.
 *
 * <p>Every event EventBridge can deliver must be readable, or a stage would fail on it instead of
 * judging it and the trade would never be recorded. Jackson's default read constraints are lower
 * than what PutEvents accepts (1,000 levels of nesting against PutEvents' 1,100, numbers and field
 * names of at most 1,000 and 50,000 characters within an entry of up to 256 KB), so they are raised
 * to {@value #MAX_NESTING_DEPTH} levels, which leaves room for the stage inputs wrapping the event,
 * and to {@value #MAX_TOKEN_LENGTH} characters, the whole entry. The PutEvents limits are in
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html.
 */
public final class TradeJson {

  /** The largest scale, either sign, that Jackson writes in plain notation. */
  static final int MAX_PLAIN_SCALE = 9999;

  /** Deepest nesting read and written: PutEvents' 1,100 levels and the stages' wrapping. */
  public static final int MAX_NESTING_DEPTH = 1200;

  /** Longest number or field name read: a PutEvents entry's 262,144 bytes. */
  public static final int MAX_TOKEN_LENGTH = 262_144;

  private static final JsonMapper MAPPER = newMapper();

  private TradeJson() {}

  /** The shared, thread-safe mapper. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  private static JsonMapper newMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_TOKEN_LENGTH)
                    .maxNameLength(MAX_TOKEN_LENGTH)
                    .build())
            .streamWriteConstraints(
                StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            // A character outside the Basic Multilingual Plane is written as its four UTF-8 bytes,
            // as in a String, not as a 12-byte pair of escapes: sizes do not depend on the output.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    return JsonMapper.builder(factory)
        .addModule(new JavaTimeModule())
        .addModule(
            new SimpleModule("plain-decimals")
                .addSerializer(BigDecimal.class, new PlainDecimalSerializer(false)))
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        // A payload is stored verbatim: 1.50 must stay 1.50 in a JSON tree.
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
  }

  /** Plain notation where Jackson allows it; {@code toString()} notation beyond. */
  static String plain(BigDecimal value) {
    return Math.abs((long) value.scale()) <= MAX_PLAIN_SCALE
        ? value.toPlainString()
        : value.toString();
  }

  /** Writes a {@code BigDecimal} property in plain notation, as its {@code @JsonFormat} shape. */
  private static final class PlainDecimalSerializer extends StdScalarSerializer<BigDecimal>
      implements ContextualSerializer {

    private final boolean asString;

    PlainDecimalSerializer(boolean asString) {
      super(BigDecimal.class);
      this.asString = asString;
    }

    @Override
    public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property) {
      JsonFormat.Value format = findFormatOverrides(provider, property, handledType());
      boolean string = format.getShape() == JsonFormat.Shape.STRING;
      return string == asString ? this : new PlainDecimalSerializer(string);
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      if (asString) {
        generator.writeString(plain(value));
      } else {
        generator.writeNumber(plain(value));
      }
    }
  }
}

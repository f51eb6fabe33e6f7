package com.tradeprocessing.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The platform's identifier of a trade, immutable.
 *
 * <p>Derived only from (source system, source trade id), so a replayed or re-published event maps
 * to the same id and so to the same compliance record.
 */
public record TradeId(@JsonValue String value) {

  private static final String PREFIX = "TRD-";
  private static final Pattern FORMAT = Pattern.compile("TRD-[0-9a-f]{32}");
  private static final HexFormat HEX = HexFormat.of();

  public TradeId {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("not a trade id: " + value);
    }
  }

  /** The trade id of a source system's trade: {@code TRD-} and 128 bits of SHA-256 in hex. */
  public static TradeId of(SourceSystem source, String sourceTradeId) {
    Objects.requireNonNull(source, "source");
    if (sourceTradeId == null || sourceTradeId.isBlank()) {
      throw new IllegalArgumentException("source trade id must not be blank");
    }
    // The NUL separator keeps ("a", "b|c") and ("a|b", "c") apart.
    byte[] digest = sha256(source.eventSource() + '\u0000' + sourceTradeId);
    return new TradeId(PREFIX + HEX.formatHex(digest, 0, 16));
  }

  @JsonCreator
  public static TradeId parse(String value) {
    return new TradeId(value);
  }

  @Override
  public String toString() {
    return value;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE provides SHA-256", e);
    }
  }
}

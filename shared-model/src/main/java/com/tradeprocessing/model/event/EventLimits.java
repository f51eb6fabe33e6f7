package com.tradeprocessing.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.model.json.TradeJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The largest event the platform judges as a trade. A {@code detail} above {@value
 * #MAX_DETAIL_BYTES} bytes is rejected as {@code EVENT_TOO_LARGE} by the validator, whose output
 * then leaves the payload out, so that the event, the stage outputs, a dead-letter message and the
 * compliance record all stay within the AWS limits whatever a publisher sends
 * (docs/reason-codes.md, ADR 0024 for the arithmetic).
 */
public final class EventLimits {

  /**
   * Largest {@code detail}, in bytes of its compact JSON in UTF-8: the form the recorder stores as
   * {@code rawPayload}. A real trade of any of the three sources is under 1 KiB.
   */
  public static final int MAX_DETAIL_BYTES = 32 * 1024;

  private EventLimits() {}

  /** The size of {@code detail} as the limit measures it. */
  public static long detailBytes(JsonNode detail) {
    CountingStream counter = new CountingStream();
    try {
      TradeJson.mapper().writeValue(counter, detail);
    } catch (IOException e) {
      throw new UncheckedIOException("a JSON tree always serializes", e);
    }
    return counter.count;
  }

  /** Whether {@code detail} is above the limit. */
  public static boolean isTooLarge(JsonNode detail) {
    return detailBytes(detail) > MAX_DETAIL_BYTES;
  }

  private static final class CountingStream extends OutputStream {
    private long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}

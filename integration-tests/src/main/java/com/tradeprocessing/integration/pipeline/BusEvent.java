package com.tradeprocessing.integration.pipeline;

import java.util.Objects;

/** One entry of a PutEvents call: source, detail-type and the detail as JSON text. */
public record BusEvent(String source, String detailType, String detail) {

  public BusEvent {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(detailType, "detailType");
    Objects.requireNonNull(detail, "detail");
  }
}

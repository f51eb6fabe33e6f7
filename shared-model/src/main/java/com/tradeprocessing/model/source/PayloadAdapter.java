package com.tradeprocessing.model.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.model.SourceSystem;
import java.util.Objects;

/**
 * A source adapter that reads a JSON object field by field: anything else is one {@code
 * MALFORMED_PAYLOAD} problem, and every field problem of an object is recorded by its {@link
 * PayloadReader}.
 */
abstract class PayloadAdapter implements SourceAdapter {

  private final SourceSystem sourceSystem;
  private final String payloadName;

  /**
   * @param payloadName what the source's payload is called in the malformed problem, e.g. {@code
   *     "an OMS trade"}
   */
  PayloadAdapter(SourceSystem sourceSystem, String payloadName) {
    this.sourceSystem = Objects.requireNonNull(sourceSystem, "sourceSystem");
    this.payloadName = Objects.requireNonNull(payloadName, "payloadName");
  }

  @Override
  public final SourceSystem sourceSystem() {
    return sourceSystem;
  }

  @Override
  public final Adaptation adapt(JsonNode detail) {
    if (detail == null || !detail.isObject()) {
      return Adaptation.malformed(
          sourceSystem,
          payloadName
              + " must be a JSON object, was "
              + (detail == null ? "absent" : PayloadReader.describe(detail)));
    }
    PayloadReader in = new PayloadReader(detail);
    return in.result(read(in));
  }

  /** Reads every field of the payload, in the order its problems are reported. */
  abstract TradeCandidate read(PayloadReader in);
}

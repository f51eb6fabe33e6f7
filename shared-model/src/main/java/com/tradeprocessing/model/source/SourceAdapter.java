package com.tradeprocessing.model.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.model.SourceSystem;

/** Maps one source system's payload (the EventBridge {@code detail}) to the canonical trade. */
public interface SourceAdapter {

  SourceSystem sourceSystem();

  /**
   * Reads {@code detail}. Never throws for any input, {@code null} included: every problem becomes
   * a {@link com.tradeprocessing.model.ValidationProblem} of the result.
   */
  Adaptation adapt(JsonNode detail);
}

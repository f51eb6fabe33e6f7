package com.tradeprocessing.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * The three source systems that publish trades, with the EventBridge {@code source} and {@code
 * detail-type} each one uses. These strings are a contract with the publishers.
 */
public enum SourceSystem {
  /** Order management system. */
  OMS("trading.oms", "Trade Executed"),
  /** FIX drop copy of ExecutionReports. */
  FIX_GATEWAY("trading.fix-gateway", "Execution Report"),
  /** Prime broker confirmations. */
  PRIME_BROKER("trading.prime-broker", "Trade Confirmation");

  private final String eventSource;
  private final String detailType;

  SourceSystem(String eventSource, String detailType) {
    this.eventSource = eventSource;
    this.detailType = detailType;
  }

  /** The EventBridge {@code source} of this system's events; also its JSON form. */
  @JsonValue
  public String eventSource() {
    return eventSource;
  }

  /** The EventBridge {@code detail-type} of this system's trade events. */
  public String detailType() {
    return detailType;
  }

  /** Finds the system publishing with the given EventBridge {@code source}. */
  public static Optional<SourceSystem> fromEventSource(String eventSource) {
    for (SourceSystem system : values()) {
      if (system.eventSource.equals(eventSource)) {
        return Optional.of(system);
      }
    }
    return Optional.empty();
  }

  @JsonCreator
  static SourceSystem fromJson(String eventSource) {
    return fromEventSource(eventSource)
        .orElseThrow(() -> new IllegalArgumentException("unknown source system: " + eventSource));
  }
}

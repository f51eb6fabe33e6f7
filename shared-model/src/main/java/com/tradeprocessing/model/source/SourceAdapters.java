package com.tradeprocessing.model.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.model.SourceSystem;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The adapter of each source system, and the one entry point that maps an EventBridge {@code
 * source} and {@code detail} to an {@link Adaptation}. The adapters are stateless and shared.
 */
public final class SourceAdapters {

  private static final Map<SourceSystem, SourceAdapter> ADAPTERS = adapters();

  private SourceAdapters() {}

  /** The adapter of {@code system}; there is one for every source system. */
  public static SourceAdapter forSource(SourceSystem system) {
    return ADAPTERS.get(Objects.requireNonNull(system, "system"));
  }

  /**
   * Maps the {@code detail} of an event with EventBridge {@code source} {@code eventSource}. Never
   * throws: an unknown or {@code null} source, or a detail that is not a JSON object, is one {@code
   * MALFORMED_PAYLOAD} problem; the source system is kept on the candidate when known.
   */
  public static Adaptation adapt(String eventSource, JsonNode detail) {
    if (eventSource == null) {
      return Adaptation.malformed("the event has no source");
    }
    Optional<SourceSystem> system = SourceSystem.fromEventSource(eventSource);
    if (system.isEmpty()) {
      return Adaptation.malformed(
          "unknown event source "
              + PayloadReader.quote(eventSource)
              + "; expected one of "
              + String.join(
                  ", ", ADAPTERS.keySet().stream().map(SourceSystem::eventSource).toList()));
    }
    return forSource(system.get()).adapt(detail);
  }

  private static Map<SourceSystem, SourceAdapter> adapters() {
    Map<SourceSystem, SourceAdapter> adapters = new EnumMap<>(SourceSystem.class);
    for (SourceAdapter adapter :
        new SourceAdapter[] {
          new OmsTradeAdapter(),
          new FixExecutionReportAdapter(),
          new PrimeBrokerConfirmationAdapter()
        }) {
      adapters.put(adapter.sourceSystem(), adapter);
    }
    if (adapters.size() != SourceSystem.values().length) {
      throw new IllegalStateException("every source system needs an adapter: " + adapters.keySet());
    }
    return Collections.unmodifiableMap(adapters);
  }
}

package com.tradeprocessing.validator.rules;

import com.tradeprocessing.model.SourceSystem;
import java.util.Objects;

/**
 * What one source system calls the fields the threshold rules read, immutable. A problem names the
 * field in the publisher's own terms, as the adapters in shared-model do (FIX tags by name).
 */
public record SourceFieldNames(String quantity, String price, String venue, String executedAt) {

  /** Names of the canonical trade, for a payload whose source is unknown. */
  public static final SourceFieldNames CANONICAL =
      new SourceFieldNames("quantity", "price", "venue", "executedAt");

  public SourceFieldNames {
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(venue, "venue");
    Objects.requireNonNull(executedAt, "executedAt");
  }

  /** The names {@code source} uses; {@link #CANONICAL} for {@code null}. */
  public static SourceFieldNames of(SourceSystem source) {
    if (source == null) {
      return CANONICAL;
    }
    return switch (source) {
      case OMS -> new SourceFieldNames("quantity", "price", "venue", "executedAt");
      case FIX_GATEWAY -> new SourceFieldNames("LastQty", "LastPx", "LastMkt", "TransactTime");
      case PRIME_BROKER -> new SourceFieldNames("qty", "px", "exchange", "tradeTime");
    };
  }
}

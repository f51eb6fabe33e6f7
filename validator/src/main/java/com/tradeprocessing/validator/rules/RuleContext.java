package com.tradeprocessing.validator.rules;

import com.tradeprocessing.validator.thresholds.ValidationThresholds;
import java.time.Instant;
import java.util.Objects;

/**
 * What a rule checks against, immutable: the thresholds in force, the validator's clock reading and
 * the source's names for the fields, so a problem names the field the publisher sent.
 */
public record RuleContext(ValidationThresholds thresholds, Instant now, SourceFieldNames fields) {

  public RuleContext {
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(fields, "fields");
  }
}

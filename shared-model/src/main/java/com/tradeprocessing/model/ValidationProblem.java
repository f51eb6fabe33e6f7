package com.tradeprocessing.model;

import java.util.Objects;

/**
 * One reason a trade cannot be accepted, immutable: the stable code, the source field that caused
 * it (in the source system's own naming, empty when it concerns the whole payload) and a message
 * for people.
 */
public record ValidationProblem(ReasonCode code, String field, String message) {

  public ValidationProblem {
    Objects.requireNonNull(code, "code");
    field = field == null ? "" : field;
    Objects.requireNonNull(message, "message");
  }

  public static ValidationProblem of(ReasonCode code, String field, String message) {
    return new ValidationProblem(code, field, message);
  }
}

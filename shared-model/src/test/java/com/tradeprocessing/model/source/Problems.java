package com.tradeprocessing.model.source;

import com.tradeprocessing.model.ValidationProblem;
import java.util.List;

/** Short forms of an adaptation's problems for assertions: {@code "INVALID_PRICE@price"}. */
final class Problems {

  private Problems() {}

  static List<String> of(Adaptation adaptation) {
    return adaptation.problems().stream().map(Problems::of).toList();
  }

  static String of(ValidationProblem problem) {
    return problem.code() + "@" + problem.field();
  }
}

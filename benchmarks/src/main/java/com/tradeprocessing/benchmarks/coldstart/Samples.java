package com.tradeprocessing.benchmarks.coldstart;

import java.util.Arrays;
import java.util.List;

/** Durations in milliseconds and the statistics the report shows. */
record Samples(double[] millis) {

  static Samples of(List<Double> values) {
    return new Samples(values.stream().mapToDouble(Double::doubleValue).sorted().toArray());
  }

  int count() {
    return millis.length;
  }

  double min() {
    return millis[0];
  }

  double max() {
    return millis[millis.length - 1];
  }

  double median() {
    return percentile(50);
  }

  /**
   * The nearest-rank percentile: the smallest value with at least {@code p}% of values at or below
   * it.
   */
  double percentile(double p) {
    int rank = (int) Math.ceil(p / 100.0 * millis.length);
    return millis[Math.max(0, Math.min(millis.length - 1, rank - 1))];
  }

  @Override
  public String toString() {
    return Arrays.toString(millis);
  }
}

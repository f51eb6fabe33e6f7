package com.tradeprocessing.benchmarks.domain;

/**
 * The run lengths every benchmark of this package shares: short, because these paths take
 * microseconds and {@code make bench} runs on a shared machine; one fork so that each benchmark
 * gets a JVM of its own.
 */
final class Settings {

  static final int WARMUP_ITERATIONS = 3;
  static final int MEASUREMENT_ITERATIONS = 5;
  static final int SECONDS_PER_ITERATION = 1;

  private Settings() {}
}

package com.tradeprocessing.benchmarks.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.model.fixtures.EventFixtures;
import com.tradeprocessing.model.source.Adaptation;
import com.tradeprocessing.model.source.SourceAdapters;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One source payload (an EventBridge {@code detail}) mapped to a canonical trade candidate. */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = Settings.WARMUP_ITERATIONS, time = Settings.SECONDS_PER_ITERATION)
@Measurement(iterations = Settings.MEASUREMENT_ITERATIONS, time = Settings.SECONDS_PER_ITERATION)
public class SourceAdapterBenchmark {

  @Param({"oms_valid", "fix-gateway_valid", "prime-broker_valid"})
  public String fixture;

  private String source;
  private JsonNode detail;

  @Setup(Level.Trial)
  public void readFixture() {
    source = EventFixtures.source(fixture);
    detail = EventFixtures.detail(fixture);
    Adaptation adaptation = SourceAdapters.adapt(source, detail);
    if (!adaptation.isValid()) {
      throw new IllegalStateException(fixture + " does not adapt: " + adaptation.problems());
    }
  }

  @Benchmark
  public Adaptation adapt() {
    return SourceAdapters.adapt(source, detail);
  }
}

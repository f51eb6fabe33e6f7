package com.tradeprocessing.benchmarks.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.model.fixtures.EventFixtures;
import com.tradeprocessing.model.source.Adaptation;
import com.tradeprocessing.model.source.SourceAdapters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** One source payload (an EventBridge {@code detail}) mapped to a canonical trade candidate. */
public class SourceAdapterBenchmark extends DomainBenchmark {

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

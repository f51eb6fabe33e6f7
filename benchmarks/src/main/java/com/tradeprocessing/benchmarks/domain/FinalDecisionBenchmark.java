package com.tradeprocessing.benchmarks.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.recorder.decision.FinalDecisionPolicy;
import com.tradeprocessing.recorder.decision.PriceBand;
import com.tradeprocessing.recorder.decision.TradeDecision;
import com.tradeprocessing.recorder.input.RecordRequest;
import java.io.IOException;
import java.io.InputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * The recorder's side of a trade before the write: reading the Record stage input (event,
 * validation, enrichment) and the final decision on it.
 */
public class FinalDecisionBenchmark extends DomainBenchmark {

  private final FinalDecisionPolicy policy = new FinalDecisionPolicy();
  private JsonNode input;
  private RecordRequest request;

  @Setup(Level.Trial)
  public void readRequest() throws IOException {
    try (InputStream in =
        FinalDecisionBenchmark.class.getResourceAsStream("/record-request_oms-accepted.json")) {
      input = TradeJson.mapper().readTree(in);
    }
    request = RecordRequest.fromJson(input);
    TradeDecision decision = decide();
    if (!decision.reasonCodes().isEmpty()) {
      throw new IllegalStateException("the accepted request was rejected: " + decision);
    }
  }

  @Benchmark
  public RecordRequest readInput() {
    return RecordRequest.fromJson(input);
  }

  @Benchmark
  public TradeDecision decide() {
    return policy.decide(request.validation(), request.enrichment(), PriceBand.DEFAULT);
  }
}

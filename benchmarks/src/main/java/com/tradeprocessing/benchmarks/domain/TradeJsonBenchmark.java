package com.tradeprocessing.benchmarks.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.event.StageInput;
import com.tradeprocessing.model.event.TradeEvent;
import com.tradeprocessing.model.fixtures.EventFixtures;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.model.source.SourceAdapters;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * JSON in and out with the one mapper of the functions: a stage input read to a trade event, and a
 * canonical trade written as the stages' outputs carry it.
 */
public class TradeJsonBenchmark extends DomainBenchmark {

  private final JsonMapper mapper = TradeJson.mapper();
  private byte[] stageInput;
  private Trade trade;

  @Setup(Level.Trial)
  public void prepare() {
    String event = EventFixtures.json(EventFixtures.OMS_VALID);
    stageInput =
        ("{\"event\":"
                + event
                + ",\"executionId\":\"arn:aws:states:us-east-1:123456789012:"
                + "execution:sfn-trade-processing-bench:1\"}")
            .getBytes(StandardCharsets.UTF_8);
    trade =
        SourceAdapters.adapt(
                EventFixtures.source(EventFixtures.OMS_VALID),
                EventFixtures.detail(EventFixtures.OMS_VALID))
            .trade()
            .orElseThrow();
  }

  @Benchmark
  public TradeEvent readStageInput() throws java.io.IOException {
    StageInput input =
        StageInput.read(
            new ByteArrayInputStream(stageInput),
            problem -> {
              throw new IllegalStateException(problem);
            });
    return TradeEvent.fromJson(input.event());
  }

  @Benchmark
  public byte[] writeTrade() throws JsonProcessingException {
    return mapper.writeValueAsBytes(trade);
  }
}

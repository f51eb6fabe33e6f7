package com.tradeprocessing.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Only the rules' source and detail-type pairs start an execution. */
@ExtendWith(TestPlatform.class)
class EventRoutingIT {

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource({
    "trading.unknown,       Trade Executed",
    "trading.oms,           Trade Amended",
    "trading.fix-gateway,   Trade Executed",
    "trading.prime-broker,  Execution Report",
  })
  void event_matchingNoRule_shouldStartNoExecution(
      String source, String detailType, Pipeline pipeline) {
    // GIVEN
    ObjectNode unrouted = TradeEvents.valid(TradeEvents.OMS);
    unrouted.put("source", source);
    unrouted.put("detail-type", detailType);
    String unroutedId = pipeline.publish(unrouted);

    // WHEN a routed event published after it has been processed
    pipeline.process(TradeEvents.valid(TradeEvents.OMS));

    // THEN
    assertThat(pipeline.executionOf(unroutedId)).isEmpty();
  }
}

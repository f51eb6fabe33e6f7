package com.tradeprocessing.recorder.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradeprocessing.recorder.ComplianceRecorder;
import com.tradeprocessing.recorder.RecordTradeHandler;
import org.junit.jupiter.api.Test;

class ProductionRecorderTest {

  @Test
  void create_lambdaEnvironment_shouldWireTheHandlerWithoutCallingAws() {
    // GIVEN
    RecorderEnvironment env =
        new RecorderEnvironment(
            "dynamodb-trades-dev",
            "/trade-processing/dev/thresholds/",
            "us-east-1",
            "recorder",
            "TradeProcessing");

    // WHEN building clients only configures them; the first call happens per trade
    ComplianceRecorder recorder = ProductionRecorder.create(env);

    // THEN
    assertThat(new RecordTradeHandler(recorder)).isNotNull();
  }
}

package com.tradeprocessing.enricher.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradeprocessing.enricher.TradeEnricher;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductionEnricherTest {

  @Test
  void fromEnvironment_completeEnvironment_shouldBuildWithoutCallingAnything() {
    // GIVEN the variables Lambda sets; building reads no parameter and calls nothing
    Map<String, String> environment = Map.of(
        "AWS_REGION", "eu-west-1",
        "REFERENCE_DATA_ENDPOINT_PARAMETER", "/trade-processing/test/endpoints/reference-data");

    // WHEN
    TradeEnricher enricher = ProductionEnricher.fromEnvironment(environment);

    // THEN
    assertThat(enricher).isNotNull();
  }

  @Test
  void fromEnvironment_endpointParameterMissing_shouldNameTheVariable() {
    // WHEN / THEN
    assertThatThrownBy(() -> ProductionEnricher.fromEnvironment(Map.of("AWS_REGION", "us-east-1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("REFERENCE_DATA_ENDPOINT_PARAMETER");
  }

  @Test
  void fromEnvironment_regionMissing_shouldNameTheVariable() {
    // WHEN / THEN
    assertThatThrownBy(() -> ProductionEnricher.fromEnvironment(
            Map.of("REFERENCE_DATA_ENDPOINT_PARAMETER", "/trade-processing/test/endpoints/x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AWS_REGION");
  }
}

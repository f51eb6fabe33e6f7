package com.tradeprocessing.globaltable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductionWiringTest {

  @Test
  void fromEnvironment_withoutRegion_shouldFailNamingTheVariable() {
    // WHEN / THEN
    assertThatThrownBy(() -> ProductionWiring.fromEnvironment(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AWS_REGION");
  }

  @Test
  void fromEnvironment_withRegion_shouldBuildClientsWithoutCallingAws() {
    // GIVEN
    Map<String, String> environment = Map.of("AWS_REGION", "us-east-1");

    // WHEN
    ProductionWiring.Dependencies dependencies = ProductionWiring.fromEnvironment(environment);

    // THEN
    assertThat(dependencies.service()).isNotNull();
    assertThat(dependencies.responder()).isInstanceOf(PowertoolsCloudFormationResponder.class);
    assertThat(dependencies.handOn()).isInstanceOf(LambdaSelfInvoker.class);
  }
}

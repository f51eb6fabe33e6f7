package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StateMachineTest {

  private static final TemplateSet TEMPLATES = ProjectTemplates.all();

  @Test
  void stateMachine_substitutedDefinition_shouldInvokeTheStageFunctionsOfThisDeployment() {
    // GIVEN
    SampleDeployment deployment = SampleDeployment.inPrimaryRegion(TEMPLATES);

    // WHEN
    List<StateMachineDefinition> definitions = StateMachineDefinition.all(deployment);

    // THEN
    assertThat(definitions).hasSize(1);
    assertThat(definitions.get(0).lambdaTasks())
        .extracting(task -> task.node().path("Parameters").path("FunctionName").asText())
        .containsExactlyInAnyOrder(
            "arn:aws:lambda:us-east-1:111122223333:function:lambda-validator-dev",
            "arn:aws:lambda:us-east-1:111122223333:function:lambda-enricher-dev",
            "arn:aws:lambda:us-east-1:111122223333:function:lambda-recorder-dev");
  }

  @Test
  void invokedFunctions_sampleDeployment_shouldNameEachStageFunctionOnceRecordFirst() {
    // GIVEN
    SampleDeployment deployment = SampleDeployment.inPrimaryRegion(TEMPLATES);
    StateMachineDefinition definition = StateMachineDefinition.all(deployment).get(0);

    // WHEN
    List<String> functions = definition.invokedFunctions();

    // THEN the Record task is at the top level, the validator and enricher in Parallel branches
    assertThat(functions)
        .containsExactly(
            "arn:aws:lambda:us-east-1:111122223333:function:lambda-recorder-dev",
            "arn:aws:lambda:us-east-1:111122223333:function:lambda-validator-dev",
            "arn:aws:lambda:us-east-1:111122223333:function:lambda-enricher-dev");
  }
}

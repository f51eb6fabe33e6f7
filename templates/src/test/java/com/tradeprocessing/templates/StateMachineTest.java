package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StateMachineTest implements ProjectTemplateRules {

  @Override
  public Stream<TemplateRule> rulesTheProjectKeeps() {
    return Stream.of(
        StateMachineRules.DEFINITION_OBJECT_WITH_SUBSTITUTIONS,
        StateMachineRules.PARALLEL_VALIDATION_AND_ENRICHMENT,
        StateMachineRules.CATCH_ON_EVERY_TASK,
        StateMachineRules.RETRY_TRANSIENT_LAMBDA_ERRORS,
        StateMachineRules.RETRY_HANDLER_ERRORS,
        StateMachineRules.BACKOFF_WITH_JITTER,
        StateMachineRules.TRANSITIONS_TARGET_EXISTING_STATES,
        StateMachineRules.TERMINAL_STATES_REACHABLE,
        StateMachineRules.CONTRACT_DATA_FLOW,
        StateMachineRules.FAILURES_TO_STAGE_DEAD_LETTER_QUEUE,
        StateMachineRules.EXECUTION_LOGGING,
        StateMachineRules.TRACING,
        StateMachineRules.STANDARD_BY_DEFAULT_EXPRESS_ALLOWED);
  }

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

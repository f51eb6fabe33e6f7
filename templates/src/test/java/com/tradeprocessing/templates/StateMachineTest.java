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

  @Test
  void stateMachine_definition_shouldBeAnObjectWithDefinitionSubstitutions() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations =
        StateMachineRules.DEFINITION_OBJECT_WITH_SUBSTITUTIONS.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void stateMachine_parallelState_shouldRunValidationAndEnrichment() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = StateMachineRules.PARALLEL_VALIDATION_AND_ENRICHMENT.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void stateMachine_everyTask_shouldCatchEveryError() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = StateMachineRules.CATCH_ON_EVERY_TASK.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void stateMachine_lambdaTasks_shouldRetryTransientLambdaErrors() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = StateMachineRules.RETRY_TRANSIENT_LAMBDA_ERRORS.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void stateMachine_lambdaTasks_shouldRetryTheirHandlersRetryableErrorsOnly() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = StateMachineRules.RETRY_HANDLER_ERRORS.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void stateMachine_retries_shouldBackOffWithFullJitter() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = StateMachineRules.BACKOFF_WITH_JITTER.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void stateMachine_transitions_shouldTargetExistingStates() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = StateMachineRules.TRANSITIONS_TARGET_EXISTING_STATES.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void stateMachine_everyState_shouldBeReachableAndReachATerminalState() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = StateMachineRules.TERMINAL_STATES_REACHABLE.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void stateMachine_dataFlow_shouldFollowTheStageContracts() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = StateMachineRules.CONTRACT_DATA_FLOW.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void stateMachine_catchPaths_shouldSendTheFailedTradeToTheFailingStagesDeadLetterQueue() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations =
        StateMachineRules.FAILURES_TO_STAGE_DEAD_LETTER_QUEUE.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void stateMachine_executionLog_shouldBeParametersRecordingAllEventsWithDataByDefault() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = StateMachineRules.EXECUTION_LOGGING.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void stateMachine_tracing_shouldBeEnabled() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = StateMachineRules.TRACING.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void stateMachine_type_shouldBeStandardByDefaultWithExpressAllowed() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations =
        StateMachineRules.STANDARD_BY_DEFAULT_EXPRESS_ALLOWED.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }
}

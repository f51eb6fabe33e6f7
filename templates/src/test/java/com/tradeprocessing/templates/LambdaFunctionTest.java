package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LambdaFunctionTest {

  private static final TemplateSet TEMPLATES = ProjectTemplates.all();

  @Test
  void lambdaFunctions_templates_shouldBeTheThreeHandlersAndTheCustomResourceFunction() {
    // GIVEN
    SampleDeployment deployment = SampleDeployment.inPrimaryRegion(TEMPLATES);

    // WHEN
    List<String> purposes =
        TEMPLATES.resourcesOfType("AWS::Lambda::Function").stream()
            .map(function -> LambdaRules.contract(deployment, function).orElseThrow().purpose())
            .toList();

    // THEN
    assertThat(purposes)
        .containsExactlyInAnyOrder("validator", "enricher", "recorder", "global-table-resource");
  }

  @Test
  void lambdaFunctions_allFunctions_shouldBeContainerImagesWithoutZipSettings() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = LambdaRules.CONTAINER_IMAGES.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void lambdaFunctions_allFunctions_shouldRunOnArm64() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = LambdaRules.ARM64.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void lambdaFunctions_allFunctions_shouldPinTheirImageByDigest() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = LambdaRules.PINNED_BY_DIGEST.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void lambdaFunctions_imageCommand_shouldSelectTheContractHandler() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = LambdaRules.HANDLER_COMMAND.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void lambdaFunctions_allFunctions_shouldHaveReservedConcurrency() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = LambdaRules.RESERVED_CONCURRENCY.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void lambdaFunctions_failedAsyncInvocations_shouldGoToTheirOwnDeadLetterQueue() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = LambdaRules.OWN_DEAD_LETTER_QUEUE.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void lambdaFunctions_allFunctions_shouldTraceActively() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = LambdaRules.ACTIVE_TRACING.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void tradeFunctions_applicationLogLevel_shouldBeARootParameterDefaultingToInfo() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = LambdaRules.APPLICATION_LOG_LEVEL.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void lambdaFunctions_logs_shouldGoToAnExplicitLogGroupWithRetention() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = LambdaRules.EXPLICIT_LOG_GROUP.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void lambdaFunctions_roles_shouldAllowLambdaInsights() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = LambdaRules.LAMBDA_INSIGHTS.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void lambdaFunctions_environment_shouldHoldTheContractsParameterNamesNotValues() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = LambdaRules.CONTRACT_ENVIRONMENT.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void lambdaFunctions_tradePath_shouldRunInThePrivateSubnets() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = LambdaRules.TRADE_PATH_IN_PRIVATE_SUBNETS.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void lambdaFunctions_customResourceFunction_shouldRunOutsideTheVpcPerAdr0001() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = LambdaRules.CUSTOM_RESOURCE_OUTSIDE_VPC.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void lambdaFunctions_imageUris_shouldNameTheBootstrapRepository() {
    // GIVEN
    SampleDeployment deployment = SampleDeployment.inPrimaryRegion(TEMPLATES);
    Resource repository =
        TEMPLATES.require("bootstrap.json").resource("FunctionImageRepository").orElseThrow();
    String repositoryUri = deployment.attribute(repository, "RepositoryUri");

    // WHEN
    List<String> images =
        TEMPLATES.resourcesOfType("AWS::Lambda::Function").stream()
            .map(
                function ->
                    deployment.text(
                        function.template(), function.property("Code").path("ImageUri")))
            .toList();

    // THEN
    assertThat(images).hasSize(4).allMatch(image -> image.startsWith(repositoryUri + "@sha256:"));
  }

  @Test
  void globalTableResourceFunction_role_shouldInvokeOnlyItselfToHandTheWaitOn() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();
    SampleDeployment deployment = SampleDeployment.inPrimaryRegion(templates);
    Resource function =
        templates.require("storage.json").resource("GlobalTableResourceFunction").orElseThrow();
    Resource role = LambdaRules.role(function).orElseThrow();

    // WHEN
    List<String> invokable = new ArrayList<>();
    for (JsonNode policy : role.property("Policies")) {
      for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
        if (PolicyDocuments.actions(statement).contains("lambda:InvokeFunction")) {
          Intrinsics.oneOrMany(deployment.evaluate(role.template(), statement.path("Resource")))
              .forEach(resource -> invokable.add(resource.asText()));
        }
      }
    }

    // THEN
    assertThat(invokable).containsExactly(deployment.attribute(function, "Arn"));
  }
}

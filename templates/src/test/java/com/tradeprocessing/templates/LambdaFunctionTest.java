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

package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NestedStackTest {

  private static final TemplateSet TEMPLATES = ProjectTemplates.all();

  @Test
  void rootTemplate_nestedStacks_shouldBeOnePerConcern() {
    // GIVEN
    Template root = TEMPLATES.require("root.json");

    // WHEN
    List<String> children =
        root.resourcesOfType("AWS::CloudFormation::Stack").stream()
            .map(stack -> stack.property("TemplateURL").asText())
            .toList();

    // THEN
    assertThat(root.resources())
        .allMatch(resource -> resource.type().equals("AWS::CloudFormation::Stack"));
    assertThat(children)
        .containsExactlyInAnyOrder(
            "monitoring.json",
            "network.json",
            "configuration.json",
            "storage.json",
            "functions.json",
            "orchestration.json");
  }

  @Test
  void rootTemplate_parameters_shouldCoverRegionsImagesConcurrencyTypeAlarmAndThresholds() {
    // GIVEN
    Template root = ProjectTemplates.all().require("root.json");

    // WHEN
    List<String> parameters = List.copyOf(root.parameters().keySet());

    // THEN
    assertThat(parameters)
        .contains(
            "EnvironmentSuffix",
            "PrimaryRegion",
            "ReplicaRegion",
            "ValidatorImageDigest",
            "EnricherImageDigest",
            "RecorderImageDigest",
            "GlobalTableResourceImageDigest",
            "ValidatorReservedConcurrency",
            "EnricherReservedConcurrency",
            "RecorderReservedConcurrency",
            "GlobalTableResourceReservedConcurrency",
            "StateMachineType",
            "AlarmEmail",
            "MaxQuantity",
            "MaxNotional",
            "ClockSkewTolerance",
            "MaxTradeAge",
            "KnownVenues",
            "PriceBandPercent");
    assertThat(root.parameters().get("EnvironmentSuffix").path("AllowedPattern").asText())
        .isNotBlank();
    assertThat(root.parameters().get("AlarmEmail").path("Default").asText()).isEmpty();
  }
}

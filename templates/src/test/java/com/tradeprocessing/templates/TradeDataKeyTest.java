package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradeDataKeyTest {

  private static final TemplateSet TEMPLATES = ProjectTemplates.all();

  @Test
  void tradeDataKey_roles_shouldBeTheOnlyOnesAllowedToUseIt() {
    // GIVEN
    SampleDeployment deployment = SampleDeployment.inPrimaryRegion(TEMPLATES);

    // WHEN
    List<String> users =
        TEMPLATES.resourcesOfType("AWS::IAM::Role").stream()
            .filter(
                role ->
                    PolicyDocuments.identityPolicies(TEMPLATES).stream()
                        .filter(policy -> policy.owner().equals(role))
                        .flatMap(policy -> policy.statements().stream())
                        .anyMatch(TradeDataKeyTest::usesTheTradeDataKey))
            .map(role -> deployment.physicalName(role).orElseThrow())
            .toList();

    // THEN
    assertThat(users)
        .containsExactlyInAnyOrder(
            "role-validator-us-east-1-dev",
            "role-enricher-us-east-1-dev",
            "role-recorder-us-east-1-dev",
            "role-global-table-resource-us-east-1-dev",
            "role-trade-state-machine-us-east-1-dev");
  }

  @Test
  void tradeDataKey_bootstrap_shouldBeRotatedAndNamedByTheAliasTheStacksUse() {
    // GIVEN
    SampleDeployment deployment = SampleDeployment.inReplicaRegion(TEMPLATES);
    Template bootstrap = TEMPLATES.require("bootstrap.json");

    // WHEN
    Resource alias = bootstrap.resource("TradeDataKeyAlias").orElseThrow();
    Resource key = bootstrap.resource("TradeDataKey").orElseThrow();

    // THEN
    assertThat(deployment.physicalName(alias)).contains("alias/kms-trade-data-dev");
    assertThat(key.property("EnableKeyRotation").asBoolean()).isTrue();
    assertThat(TradeDataKeyRules.rotatedKeysByAlias(deployment))
        .containsKey("alias/kms-trade-data-dev");
  }

  private static boolean usesTheTradeDataKey(JsonNode statement) {
    return PolicyDocuments.actions(statement).stream().anyMatch(action -> action.startsWith("kms:"))
        && statement
            .path("Condition")
            .path("ForAnyValue:StringEquals")
            .path("kms:ResourceAliases")
            .toString()
            .contains("alias/kms-trade-data-");
  }
}

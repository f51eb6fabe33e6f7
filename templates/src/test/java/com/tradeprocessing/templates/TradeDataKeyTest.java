package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradeDataKeyTest {

  private static final TemplateSet TEMPLATES = ProjectTemplates.all();

  @Test
  void tradesTableAndReplica_encryption_shouldUseTheRegionsRotatedTradeDataKey() {
    // GIVEN
    TemplateSet templates = TEMPLATES;

    // WHEN
    List<String> violations = TradeDataKeyRules.TABLES_UNDER_TRADE_DATA_KEY.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void deadLetterQueues_encryption_shouldUseTheRegionsRotatedTradeDataKey() {
    // GIVEN
    TemplateSet templates = TEMPLATES;

    // WHEN
    List<String> violations = TradeDataKeyRules.QUEUES_UNDER_TRADE_DATA_KEY.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void tradeDataKey_everySenderAndTableUser_shouldBeAllowedToUseTheKeyThroughItsService() {
    // GIVEN
    TemplateSet templates = TEMPLATES;

    // WHEN
    List<String> violations =
        TradeDataKeyRules.WRITERS_AND_READERS_MAY_USE_THE_KEY.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

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

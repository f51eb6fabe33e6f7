package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IamTest {

  @Test
  void iamPolicies_actions_shouldBeNamedWithoutWildcards() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = IamRules.NAMED_ACTIONS.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void iamPolicies_wildcardResources_shouldOnlyCoverActionsWithoutResourceLevelPermissions() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = IamRules.SCOPED_RESOURCES.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void iamRoles_trust_shouldBeScopedToTheSourceWhereTheServiceSupportsIt() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = IamRules.SCOPED_TRUST.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void iamRoles_each_shouldServeOneFunctionOrOneService() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = IamRules.ONE_ROLE_PER_FUNCTION_AND_SERVICE.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void iamRoles_managedPolicies_shouldBeLambdaInsightsOnly() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = IamRules.ONLY_INSIGHTS_MANAGED_POLICY.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void alarmTopicKey_accountPublishers_shouldBeAllowedThroughSnsOnly() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = TopicKeyRules.ACCOUNT_PUBLISHERS_THROUGH_SNS.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }
}

package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateConventionsTest {

  private static final TemplateSet TEMPLATES = ProjectTemplates.all();

  @Test
  void templates_moduleDirectory_shouldHoldTheRootItsChildrenTheBootstrapAndTheFailover() {
    // GIVEN
    List<String> expected =
        List.of(
            "bootstrap.json",
            "configuration.json",
            "failover.json",
            "functions.json",
            "monitoring.json",
            "network.json",
            "orchestration.json",
            "root.json",
            "storage.json");

    // WHEN
    List<String> names = TEMPLATES.templates().stream().map(Template::name).toList();

    // THEN
    assertThat(names).containsExactlyElementsOf(expected);
  }

  @Test
  void templates_allFiles_shouldBeTwoSpaceIndentedJson() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = ConventionRules.TWO_SPACE_JSON.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void templates_sections_shouldFollowTheHouseOrder() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = ConventionRules.SECTION_ORDER_RULE.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void resources_logicalIds_shouldBePascalCasePurposeThenType() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = ConventionRules.LOGICAL_IDS.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void conditions_names_shouldEndInCondition() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = ConventionRules.CONDITION_NAMES.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void parameters_all_shouldHaveDescriptionConstraintAndConstraintDescription() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = ConventionRules.PARAMETER_CONSTRAINTS.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void outputs_all_shouldHaveDescription() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = ConventionRules.OUTPUT_DESCRIPTIONS.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void rules_assertions_shouldHaveAssertDescription() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = ConventionRules.ASSERT_DESCRIPTIONS.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void templates_values_shouldNotHardCodeRegionsAccountsOrPartitions() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = ConventionRules.NO_FIXED_LOCATIONS.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void lintSuppressions_all_shouldBePerResourceWithAReason() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = ConventionRules.LINT_SUPPRESSIONS.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void entryTemplates_parameters_shouldAllBeGroupedAndLabelledInTheInterface() {
    // GIVEN
    List<String> entryPoints = TEMPLATES.entryPoints().stream().map(Template::name).toList();

    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = ConventionRules.INTERFACE_GROUPS.check(templates);

    // THEN
    assertThat(entryPoints).containsExactly("bootstrap.json", "failover.json", "root.json");
    assertThat(violations).isEmpty();
  }
}

package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TemplateConventionsTest implements ProjectTemplateRules {

  @Override
  public Stream<TemplateRule> rulesTheProjectKeeps() {
    return Stream.of(
        ConventionRules.TWO_SPACE_JSON,
        ConventionRules.SECTION_ORDER_RULE,
        ConventionRules.LOGICAL_IDS,
        ConventionRules.CONDITION_NAMES,
        ConventionRules.PARAMETER_CONSTRAINTS,
        ConventionRules.OUTPUT_DESCRIPTIONS,
        ConventionRules.ASSERT_DESCRIPTIONS,
        ConventionRules.NO_FIXED_LOCATIONS,
        ConventionRules.LINT_SUPPRESSIONS);
  }

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

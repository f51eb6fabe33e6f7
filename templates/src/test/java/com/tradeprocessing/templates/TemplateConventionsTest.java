package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateConventionsTest {

  private static final TemplateSet TEMPLATES = ProjectTemplates.all();

  /**
   * Every rule holds on the project's own templates; {@code TemplateRuleFixturesTest} shows that
   * each one rejects a template breaking it.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void templateRule_projectTemplates_shouldFindNoViolation(TemplateRule rule) {
    // WHEN
    List<String> violations = rule.check(TEMPLATES);

    // THEN
    assertThat(violations).isEmpty();
  }

  static List<TemplateRule> rules() {
    return TemplateRules.ALL;
  }

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

package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rules the project's own templates keep: a test class lists them, and each is a case, named by the
 * rule's id, that fails with the rule's violations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
interface ProjectTemplateRules {

  Stream<TemplateRule> rulesTheProjectKeeps();

  @ParameterizedTest(name = "{0}")
  @MethodSource("rulesTheProjectKeeps")
  default void rule_projectTemplates_shouldFindNoViolation(TemplateRule rule) {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = rule.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }
}

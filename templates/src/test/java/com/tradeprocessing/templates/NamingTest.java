package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamingTest {

  @Test
  void resources_physicalNames_shouldBeTypePurposeEnvironment() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = NamingRules.TYPE_PURPOSE_ENVIRONMENT.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }
}

package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

  @Test
  void ssmParameters_all_shouldBeStringsUnderTheEnvironmentPath() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = ConfigurationRules.STRINGS_UNDER_ENVIRONMENT_PATH.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void ssmParameters_namesAndDefaults_shouldBeThoseOfTheStageContracts() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = ConfigurationRules.CONTRACT_PARAMETERS.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }
}

package com.tradeprocessing.templates;

import java.util.stream.Stream;

class ConfigurationTest implements ProjectTemplateRules {

  @Override
  public Stream<TemplateRule> rulesTheProjectKeeps() {
    return Stream.of(
        ConfigurationRules.STRINGS_UNDER_ENVIRONMENT_PATH, ConfigurationRules.CONTRACT_PARAMETERS);
  }
}

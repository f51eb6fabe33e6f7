package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DestroyabilityTest {

  @Test
  void resources_deletionAndReplacement_shouldNeverRetain() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = DestroyabilityRules.NOTHING_RETAINED.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }
}

package com.tradeprocessing.templates;

import java.util.List;
import java.util.Set;

/** Every resource goes with its stack: nothing is retained, protected or left behind. */
final class DestroyabilityRules {

  private static final Set<String> KEEPING_POLICIES =
      Set.of("Retain", "RetainExceptOnCreate", "Snapshot");

  static final TemplateRule NOTHING_RETAINED =
      TemplateRule.of(
          "nothing-retained",
          (templates, violations) -> {
            for (Resource resource : templates.resources()) {
              for (String policy : List.of("DeletionPolicy", "UpdateReplacePolicy")) {
                String value = resource.node().path(policy).asText();
                if (KEEPING_POLICIES.contains(value)) {
                  violations.add(resource.where() + " " + policy + " is " + value);
                }
              }
              if (resource.property("DeletionProtectionEnabled").asBoolean(false)) {
                violations.add(resource.where() + " is protected from deletion");
              }
            }
          });

  private DestroyabilityRules() {}
}

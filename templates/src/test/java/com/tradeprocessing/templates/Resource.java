package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** One resource of a template, named by its logical id. */
record Resource(Template template, String logicalId, JsonNode node) {

  String type() {
    return node.path("Type").asText();
  }

  JsonNode properties() {
    return node.path("Properties");
  }

  JsonNode property(String name) {
    return properties().path(name);
  }

  Optional<String> condition() {
    return node.hasNonNull("Condition")
        ? Optional.of(node.get("Condition").asText())
        : Optional.empty();
  }

  /** Where a violation is, as violations name it: {@code file/LogicalId}. */
  String where() {
    return template.name() + "/" + logicalId;
  }
}

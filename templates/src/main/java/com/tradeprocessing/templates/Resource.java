package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** One resource of a template, named by its logical id. */
public record Resource(Template template, String logicalId, JsonNode node) {

  public String type() {
    return node.path("Type").asText();
  }

  public JsonNode properties() {
    return node.path("Properties");
  }

  public JsonNode property(String name) {
    return properties().path(name);
  }

  public Optional<String> condition() {
    return node.hasNonNull("Condition")
        ? Optional.of(node.get("Condition").asText())
        : Optional.empty();
  }

  /** Where a violation is, as violations name it: {@code file/LogicalId}. */
  public String where() {
    return template.name() + "/" + logicalId;
  }
}

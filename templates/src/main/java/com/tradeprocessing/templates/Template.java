package com.tradeprocessing.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed CloudFormation template: its file name, its source text and its JSON tree. */
public record Template(String name, String text, JsonNode root) {

  /** Duplicate keys are rejected: CloudFormation would silently keep only one of them. */
  static final JsonMapper MAPPER =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  public static Template parse(String name, String text) {
    try {
      return new Template(name, text, MAPPER.readTree(text));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(name + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  public JsonNode section(String section) {
    return root.path(section);
  }

  /** The members of a top-level section, in template order. */
  public Map<String, JsonNode> members(String section) {
    Map<String, JsonNode> members = new LinkedHashMap<>();
    section(section).properties().forEach(entry -> members.put(entry.getKey(), entry.getValue()));
    return members;
  }

  public Map<String, JsonNode> parameters() {
    return members("Parameters");
  }

  Map<String, JsonNode> outputs() {
    return members("Outputs");
  }

  Map<String, JsonNode> conditions() {
    return members("Conditions");
  }

  public List<Resource> resources() {
    List<Resource> resources = new ArrayList<>();
    members("Resources").forEach((id, node) -> resources.add(new Resource(this, id, node)));
    return resources;
  }

  public List<Resource> resourcesOfType(String type) {
    return resources().stream().filter(resource -> resource.type().equals(type)).toList();
  }

  public Optional<Resource> resource(String logicalId) {
    JsonNode node = section("Resources").get(logicalId);
    return node == null ? Optional.empty() : Optional.of(new Resource(this, logicalId, node));
  }

  boolean hasParameter(String name) {
    return section("Parameters").has(name);
  }
}

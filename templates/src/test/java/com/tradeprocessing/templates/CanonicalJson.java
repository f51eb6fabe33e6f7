package com.tradeprocessing.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The house layout of a template: two-space indentation, one member or item per line, {@code "key":
 * value}, empty containers as {@code {}} and {@code []}, a final newline. It is the layout of
 * Python's {@code json.dumps(indent=2)}, so either tool can reformat a template.
 */
final class CanonicalJson {

  private CanonicalJson() {}

  static String render(JsonNode node) {
    StringBuilder out = new StringBuilder();
    render(node, 0, out);
    return out.append('\n').toString();
  }

  private static void render(JsonNode node, int indent, StringBuilder out) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      Iterator<Map.Entry<String, JsonNode>> members = node.properties().iterator();
      while (members.hasNext()) {
        Map.Entry<String, JsonNode> member = members.next();
        pad(indent + 2, out).append(quote(member.getKey())).append(": ");
        render(member.getValue(), indent + 2, out);
        out.append(members.hasNext() ? ",\n" : "\n");
      }
      pad(indent, out).append('}');
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        pad(indent + 2, out);
        render(node.get(i), indent + 2, out);
        out.append(i < node.size() - 1 ? ",\n" : "\n");
      }
      pad(indent, out).append(']');
    } else if (node.isTextual()) {
      out.append(quote(node.asText()));
    } else {
      out.append(node.toString());
    }
  }

  private static StringBuilder pad(int indent, StringBuilder out) {
    return out.append(" ".repeat(indent));
  }

  private static String quote(String text) {
    try {
      return Template.MAPPER.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

package com.tradeprocessing.templates;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixture template sets under {@code src/test/resources/fixtures}. A good fixture is a template
 * ({@code good/<name>.json}) or a directory of templates deployed together ({@code good/<name>/}).
 * A bad fixture is a good fixture with one defect, written as the defect alone (or, for a defect of
 * the file's layout, a whole template):
 *
 * <pre>{@code
 * {"basedOn": "<good fixture>", "file": "<template, for a directory fixture>",
 *  "because": "<the defect, in words>",
 *  "remove": ["<JSON pointer>", ...], "set": {"<JSON pointer>": <value>, ...}}
 * }</pre>
 */
final class Fixtures {

  private Fixtures() {}

  static TemplateSet good(String name) {
    Path path = resource("fixtures/good/" + name);
    if (Files.isDirectory(path)) {
      return TemplateSet.load(path);
    }
    return new TemplateSet(List.of(TemplateSet.read(path)));
  }

  static TemplateSet bad(String name) {
    Template written = TemplateSet.read(resource("fixtures/bad/" + name + ".json"));
    JsonNode defect = written.root();
    if (!defect.has("basedOn")) {
      // A defect of the file itself (its layout), which a mutation of the tree cannot express.
      return new TemplateSet(List.of(written));
    }
    if (!defect.hasNonNull("because")) {
      throw new IllegalArgumentException("bad fixture " + name + " does not say what is wrong");
    }
    TemplateSet base = good(defect.path("basedOn").asText());
    String file = defect.path("file").asText(base.templates().get(0).name());
    List<Template> templates = new ArrayList<>();
    for (Template template : base.templates()) {
      templates.add(template.name().equals(file) ? mutated(template, defect) : template);
    }
    if (templates.equals(base.templates())) {
      throw new IllegalArgumentException("bad fixture " + name + " names no template of its base");
    }
    return new TemplateSet(templates);
  }

  private static Template mutated(Template template, JsonNode defect) {
    JsonNode root = template.root().deepCopy();
    for (JsonNode pointer : defect.path("remove")) {
      JsonPointer path = JsonPointer.compile(pointer.asText());
      JsonNode parent = existing(root, path.head(), pointer.asText());
      if (parent instanceof ObjectNode object) {
        requirePresent(object.remove(path.last().getMatchingProperty()), pointer.asText());
      } else {
        requirePresent(
            ((ArrayNode) parent).remove(path.last().getMatchingIndex()), pointer.asText());
      }
    }
    defect
        .path("set")
        .properties()
        .forEach(
            entry -> {
              JsonPointer path = JsonPointer.compile(entry.getKey());
              JsonNode parent = existing(root, path.head(), entry.getKey());
              if (parent instanceof ObjectNode object) {
                object.set(path.last().getMatchingProperty(), entry.getValue());
              } else {
                ((ArrayNode) parent).set(path.last().getMatchingIndex(), entry.getValue());
              }
            });
    return new Template(template.name(), CanonicalJson.render(root), root);
  }

  private static JsonNode existing(JsonNode root, JsonPointer path, String pointer) {
    JsonNode node = root.at(path);
    if (node.isMissingNode()) {
      throw new IllegalArgumentException("fixture pointer " + pointer + " leads nowhere");
    }
    return node;
  }

  private static void requirePresent(JsonNode removed, String pointer) {
    if (removed == null) {
      throw new IllegalArgumentException("fixture pointer " + pointer + " removes nothing");
    }
  }

  private static Path resource(String name) {
    URL url = Fixtures.class.getClassLoader().getResource(name);
    if (url == null) {
      url = Fixtures.class.getClassLoader().getResource(name + ".json");
    }
    if (url == null) {
      throw new IllegalArgumentException("no fixture " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

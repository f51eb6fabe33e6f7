package com.tradeprocessing.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Templates deployed together: a root, the children its stacks name, and stand-alone ones. */
public record TemplateSet(List<Template> templates) {

  /** Every {@code *.json} file directly in {@code directory}, by file name. */
  public static TemplateSet load(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return new TemplateSet(
          files
              .filter(file -> file.getFileName().toString().endsWith(".json"))
              .sorted()
              .map(TemplateSet::read)
              .toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Template read(Path file) {
    try {
      return Template.parse(
          file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<Template> template(String name) {
    return templates.stream().filter(template -> template.name().equals(name)).findFirst();
  }

  public Template require(String name) {
    return template(name).orElseThrow(() -> new AssertionError("no template " + name));
  }

  public List<Resource> resources() {
    return templates.stream().flatMap(template -> template.resources().stream()).toList();
  }

  public List<Resource> resourcesOfType(String type) {
    return resources().stream().filter(resource -> resource.type().equals(type)).toList();
  }

  /** The nested-stack resources whose {@code TemplateURL} names {@code child}. */
  List<Resource> stacksOf(Template child) {
    return resourcesOfType("AWS::CloudFormation::Stack").stream()
        .filter(stack -> stack.property("TemplateURL").asText().equals(child.name()))
        .toList();
  }

  /** Templates no stack of the set nests: the ones an operator deploys. */
  List<Template> entryPoints() {
    return templates.stream().filter(template -> stacksOf(template).isEmpty()).toList();
  }
}

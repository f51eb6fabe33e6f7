package com.tradeprocessing.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One requirement on the templates, checked against a set of templates deployed together. A rule
 * returns what violates it, one message per violation, naming the file and resource.
 */
interface TemplateRule {

  String id();

  List<String> check(TemplateSet templates);

  /** A rule whose check adds each violation it finds to the list it is given. */
  static TemplateRule of(String id, BiConsumer<TemplateSet, List<String>> check) {
    return of(
        id,
        templates -> {
          List<String> violations = new ArrayList<>();
          check.accept(templates, violations);
          return violations;
        });
  }

  static TemplateRule of(String id, Function<TemplateSet, List<String>> check) {
    return new TemplateRule() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public List<String> check(TemplateSet templates) {
        return check.apply(templates);
      }

      @Override
      public String toString() {
        return id;
      }
    };
  }
}

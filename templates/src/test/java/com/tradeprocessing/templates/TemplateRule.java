package com.tradeprocessing.templates;

import java.util.List;
import java.util.function.Function;

/**
 * One requirement on the templates, checked against a set of templates deployed together. A rule
 * returns what violates it, one message per violation, naming the file and resource.
 */
interface TemplateRule {

  String id();

  List<String> check(TemplateSet templates);

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

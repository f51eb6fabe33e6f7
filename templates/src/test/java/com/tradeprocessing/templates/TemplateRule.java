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

  /** A rule that checks each template on its own, adding each violation to the list. */
  static TemplateRule perTemplate(String id, BiConsumer<Template, List<String>> check) {
    return of(
        id,
        (TemplateSet templates, List<String> violations) ->
            templates.templates().forEach(template -> check.accept(template, violations)));
  }

  /** A rule that checks each resource of a type on its own, adding each violation to the list. */
  static TemplateRule perResource(
      String id, String type, BiConsumer<Resource, List<String>> check) {
    return of(
        id,
        (TemplateSet templates, List<String> violations) ->
            templates
                .resourcesOfType(type)
                .forEach(resource -> check.accept(resource, violations)));
  }

  /**
   * A rule that checks the templates with the values they resolve to in a sample deployment to the
   * primary region.
   */
  static TemplateRule deployed(String id, DeploymentCheck check) {
    return of(
        id,
        (TemplateSet templates, List<String> violations) ->
            check.check(templates, SampleDeployment.inPrimaryRegion(templates), violations));
  }

  /** Adds each violation of the deployed templates to the list. */
  @FunctionalInterface
  interface DeploymentCheck {
    void check(TemplateSet templates, SampleDeployment deployment, List<String> violations);
  }

  /**
   * A rule that checks each resource of a type on its own, with the values the templates resolve to
   * in a sample deployment to the primary region.
   */
  static TemplateRule perDeployedResource(String id, String type, DeployedResourceCheck check) {
    return of(
        id,
        (TemplateSet templates, List<String> violations) -> {
          SampleDeployment deployment = SampleDeployment.inPrimaryRegion(templates);
          templates
              .resourcesOfType(type)
              .forEach(resource -> check.check(deployment, resource, violations));
        });
  }

  /** Adds each violation of one deployed resource to the list. */
  @FunctionalInterface
  interface DeployedResourceCheck {
    void check(SampleDeployment deployment, Resource resource, List<String> violations);
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

package com.tradeprocessing.templates;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** Every rule of the rule classes, found by their public constants. */
final class TemplateRules {

  static final List<TemplateRule> ALL =
      rulesOf(
          ConventionRules.class,
          NestedStackRules.class,
          PlacementRules.class,
          LambdaRules.class,
          DeadLetterQueueRules.class,
          StateMachineRules.class,
          EventRules.class,
          TableRules.class,
          ConfigurationRules.class,
          RepositoryRules.class,
          NetworkRules.class,
          IamRules.class,
          TopicKeyRules.class,
          TradeDataKeyRules.class,
          TransportRules.class,
          DestroyabilityRules.class,
          NamingRules.class);

  private TemplateRules() {}

  private static List<TemplateRule> rulesOf(Class<?>... holders) {
    List<TemplateRule> rules = new ArrayList<>();
    for (Class<?> holder : holders) {
      for (Field field : holder.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == TemplateRule.class) {
          try {
            rules.add((TemplateRule) field.get(null));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return List.copyOf(rules);
  }
}

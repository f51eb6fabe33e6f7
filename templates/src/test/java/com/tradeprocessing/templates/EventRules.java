package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The event bus, its archive and the one rule per source system that starts the state machine. */
final class EventRules {

  /** Each rule names exactly one source and one detail type, and nothing else. */
  static final TemplateRule ONE_SOURCE_AND_DETAIL_TYPE_PER_RULE =
      TemplateRule.of(
          "rules-match-one-source-and-detail-type",
          templates -> {
            List<String> violations = new ArrayList<>();
            for (Resource rule : templates.resourcesOfType("AWS::Events::Rule")) {
              JsonNode pattern = rule.property("EventPattern");
              boolean exact =
                  Intrinsics.names(pattern).equals(List.of("source", "detail-type"))
                      && pattern.path("source").size() == 1
                      && pattern.path("source").get(0).isTextual()
                      && pattern.path("detail-type").size() == 1
                      && pattern.path("detail-type").get(0).isTextual();
              if (!exact) {
                violations.add(
                    rule.where() + " pattern is not one source and one detail-type: " + pattern);
              }
            }
            return violations;
          });

  static final TemplateRule RULES_ON_CUSTOM_BUS =
      TemplateRule.of(
          "rules-on-custom-bus",
          templates -> {
            List<String> violations = new ArrayList<>();
            for (Resource rule : templates.resourcesOfType("AWS::Events::Rule")) {
              boolean custom =
                  Intrinsics.ref(rule.property("EventBusName"))
                      .flatMap(id -> rule.template().resource(id))
                      .map(bus -> bus.type().equals("AWS::Events::EventBus"))
                      .orElse(false);
              if (!custom) {
                violations.add(rule.where() + " is not on a custom event bus of its template");
              }
            }
            return violations;
          });

  /** Failed deliveries are retried, then kept: no trade event is dropped silently. */
  static final TemplateRule TARGETS_STATE_MACHINE_RELIABLY =
      TemplateRule.of(
          "rules-target-state-machine-with-role-retry-and-dead-letter-queue",
          templates -> {
            List<String> violations = new ArrayList<>();
            for (Resource rule : templates.resourcesOfType("AWS::Events::Rule")) {
              JsonNode targets = rule.property("Targets");
              if (targets.size() != 1) {
                violations.add(rule.where() + " has " + targets.size() + " targets, not one");
                continue;
              }
              JsonNode target = targets.get(0);
              if (!isOfType(rule, target.path("Arn"), "AWS::StepFunctions::StateMachine")) {
                violations.add(rule.where() + " target is not a state machine of its template");
              }
              if (!isOfType(rule, target.path("RoleArn"), "AWS::IAM::Role")) {
                violations.add(rule.where() + " target has no role");
              }
              JsonNode retry = target.path("RetryPolicy");
              if (retry.path("MaximumRetryAttempts").asInt(0) < 1
                  || retry.path("MaximumEventAgeInSeconds").asInt(0) < 60) {
                violations.add(rule.where() + " target has no retry policy");
              }
              if (!isOfType(rule, target.path("DeadLetterConfig").path("Arn"), "AWS::SQS::Queue")) {
                violations.add(rule.where() + " target has no dead-letter queue");
              }
            }
            return violations;
          });

  static final TemplateRule BUS_ARCHIVED =
      TemplateRule.of(
          "custom-bus-archived-for-replay",
          templates -> {
            List<String> violations = new ArrayList<>();
            for (Resource bus : templates.resourcesOfType("AWS::Events::EventBus")) {
              boolean archived =
                  bus.template().resourcesOfType("AWS::Events::Archive").stream()
                      .anyMatch(
                          archive ->
                              Intrinsics.getAtt(archive.property("SourceArn"))
                                  .filter(
                                      getAtt ->
                                          getAtt.logicalId().equals(bus.logicalId())
                                              && getAtt.attribute().equals("Arn"))
                                  .isPresent());
              if (!archived) {
                violations.add(bus.where() + " has no archive");
              }
            }
            return violations;
          });

  private EventRules() {}

  private static boolean isOfType(Resource owner, JsonNode value, String type) {
    Optional<String> id =
        Intrinsics.ref(value).or(() -> Intrinsics.getAtt(value).map(Intrinsics.GetAtt::logicalId));
    return id.flatMap(logicalId -> owner.template().resource(logicalId))
        .map(resource -> resource.type().equals(type))
        .orElse(false);
  }
}

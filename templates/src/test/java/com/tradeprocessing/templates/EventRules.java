package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The event bus, its archive and the one rule per source system that starts the state machine; and
 * the catch-all rule that sends every lost execution of a state machine to a dead-letter queue.
 */
final class EventRules {

  static final String STATUS_CHANGE = "Step Functions Execution Status Change";

  /** The endings that leave a trade unrecorded; SUCCEEDED records it, RUNNING is not an ending. */
  static final List<String> LOST_STATUSES = List.of("FAILED", "TIMED_OUT", "ABORTED");

  /** Each rule names exactly one source and one detail type, and nothing else. */
  static final TemplateRule ONE_SOURCE_AND_DETAIL_TYPE_PER_RULE =
      perTradeRule(
          "rules-match-one-source-and-detail-type",
          (rule, violations) -> {
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
          });

  static final TemplateRule RULES_ON_CUSTOM_BUS =
      perTradeRule(
          "rules-on-custom-bus",
          (rule, violations) -> {
            boolean custom =
                Intrinsics.ref(rule.property("EventBusName"))
                    .flatMap(id -> rule.template().resource(id))
                    .map(bus -> bus.type().equals("AWS::Events::EventBus"))
                    .orElse(false);
            if (!custom) {
              violations.add(rule.where() + " is not on a custom event bus of its template");
            }
          });

  /** Failed deliveries are retried, then kept: no trade event is dropped silently. */
  static final TemplateRule TARGETS_STATE_MACHINE_RELIABLY =
      perTradeRule(
          "rules-target-state-machine-with-role-retry-and-dead-letter-queue",
          (rule, violations) -> {
            JsonNode targets = rule.property("Targets");
            if (targets.size() != 1) {
              violations.add(rule.where() + " has " + targets.size() + " targets, not one");
              return;
            }
            JsonNode target = targets.get(0);
            if (!isOfType(rule, target.path("Arn"), "AWS::StepFunctions::StateMachine")) {
              violations.add(rule.where() + " target is not a state machine of its template");
            }
            if (!isOfType(rule, target.path("RoleArn"), "AWS::IAM::Role")) {
              violations.add(rule.where() + " target has no role");
            }
            checkRetriedAndDeadLettered(rule, target, violations);
          });

  static final TemplateRule BUS_ARCHIVED =
      TemplateRule.perResource(
          "custom-bus-archived-for-replay",
          "AWS::Events::EventBus",
          (bus, violations) -> {
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
          });

  /**
   * A Catch covers a stage's errors only: a data limit, a runtime error, a timeout of the
   * execution, StopExecution or a failed dead-letter send end the execution with the trade in no
   * queue. Each state machine therefore has a rule on the default bus (where Step Functions sends
   * its status changes) matching its own FAILED, TIMED_OUT and ABORTED executions, whose one target
   * is a queue of the template that lets that rule send, retried and with a dead-letter queue of
   * its own.
   */
  static final TemplateRule LOST_EXECUTIONS_DEAD_LETTERED =
      TemplateRule.perResource(
          "lost-executions-reach-a-dead-letter-queue",
          "AWS::StepFunctions::StateMachine",
          (machine, violations) -> {
            List<Resource> rules =
                machine.template().resourcesOfType("AWS::Events::Rule").stream()
                    .filter(rule -> matchesStatusChangesOf(rule, machine))
                    .toList();
            if (rules.isEmpty()) {
              violations.add(
                  machine.where()
                      + " has no rule on the default bus for its "
                      + STATUS_CHANGE
                      + " events");
            }
            for (Resource rule : rules) {
              violations.addAll(lostExecutionRuleViolations(rule));
            }
          });

  private EventRules() {}

  /** The rules that route trade events from the source systems (not AWS service events). */
  static List<Resource> tradeRules(TemplateSet templates) {
    return templates.resourcesOfType("AWS::Events::Rule").stream()
        .filter(rule -> !isAwsServiceRule(rule))
        .toList();
  }

  private static boolean isAwsServiceRule(Resource rule) {
    for (JsonNode source : rule.property("EventPattern").path("source")) {
      if (source.asText().startsWith("aws.")) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesStatusChangesOf(Resource rule, Resource machine) {
    JsonNode pattern = rule.property("EventPattern");
    boolean statusChanges =
        texts(pattern.path("source")).equals(List.of("aws.states"))
            && texts(pattern.path("detail-type")).equals(List.of(STATUS_CHANGE));
    boolean ofMachine = false;
    for (JsonNode arn : pattern.path("detail").path("stateMachineArn")) {
      ofMachine |= Intrinsics.ref(arn).filter(machine.logicalId()::equals).isPresent();
    }
    return statusChanges && ofMachine;
  }

  /** A rule's target retries a failed delivery, then keeps the event in a dead-letter queue. */
  private static void checkRetriedAndDeadLettered(
      Resource rule, JsonNode target, List<String> violations) {
    JsonNode retry = target.path("RetryPolicy");
    if (retry.path("MaximumRetryAttempts").asInt(0) < 1
        || retry.path("MaximumEventAgeInSeconds").asInt(0) < 60) {
      violations.add(rule.where() + " target has no retry policy");
    }
    if (!isOfType(rule, target.path("DeadLetterConfig").path("Arn"), "AWS::SQS::Queue")) {
      violations.add(rule.where() + " target has no dead-letter queue");
    }
  }

  /** A rule that checks each EventBridge rule of the trade path on its own. */
  private static TemplateRule perTradeRule(String id, BiConsumer<Resource, List<String>> check) {
    return TemplateRule.of(
        id,
        (TemplateSet templates, List<String> violations) ->
            tradeRules(templates).forEach(rule -> check.accept(rule, violations)));
  }

  private static List<String> lostExecutionRuleViolations(Resource rule) {
    List<String> violations = new ArrayList<>();
    if (!rule.property("EventBusName").isMissingNode()) {
      violations.add(rule.where() + " is not on the default bus, where Step Functions sends");
    }
    List<String> statuses = texts(rule.property("EventPattern").path("detail").path("status"));
    for (String status : LOST_STATUSES) {
      if (!statuses.contains(status)) {
        violations.add(rule.where() + " does not match " + status);
      }
    }
    JsonNode targets = rule.property("Targets");
    if (targets.size() != 1) {
      violations.add(rule.where() + " has " + targets.size() + " targets, not one queue");
      return violations;
    }
    JsonNode target = targets.get(0);
    Optional<Resource> queue =
        Intrinsics.getAtt(target.path("Arn"))
            .flatMap(getAtt -> rule.template().resource(getAtt.logicalId()))
            .filter(resource -> resource.type().equals("AWS::SQS::Queue"));
    if (queue.isEmpty()) {
      violations.add(rule.where() + " target is not a queue of its template");
      return violations;
    }
    checkRetriedAndDeadLettered(rule, target, violations);
    if (!queuePolicyLetsRuleSend(queue.get(), rule)) {
      violations.add(
          queue.get().where() + " has no policy letting " + rule.logicalId() + " send to it");
    }
    return violations;
  }

  private static boolean queuePolicyLetsRuleSend(Resource queue, Resource rule) {
    for (Resource policy : queue.template().resourcesOfType("AWS::SQS::QueuePolicy")) {
      boolean ofQueue = false;
      for (JsonNode target : policy.property("Queues")) {
        ofQueue |= Intrinsics.ref(target).filter(queue.logicalId()::equals).isPresent();
      }
      if (!ofQueue) {
        continue;
      }
      for (JsonNode statement : policy.property("PolicyDocument").path("Statement")) {
        boolean allowsSend =
            statement.path("Effect").asText().equals("Allow")
                && statement
                    .path("Principal")
                    .path("Service")
                    .asText()
                    .equals("events.amazonaws.com")
                && Intrinsics.oneOrMany(statement.path("Action")).stream()
                    .anyMatch(action -> action.asText().equals("sqs:SendMessage"));
        boolean fromRule =
            Intrinsics.oneOrMany(
                    statement.path("Condition").path("ArnEquals").path("aws:SourceArn"))
                .stream()
                .anyMatch(
                    arn ->
                        Intrinsics.getAtt(arn)
                            .filter(getAtt -> getAtt.logicalId().equals(rule.logicalId()))
                            .isPresent());
        if (allowsSend && fromRule) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  private static boolean isOfType(Resource owner, JsonNode value, String type) {
    Optional<String> id =
        Intrinsics.ref(value).or(() -> Intrinsics.getAtt(value).map(Intrinsics.GetAtt::logicalId));
    return id.flatMap(logicalId -> owner.template().resource(logicalId))
        .map(resource -> resource.type().equals(type))
        .orElse(false);
  }
}

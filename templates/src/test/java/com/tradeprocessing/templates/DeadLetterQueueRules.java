package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Every SQS queue of the system is a dead-letter queue: kept 14 days, encrypted, alarmed. */
final class DeadLetterQueueRules {

  static final int FOURTEEN_DAYS_IN_SECONDS = 14 * 24 * 60 * 60;

  static final TemplateRule FOURTEEN_DAY_RETENTION =
      TemplateRule.perResource(
          "dead-letter-queues-keep-messages-14-days",
          "AWS::SQS::Queue",
          (queue, violations) -> {
            JsonNode retention = queue.property("MessageRetentionPeriod");
            if (!(retention.isIntegralNumber() && retention.asInt() == FOURTEEN_DAYS_IN_SECONDS)) {
              violations.add(
                  queue.where() + " MessageRetentionPeriod is " + retention + ", not 1209600");
            }
          });

  static final TemplateRule ENCRYPTED =
      TemplateRule.perResource(
          "dead-letter-queues-encrypted",
          "AWS::SQS::Queue",
          (queue, violations) -> {
            boolean managed = queue.property("SqsManagedSseEnabled").asBoolean(false);
            boolean customerKey = !queue.property("KmsMasterKeyId").isMissingNode();
            if (!managed && !customerKey) {
              violations.add(queue.where() + " is not encrypted");
            }
          });

  /** One visible message is one lost trade or request: the alarm fires on the first. */
  static final TemplateRule DEPTH_ALARM =
      TemplateRule.perResource(
          "dead-letter-queues-alarm-on-first-message",
          "AWS::SQS::Queue",
          (queue, violations) -> {
            if (depthAlarm(queue).isEmpty()) {
              violations.add(
                  queue.where()
                      + " has no alarm on ApproximateNumberOfMessagesVisible >= 1 that notifies a"
                      + " topic");
            }
          });

  private DeadLetterQueueRules() {}

  static Optional<Resource> depthAlarm(Resource queue) {
    return queue.template().resourcesOfType("AWS::CloudWatch::Alarm").stream()
        .filter(alarm -> isDepthAlarmOf(alarm, queue))
        .findFirst();
  }

  private static boolean isDepthAlarmOf(Resource alarm, Resource queue) {
    JsonNode properties = alarm.properties();
    boolean metric =
        properties.path("Namespace").asText().equals("AWS/SQS")
            && properties.path("MetricName").asText().equals("ApproximateNumberOfMessagesVisible");
    boolean threshold =
        properties.path("Threshold").asDouble(Double.NaN) == 1.0
            && properties
                .path("ComparisonOperator")
                .asText()
                .equals("GreaterThanOrEqualToThreshold");
    boolean ofQueue = false;
    for (JsonNode dimension : properties.path("Dimensions")) {
      ofQueue |=
          dimension.path("Name").asText().equals("QueueName")
              && Intrinsics.getAtt(dimension.path("Value"))
                  .filter(getAtt -> getAtt.logicalId().equals(queue.logicalId()))
                  .filter(getAtt -> getAtt.attribute().equals("QueueName"))
                  .isPresent();
    }
    boolean notifies =
        !properties.path("AlarmActions").isEmpty()
            && Intrinsics.oneOrMany(properties.path("AlarmActions")).stream()
                .allMatch(action -> isTopic(alarm.template(), action));
    return metric && threshold && ofQueue && notifies;
  }

  /** A topic of the template, or a parameter that only accepts a topic ARN. */
  private static boolean isTopic(Template template, JsonNode action) {
    Optional<String> ref = Intrinsics.ref(action);
    if (ref.isEmpty()) {
      return false;
    }
    if (template.hasParameter(ref.get())) {
      return template.parameters().get(ref.get()).path("AllowedPattern").asText().contains(":sns:");
    }
    return template.resource(ref.get()).map(Resource::type).orElse("").equals("AWS::SNS::Topic");
  }
}

package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Queues and topics refuse requests that do not use TLS: a resource policy statement denies
 * everyone when {@code aws:SecureTransport} is false, as the SQS and SNS security best practices
 * describe
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html,
 * https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html). A queue refuses
 * every action, since receiving carries the trade events as much as sending; a topic refuses
 * publishing.
 */
final class TransportRules {

  static final TemplateRule QUEUES_TLS_ONLY =
      TemplateRule.perResource(
          "queues-refuse-requests-without-tls",
          "AWS::SQS::Queue",
          (queue, violations) -> {
            if (!deniedWithoutTls(queue, "AWS::SQS::QueuePolicy", "Queues", "sqs:*")) {
              violations.add(
                  queue.where() + " is not denied every action (sqs:*) to requests without TLS");
            }
          });

  static final TemplateRule TOPICS_TLS_ONLY =
      TemplateRule.perResource(
          "topics-refuse-publishing-without-tls",
          "AWS::SNS::Topic",
          (topic, violations) -> {
            if (!deniedWithoutTls(topic, "AWS::SNS::TopicPolicy", "Topics", "sns:publish")) {
              violations.add(topic.where() + " accepts publishing without TLS");
            }
          });

  private TransportRules() {}

  /**
   * Whether a policy of {@code policyType} attached to the resource denies the action without TLS.
   */
  private static boolean deniedWithoutTls(
      Resource resource, String policyType, String attachedTo, String action) {
    for (Resource policy : resource.template().resourcesOfType(policyType)) {
      boolean attached =
          Intrinsics.oneOrMany(policy.property(attachedTo)).stream()
              .anyMatch(ref -> Intrinsics.ref(ref).orElse("").equals(resource.logicalId()));
      if (!attached) {
        continue;
      }
      for (JsonNode statement :
          Intrinsics.oneOrMany(policy.property("PolicyDocument").path("Statement"))) {
        boolean deny = statement.path("Effect").asText().equals("Deny");
        boolean everyone =
            statement.path("Principal").asText().equals("*")
                || statement.path("Principal").path("AWS").asText().equals("*");
        boolean actions =
            PolicyDocuments.actions(statement).stream()
                .anyMatch(granted -> granted.toLowerCase(Locale.ROOT).equals(action));
        boolean plainHttp =
            statement
                .path("Condition")
                .path("Bool")
                .path("aws:SecureTransport")
                .asText()
                .equals("false");
        if (deny && everyone && actions && plainHttp) {
          return true;
        }
      }
    }
    return false;
  }
}

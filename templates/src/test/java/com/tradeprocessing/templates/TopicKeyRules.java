package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The key of an encrypted topic lets the account's own principals publish to the topic, through SNS
 * only. A publisher to a topic encrypted with a customer managed key needs kms:GenerateDataKey* and
 * kms:Decrypt on that key (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html);
 * without a key policy statement that lets the account's IAM policies grant them, an operator's
 * test publish is denied. kms:ViaService keeps the grant to requests SNS makes on the caller's
 * behalf (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html); an encryption
 * context condition, when there is one, must name the topic itself.
 */
final class TopicKeyRules {

  private static final List<String> PUBLISH_ACTIONS = List.of("kms:GenerateDataKey", "kms:Decrypt");

  static final TemplateRule ACCOUNT_PUBLISHERS_THROUGH_SNS =
      TemplateRule.deployed(
          "encrypted-topic-keys-let-the-account-publish-through-sns",
          (templates, deployment, violations) -> {
            String account = "arn:aws:iam::" + SampleDeployment.ACCOUNT + ":root";
            String sns = "sns." + deployment.region() + ".amazonaws.com";
            for (Resource topic : templates.resourcesOfType("AWS::SNS::Topic")) {
              JsonNode keyId = topic.property("KmsMasterKeyId");
              if (keyId.isMissingNode()) {
                continue;
              }
              Optional<Resource> key =
                  deployment.resourceIdentifiedBy(
                      "AWS::KMS::Key", deployment.text(topic.template(), keyId));
              if (key.isEmpty()) {
                continue;
              }
              JsonNode policy =
                  deployment.evaluate(key.get().template(), key.get().property("KeyPolicy"));
              boolean publishable = false;
              for (JsonNode statement : Intrinsics.oneOrMany(policy.path("Statement"))) {
                if (!statement.path("Effect").asText().equals("Allow")
                    || !Intrinsics.oneOrMany(statement.path("Principal").path("AWS")).stream()
                        .anyMatch(principal -> principal.asText().equals(account))) {
                  continue;
                }
                List<String> usage =
                    PolicyDocuments.actions(statement).stream()
                        .filter(action -> PUBLISH_ACTIONS.stream().anyMatch(action::startsWith))
                        .toList();
                if (usage.isEmpty()) {
                  continue;
                }
                JsonNode equals = statement.path("Condition").path("StringEquals");
                String caller = equals.path("kms:CallerAccount").asText();
                boolean throughSns =
                    equals.path("kms:ViaService").asText().equals(sns)
                        && caller.equals(SampleDeployment.ACCOUNT);
                if (!throughSns) {
                  violations.add(
                      key.get().where()
                          + " lets the account "
                          + usage
                          + " without kms:ViaService "
                          + sns
                          + " and kms:CallerAccount: outside SNS too");
                  continue;
                }
                // A statement scoped by encryption context serves the topic it names only.
                JsonNode topicArn = equals.path("kms:EncryptionContext:aws:sns:topicArn");
                String topicArnValue = deployment.refValue(topic);
                boolean forThisTopic =
                    topicArn.isMissingNode() || topicArn.asText().equals(topicArnValue);
                boolean bothActions =
                    PUBLISH_ACTIONS.stream()
                        .allMatch(
                            needed -> usage.stream().anyMatch(action -> covers(action, needed)));
                publishable |= forThisTopic && bothActions;
              }
              if (!publishable) {
                violations.add(
                    topic.where()
                        + " is encrypted with "
                        + key.get().where()
                        + ", whose policy lets no principal of the account publish through SNS"
                        + " (kms:GenerateDataKey* and kms:Decrypt via "
                        + sns
                        + ")");
              }
            }
          });

  private TopicKeyRules() {}

  /** Whether the granted action, perhaps ending in a wildcard, includes {@code needed}. */
  private static boolean covers(String granted, String needed) {
    return granted.endsWith("*")
        ? needed.startsWith(granted.substring(0, granted.length() - 1))
        : granted.equals(needed);
  }
}

package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trade data (the trades table, its replica, the dead-letter queues that hold whole trade events)
 * is encrypted under a rotated customer managed key of its region, named by the alias the bootstrap
 * stack gives it in each region (ADR 0026), and everyone who writes or reads that data may use the
 * key through the service that stores it:
 *
 * <ul>
 *   <li>a role that reads or writes the table: kms:Decrypt and kms:GenerateDataKey through DynamoDB
 *       (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.howitworks.html);
 *   <li>a role that sends to a queue, and the role of a function whose asynchronous dead-letter
 *       queue it is: kms:GenerateDataKey and kms:Decrypt through SQS
 *       (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html);
 *   <li>EventBridge, for a rule whose target's dead-letter queue it is: the key policy allows
 *       events.amazonaws.com kms:GenerateDataKey and kms:Decrypt for that rule's ARN
 *       (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html).
 * </ul>
 *
 * A role's permission counts only with the key policy's delegation to the account's principals
 * through that same service (kms:ViaService, kms:CallerAccount).
 */
final class TradeDataKeyRules {

  private static final Pattern ALIAS_ARN =
      Pattern.compile("arn:aws:kms:([a-z0-9-]+):([0-9]{12}):(alias/.+)");
  private static final List<String> USE = List.of("kms:Decrypt", "kms:GenerateDataKey");

  static final TemplateRule TABLES_UNDER_TRADE_DATA_KEY =
      withRotatedKeys(
          "trade-tables-and-replicas-under-rotated-customer-managed-keys",
          (templates, deployment, keys, violations) -> {
            for (Resource table : templates.resourcesOfType("AWS::DynamoDB::Table")) {
              JsonNode sse =
                  deployment.evaluate(table.template(), table.property("SSESpecification"));
              if (!sse.path("SSEType").asText().equals("KMS")
                  || rotatedKey(keys, sse.path("KMSMasterKeyId").asText(), deployment.region())
                      .isEmpty()) {
                violations.add(notUnderRotatedKey(table, deployment));
              }
            }
            for (Resource replica : templates.resourcesOfType("Custom::GlobalTableReplica")) {
              String keyId =
                  deployment.text(replica.template(), replica.property("ReplicaKMSMasterKeyId"));
              for (JsonNode region :
                  deployment.evaluate(replica.template(), replica.property("ReplicaRegions"))) {
                if (rotatedKey(keys, keyId, region.asText()).isEmpty()) {
                  violations.add(
                      replica.where()
                          + " gives its replica in "
                          + region.asText()
                          + " no rotated customer managed key of that region ("
                          + keyId
                          + ")");
                }
              }
            }
          });

  static final TemplateRule QUEUES_UNDER_TRADE_DATA_KEY =
      withRotatedKeys(
          "dead-letter-queues-under-rotated-customer-managed-keys",
          (templates, deployment, keys, violations) -> {
            for (Resource queue : templates.resourcesOfType("AWS::SQS::Queue")) {
              String keyId = deployment.text(queue.template(), queue.property("KmsMasterKeyId"));
              if (rotatedKey(keys, keyId, deployment.region()).isEmpty()) {
                violations.add(notUnderRotatedKey(queue, deployment) + " (" + keyId + ")");
              }
            }
          });

  static final TemplateRule WRITERS_AND_READERS_MAY_USE_THE_KEY =
      withRotatedKeys(
          "trade-data-writers-and-readers-may-use-its-key",
          (templates, deployment, keys, violations) -> {
            for (Resource queue : templates.resourcesOfType("AWS::SQS::Queue")) {
              Optional<String> alias =
                  aliasIn(
                      deployment.text(queue.template(), queue.property("KmsMasterKeyId")),
                      deployment.region());
              if (alias.isEmpty() || !keys.containsKey(alias.get())) {
                continue;
              }
              Resource key = keys.get(alias.get());
              String queueArn = deployment.attribute(queue, "Arn");
              Map<String, Resource> senders = new LinkedHashMap<>();
              for (Resource role : templates.resourcesOfType("AWS::IAM::Role")) {
                if (allows(deployment, role, "sqs:SendMessage", queueArn)) {
                  senders.put(role.where(), role);
                }
              }
              for (Resource function : templates.resourcesOfType("AWS::Lambda::Function")) {
                String target =
                    deployment.text(
                        function.template(),
                        function.property("DeadLetterConfig").path("TargetArn"));
                if (target.equals(queueArn)) {
                  LambdaRules.role(function).ifPresent(role -> senders.put(role.where(), role));
                }
              }
              for (Resource role : senders.values()) {
                checkUse(deployment, role, key, alias.get(), "sqs", queue, violations);
              }
              for (Resource rule : templates.resourcesOfType("AWS::Events::Rule")) {
                for (JsonNode target : rule.property("Targets")) {
                  String deadLetter =
                      deployment.text(rule.template(), target.path("DeadLetterConfig").path("Arn"));
                  if (deadLetter.equals(queueArn)
                      && !eventBridgeMayEncryptFor(
                          deployment, key, deployment.attribute(rule, "Arn"))) {
                    violations.add(
                        key.where()
                            + " does not let events.amazonaws.com "
                            + USE
                            + " for "
                            + rule.where()
                            + ", whose dead-letter queue "
                            + queue.where()
                            + " it encrypts");
                  }
                }
              }
            }
            for (Resource table : templates.resourcesOfType("AWS::DynamoDB::Table")) {
              JsonNode sse =
                  deployment.evaluate(table.template(), table.property("SSESpecification"));
              Optional<String> alias =
                  aliasIn(sse.path("KMSMasterKeyId").asText(), deployment.region());
              if (alias.isEmpty() || !keys.containsKey(alias.get())) {
                continue;
              }
              String tableArn = deployment.attribute(table, "Arn");
              for (Resource role : templates.resourcesOfType("AWS::IAM::Role")) {
                if (allows(deployment, role, "dynamodb:GetItem", tableArn)
                    || allows(deployment, role, "dynamodb:PutItem", tableArn)) {
                  checkUse(
                      deployment,
                      role,
                      keys.get(alias.get()),
                      alias.get(),
                      "dynamodb",
                      table,
                      violations);
                }
              }
            }
          });

  private TradeDataKeyRules() {}

  /** Rotated customer managed keys of the set, by the name of an alias that targets them. */
  static Map<String, Resource> rotatedKeysByAlias(SampleDeployment deployment) {
    Map<String, Resource> keys = new LinkedHashMap<>();
    for (Resource alias : deployment.templates().resourcesOfType("AWS::KMS::Alias")) {
      Optional<Resource> key =
          Intrinsics.ref(alias.property("TargetKeyId")).flatMap(alias.template()::resource);
      if (key.isPresent() && key.get().property("EnableKeyRotation").asBoolean(false)) {
        deployment.physicalName(alias).ifPresent(name -> keys.put(name, key.get()));
      }
    }
    return keys;
  }

  /** The alias name when {@code keyId} is an alias ARN of {@code region} in the sample account. */
  /** A rule over the deployed templates and their rotated keys, by alias. */
  private static TemplateRule withRotatedKeys(String id, KeysCheck check) {
    return TemplateRule.deployed(
        id,
        (templates, deployment, violations) ->
            check.check(templates, deployment, rotatedKeysByAlias(deployment), violations));
  }

  @FunctionalInterface
  private interface KeysCheck {
    void check(
        TemplateSet templates,
        SampleDeployment deployment,
        Map<String, Resource> keys,
        List<String> violations);
  }

  private static String notUnderRotatedKey(Resource resource, SampleDeployment deployment) {
    return resource.where()
        + " is not encrypted with a rotated customer managed key of "
        + deployment.region()
        + " named by its alias";
  }

  /** The rotated key of the region that a key ID names by its alias, if it names one. */
  private static Optional<Resource> rotatedKey(
      Map<String, Resource> keys, String keyId, String region) {
    return aliasIn(keyId, region).map(keys::get);
  }

  static Optional<String> aliasIn(String keyId, String region) {
    Matcher matcher = ALIAS_ARN.matcher(keyId);
    if (matcher.matches()
        && matcher.group(1).equals(region)
        && matcher.group(2).equals(SampleDeployment.ACCOUNT)) {
      return Optional.of(matcher.group(3));
    }
    return Optional.empty();
  }

  private static void checkUse(
      SampleDeployment deployment,
      Resource role,
      Resource key,
      String alias,
      String service,
      Resource data,
      List<String> violations) {
    String via = service + "." + deployment.region() + ".amazonaws.com";
    if (!roleMayUse(deployment, role, key, alias, via)) {
      violations.add(
          role.where()
              + " writes or reads "
              + data.where()
              + " but may not "
              + USE
              + " its key "
              + alias
              + " through "
              + via);
    }
    if (!keyDelegatesToAccount(deployment, key, via)) {
      violations.add(
          key.where()
              + " does not let the account's principals "
              + USE
              + " through "
              + via
              + ", which "
              + role.where()
              + " needs for "
              + data.where());
    }
  }

  /** Whether an Allow statement of the role's inline policies grants the action on the ARN. */
  static boolean allows(SampleDeployment deployment, Resource role, String action, String arn) {
    for (JsonNode statement : allowStatements(deployment, role)) {
      if (PolicyDocuments.actions(statement).contains(action)
          && Intrinsics.oneOrMany(statement.path("Resource")).stream()
              .anyMatch(resource -> glob(resource.asText()).matcher(arn).matches())) {
        return true;
      }
    }
    return false;
  }

  private static boolean roleMayUse(
      SampleDeployment deployment, Resource role, Resource key, String alias, String via) {
    String keyArn = deployment.attribute(key, "Arn");
    for (JsonNode statement : allowStatements(deployment, role)) {
      boolean actions = PolicyDocuments.actions(statement).containsAll(USE);
      boolean onKey =
          Intrinsics.oneOrMany(statement.path("Resource")).stream()
              .anyMatch(resource -> glob(resource.asText()).matcher(keyArn).matches());
      JsonNode condition = statement.path("Condition");
      boolean throughService =
          condition.path("StringEquals").path("kms:ViaService").asText().equals(via);
      boolean byAlias =
          Intrinsics.oneOrMany(
                  condition.path("ForAnyValue:StringEquals").path("kms:ResourceAliases"))
              .stream()
              .anyMatch(name -> name.asText().equals(alias));
      if (actions && onKey && throughService && byAlias) {
        return true;
      }
    }
    return false;
  }

  private static boolean keyDelegatesToAccount(
      SampleDeployment deployment, Resource key, String via) {
    String account = "arn:aws:iam::" + SampleDeployment.ACCOUNT + ":root";
    for (JsonNode statement : keyStatements(deployment, key)) {
      JsonNode equals = statement.path("Condition").path("StringEquals");
      boolean principal =
          Intrinsics.oneOrMany(statement.path("Principal").path("AWS")).stream()
              .anyMatch(arn -> arn.asText().equals(account));
      if (principal
          && covers(PolicyDocuments.actions(statement))
          && equals.path("kms:ViaService").asText().equals(via)
          && equals.path("kms:CallerAccount").asText().equals(SampleDeployment.ACCOUNT)) {
        return true;
      }
    }
    return false;
  }

  private static boolean eventBridgeMayEncryptFor(
      SampleDeployment deployment, Resource key, String ruleArn) {
    for (JsonNode statement : keyStatements(deployment, key)) {
      boolean events =
          Intrinsics.oneOrMany(statement.path("Principal").path("Service")).stream()
              .anyMatch(service -> service.asText().equals("events.amazonaws.com"));
      JsonNode condition = statement.path("Condition");
      List<JsonNode> sources = new ArrayList<>();
      sources.addAll(Intrinsics.oneOrMany(condition.path("ArnLike").path("aws:SourceArn")));
      sources.addAll(Intrinsics.oneOrMany(condition.path("ArnEquals").path("aws:SourceArn")));
      boolean forRule =
          sources.stream().anyMatch(source -> glob(source.asText()).matcher(ruleArn).matches());
      if (events && covers(PolicyDocuments.actions(statement)) && forRule) {
        return true;
      }
    }
    return false;
  }

  /** Whether the granted actions, some perhaps ending in a wildcard, include both uses. */
  private static boolean covers(List<String> granted) {
    return USE.stream()
        .allMatch(
            needed ->
                granted.stream()
                    .anyMatch(
                        action ->
                            action.endsWith("*")
                                ? needed.startsWith(action.substring(0, action.length() - 1))
                                : action.equals(needed)));
  }

  private static List<JsonNode> allowStatements(SampleDeployment deployment, Resource role) {
    List<JsonNode> statements = new ArrayList<>();
    for (JsonNode policy : role.property("Policies")) {
      JsonNode document = deployment.evaluate(role.template(), policy.path("PolicyDocument"));
      for (JsonNode statement : Intrinsics.oneOrMany(document.path("Statement"))) {
        if (statement.path("Effect").asText().equals("Allow")) {
          statements.add(statement);
        }
      }
    }
    return statements;
  }

  private static List<JsonNode> keyStatements(SampleDeployment deployment, Resource key) {
    JsonNode policy = deployment.evaluate(key.template(), key.property("KeyPolicy"));
    return Intrinsics.oneOrMany(policy.path("Statement")).stream()
        .filter(statement -> statement.path("Effect").asText().equals("Allow"))
        .toList();
  }

  /** An IAM ARN pattern: {@code *} matches any characters, {@code ?} one. */
  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}

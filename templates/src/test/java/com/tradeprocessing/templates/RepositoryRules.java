package com.tradeprocessing.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.BiConsumer;

/** The function image repository; the registry's replication is left to make deploy. */
final class RepositoryRules {

  static final TemplateRule SCAN_ON_PUSH =
      eachRepository(
          "repositories-scan-on-push",
          (repository, violations) -> {
            if (!repository
                .property("ImageScanningConfiguration")
                .path("ScanOnPush")
                .asBoolean(false)) {
              violations.add(repository.where() + " does not scan on push");
            }
          });

  static final TemplateRule IMMUTABLE_TAGS =
      eachRepository(
          "repositories-immutable-tags",
          (repository, violations) -> {
            if (!repository.property("ImageTagMutability").asText().equals("IMMUTABLE")) {
              violations.add(repository.where() + " tags are mutable");
            }
          });

  static final TemplateRule ENCRYPTED =
      eachRepository(
          "repositories-encrypted-with-kms",
          (repository, violations) -> {
            if (!repository
                .property("EncryptionConfiguration")
                .path("EncryptionType")
                .asText()
                .startsWith("KMS")) {
              violations.add(repository.where() + " is not encrypted with KMS");
            }
          });

  static final TemplateRule LIFECYCLE_POLICY =
      TemplateRule.perDeployedResource(
          "repositories-lifecycle-policy-expires-images",
          "AWS::ECR::Repository",
          (deployment, repository, violations) -> {
            String text =
                deployment.text(
                    repository.template(),
                    repository.property("LifecyclePolicy").path("LifecyclePolicyText"));
            try {
              JsonNode policy = Template.MAPPER.readTree(text);
              boolean expires = policy.path("rules").size() > 0;
              for (JsonNode rule : policy.path("rules")) {
                expires &=
                    rule.path("action").path("type").asText().equals("expire")
                        && rule.path("selection").path("countNumber").isInt();
              }
              if (!expires) {
                violations.add(
                    repository.where() + " lifecycle policy has no rules that expire images");
              }
            } catch (JsonProcessingException e) {
              violations.add(repository.where() + " lifecycle policy is not JSON: " + text);
            }
          });

  static final TemplateRule EMPTY_ON_DELETE =
      eachRepository(
          "repositories-empty-on-delete",
          (repository, violations) -> {
            if (!repository.property("EmptyOnDelete").asBoolean(false)) {
              violations.add(
                  repository.where() + " is not emptied on delete, so the stack cannot delete it");
            }
          });

  /**
   * No template declares the registry's replication configuration. A registry has exactly one,
   * shared by every team of the account: the resource's create handler fails when the registry
   * already has any rule, and its delete handler writes an empty rule list, wiping every other rule
   * (aws-cloudformation-resource-providers-ecr, aws-ecr-replicationconfiguration CreateHandler and
   * DeleteHandler). make deploy adds this environment's rule instead (ADR 0021).
   */
  static final TemplateRule NO_REGISTRY_REPLICATION_CONFIGURATION =
      TemplateRule.of(
          "no-template-owns-the-registry-replication-configuration",
          (templates, violations) -> {
            for (Resource configuration :
                templates.resourcesOfType("AWS::ECR::ReplicationConfiguration")) {
              violations.add(
                  configuration.where()
                      + " owns the registry's replication configuration, which the whole account"
                      + " shares; make deploy adds this environment's rule instead");
            }
          });

  private RepositoryRules() {}

  private static TemplateRule eachRepository(String id, BiConsumer<Resource, List<String>> check) {
    return TemplateRule.of(
        id,
        (templates, violations) -> {
          templates
              .resourcesOfType("AWS::ECR::Repository")
              .forEach(repository -> check.accept(repository, violations));
        });
  }
}

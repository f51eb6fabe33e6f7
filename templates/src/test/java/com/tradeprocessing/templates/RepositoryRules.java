package com.tradeprocessing.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** The function image repository and the registry's replication into the replica region. */
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
      TemplateRule.of(
          "repositories-lifecycle-policy-expires-images",
          templates -> {
            SampleDeployment deployment = SampleDeployment.inPrimaryRegion(templates);
            List<String> violations = new ArrayList<>();
            for (Resource repository : templates.resourcesOfType("AWS::ECR::Repository")) {
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
            }
            return violations;
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
   * One configuration per registry, replicating the function repositories to the replica region.
   */
  static final TemplateRule REPLICATES_TO_REPLICA_REGION =
      TemplateRule.of(
          "registry-replicates-function-repositories-to-replica-region",
          templates -> {
            SampleDeployment deployment = SampleDeployment.inPrimaryRegion(templates);
            List<String> violations = new ArrayList<>();
            List<Resource> configurations =
                templates.resourcesOfType("AWS::ECR::ReplicationConfiguration");
            if (configurations.size() != 1) {
              violations.add(
                  configurations.size()
                      + " replication configurations; a registry has exactly one");
            }
            for (Resource configuration : configurations) {
              JsonNode rules =
                  deployment.evaluate(
                      configuration.template(),
                      configuration.property("ReplicationConfiguration").path("Rules"));
              for (Resource repository :
                  configuration.template().resourcesOfType("AWS::ECR::Repository")) {
                String name = deployment.physicalName(repository).orElse("");
                boolean replicated = false;
                for (JsonNode rule : rules) {
                  boolean filtered = rule.path("RepositoryFilters").isEmpty();
                  for (JsonNode filter : rule.path("RepositoryFilters")) {
                    filtered |=
                        filter.path("FilterType").asText().equals("PREFIX_MATCH")
                            && name.startsWith(filter.path("Filter").asText());
                  }
                  for (JsonNode destination : rule.path("Destinations")) {
                    replicated |=
                        filtered
                            && destination
                                .path("Region")
                                .asText()
                                .equals(SampleDeployment.REPLICA_REGION)
                            && destination
                                .path("RegistryId")
                                .asText()
                                .equals(SampleDeployment.ACCOUNT);
                  }
                }
                if (!replicated) {
                  violations.add(
                      configuration.where()
                          + " does not replicate "
                          + name
                          + " to "
                          + SampleDeployment.REPLICA_REGION
                          + " of the same account");
                }
              }
            }
            return violations;
          });

  private RepositoryRules() {}

  private static TemplateRule eachRepository(String id, BiConsumer<Resource, List<String>> check) {
    return TemplateRule.of(
        id,
        templates -> {
          List<String> violations = new ArrayList<>();
          templates
              .resourcesOfType("AWS::ECR::Repository")
              .forEach(repository -> check.accept(repository, violations));
          return violations;
        });
  }
}

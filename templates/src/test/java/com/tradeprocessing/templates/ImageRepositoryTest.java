package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageRepositoryTest {

  @Test
  void imageRepository_push_shouldBeScanned() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = RepositoryRules.SCAN_ON_PUSH.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void imageRepository_tags_shouldBeImmutable() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = RepositoryRules.IMMUTABLE_TAGS.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void imageRepository_images_shouldBeEncryptedWithKms() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = RepositoryRules.ENCRYPTED.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void imageRepository_lifecyclePolicy_shouldExpireOldImages() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = RepositoryRules.LIFECYCLE_POLICY.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void imageRepository_stackDeletion_shouldEmptyTheRepository() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = RepositoryRules.EMPTY_ON_DELETE.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void registryReplication_templates_shouldLeaveTheSharedConfigurationToTheDeployment() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations =
        RepositoryRules.NO_REGISTRY_REPLICATION_CONFIGURATION.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void bootstrapTemplate_description_shouldSayWhoAddsTheReplicationRule() {
    // GIVEN
    Template bootstrap = ProjectTemplates.all().require("bootstrap.json");

    // WHEN
    String description = bootstrap.section("Description").asText();

    // THEN
    assertThat(description)
        .contains("The stack holds no replication configuration")
        .contains("make deploy adds this environment's replication rule")
        .doesNotContain("ManageRegistryReplication");
  }

  @Test
  void bootstrapTemplate_parameters_shouldNotOfferToManageTheRegistrysReplication() {
    // GIVEN
    Template bootstrap = ProjectTemplates.all().require("bootstrap.json");

    // WHEN
    JsonNode parameters = bootstrap.section("Parameters");

    // THEN
    assertThat(parameters.has("ManageRegistryReplication")).isFalse();
    assertThat(bootstrap.section("Conditions").isMissingNode()).isTrue();
  }
}

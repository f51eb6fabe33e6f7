package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ImageRepositoryTest implements ProjectTemplateRules {

  @Override
  public Stream<TemplateRule> rulesTheProjectKeeps() {
    return Stream.of(
        RepositoryRules.SCAN_ON_PUSH,
        RepositoryRules.IMMUTABLE_TAGS,
        RepositoryRules.ENCRYPTED,
        RepositoryRules.LIFECYCLE_POLICY,
        RepositoryRules.EMPTY_ON_DELETE,
        RepositoryRules.NO_REGISTRY_REPLICATION_CONFIGURATION);
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

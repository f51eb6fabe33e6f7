package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ImageRepositoryTest {

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

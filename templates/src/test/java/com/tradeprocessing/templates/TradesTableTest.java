package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradesTableTest {

  @Test
  void tradesTable_billing_shouldBeOnDemand() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = TableRules.ON_DEMAND.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void tradesTable_recovery_shouldHavePointInTimeRecovery() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = TableRules.POINT_IN_TIME_RECOVERY.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void tradesTable_stream_shouldCaptureNewAndOldImages() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = TableRules.NEW_AND_OLD_IMAGES_STREAM.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void tradesTable_storage_shouldBeEncrypted() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = TableRules.ENCRYPTED.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void tradesTable_keysAndIndexes_shouldFollowTheRecorderDesign() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = TableRules.RECORDER_KEY_DESIGN.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void tradesTable_indexes_shouldProjectTheListingWithinOneWriteUnit() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = TableRules.INDEXES_PROJECT_THE_LISTING.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void tradesTable_replication_shouldBeTheGlobalTableReplicaCustomResource() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = TableRules.GLOBAL_BY_CUSTOM_RESOURCE.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void tradesTable_replica_shouldBeInTheReplicaRegionByDefault() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();
    Resource replica =
        templates.require("storage.json").resource("TradesTableReplica").orElseThrow();

    // WHEN
    JsonNode regions =
        SampleDeployment.inPrimaryRegion(templates)
            .evaluate(replica.template(), replica.property("ReplicaRegions"));

    // THEN
    assertThat(regions.toString()).isEqualTo("[\"eu-west-1\"]");
  }
}

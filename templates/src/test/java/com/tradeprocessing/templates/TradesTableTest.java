package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TradesTableTest implements ProjectTemplateRules {

  @Override
  public Stream<TemplateRule> rulesTheProjectKeeps() {
    return Stream.of(
        TableRules.ON_DEMAND,
        TableRules.POINT_IN_TIME_RECOVERY,
        TableRules.NEW_AND_OLD_IMAGES_STREAM,
        TableRules.ENCRYPTED,
        TableRules.RECORDER_KEY_DESIGN,
        TableRules.INDEXES_PROJECT_THE_LISTING,
        TableRules.GLOBAL_BY_CUSTOM_RESOURCE);
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

package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class TradesTableTest {

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

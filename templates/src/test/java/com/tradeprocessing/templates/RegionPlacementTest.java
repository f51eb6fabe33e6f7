package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegionPlacementTest {

  private static final TemplateSet TEMPLATES = ProjectTemplates.all();

  @Test
  void replicaRegion_recorder_shouldUseTheReplicaUnderTheSameTableName() {
    // GIVEN
    SampleDeployment primary = SampleDeployment.inPrimaryRegion(TEMPLATES);
    SampleDeployment replica = SampleDeployment.inReplicaRegion(TEMPLATES);
    Resource recorder =
        TEMPLATES.require("functions.json").resource("RecorderFunction").orElseThrow();
    Resource table = TEMPLATES.require("storage.json").resource("TradesTable").orElseThrow();

    // WHEN
    String primaryTableName = environmentVariable(primary, recorder, "TABLE_NAME");
    String replicaTableName = environmentVariable(replica, recorder, "TABLE_NAME");

    // THEN
    assertThat(replica.deployed(table)).isFalse();
    assertThat(replicaTableName)
        .isEqualTo(primaryTableName)
        .isEqualTo(primary.physicalName(table).orElseThrow());
  }

  @Test
  void replicaRegion_functions_shouldPullImagesFromTheReplicaRegionsRegistry() {
    // GIVEN
    SampleDeployment replica = SampleDeployment.inReplicaRegion(TEMPLATES);
    List<Resource> functions =
        TEMPLATES.require("functions.json").resourcesOfType("AWS::Lambda::Function");

    // WHEN
    List<String> images =
        functions.stream()
            .map(
                function ->
                    replica.text(function.template(), function.property("Code").path("ImageUri")))
            .toList();

    // THEN
    assertThat(images)
        .hasSize(3)
        .allMatch(image -> image.contains(".dkr.ecr." + SampleDeployment.REPLICA_REGION + "."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"root.json", "bootstrap.json", "failover.json"})
  void entryTemplates_regionParameters_shouldDefaultToUsEast1AndEuWest1(String name) {
    // GIVEN
    Template template = ProjectTemplates.all().require(name);

    // WHEN
    String primary = template.parameters().get("PrimaryRegion").path("Default").asText();
    String replica = template.parameters().get("ReplicaRegion").path("Default").asText();

    // THEN
    assertThat(List.of(primary, replica)).containsExactly("us-east-1", "eu-west-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"root.json", "bootstrap.json", "failover.json"})
  void entryTemplates_stackRegionRule_shouldAcceptTheTwoRegionsOnly(String name) {
    // GIVEN
    Template template = TEMPLATES.require(name);
    JsonNode assertion = assertion(template, "StackRegionRule");

    // WHEN
    List<Boolean> accepted =
        List.of("us-east-1", "eu-west-1", "ap-southeast-2").stream()
            .map(region -> new SampleDeployment(TEMPLATES, region))
            .map(deployment -> deployment.evaluate(template, assertion).asBoolean())
            .toList();

    // THEN
    assertThat(accepted).containsExactly(true, true, false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"root.json", "bootstrap.json", "failover.json"})
  void entryTemplates_distinctRegionsRule_shouldRejectAReplicaInThePrimaryRegion(String name) {
    // GIVEN
    Template template = TEMPLATES.require(name);
    JsonNode assertion = assertion(template, "DistinctRegionsRule");
    SampleDeployment sameRegions =
        ProjectTemplates.deployedIn(
            SampleDeployment.PRIMARY_REGION,
            Map.of("ReplicaRegion", SampleDeployment.PRIMARY_REGION));

    // WHEN
    boolean accepted = sameRegions.evaluate(template, assertion).asBoolean();

    // THEN
    assertThat(accepted).isFalse();
    assertThat(
            SampleDeployment.inPrimaryRegion(TEMPLATES).evaluate(template, assertion).asBoolean())
        .isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "us-east-1, https://refdata-euw1.example.com, https://refdata.example.com",
    "eu-west-1, https://refdata-euw1.example.com, https://refdata-euw1.example.com",
    "eu-west-1, '', https://refdata.example.com"
  })
  void referenceDataEndpointParameter_replicaBaseUrl_shouldApplyInTheReplicaRegionOnly(
      String region, String replicaUrl, String expected) {
    // GIVEN
    SampleDeployment deployment =
        ProjectTemplates.deployedIn(
            region,
            Map.of(
                "ReferenceDataBaseUrl",
                "https://refdata.example.com",
                "ReplicaReferenceDataBaseUrl",
                replicaUrl));
    Resource parameter =
        TEMPLATES
            .require("configuration.json")
            .resource("ReferenceDataEndpointParameter")
            .orElseThrow();

    // WHEN
    String url = deployment.text(parameter.template(), parameter.property("Value"));

    // THEN
    assertThat(url).isEqualTo(expected);
  }

  /** The condition of the template rule's first assertion. */
  private static JsonNode assertion(Template template, String rule) {
    return template.section("Rules").path(rule).path("Assertions").get(0).path("Assert");
  }

  private static String environmentVariable(
      SampleDeployment deployment, Resource function, String variable) {
    return deployment
        .evaluate(function.template(), function.property("Environment"))
        .path("Variables")
        .path(variable)
        .asText();
  }
}

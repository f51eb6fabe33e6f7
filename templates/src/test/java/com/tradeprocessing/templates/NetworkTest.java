package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkTest {

  private static final TemplateSet TEMPLATES = ProjectTemplates.all();
  private static final String PRIMARY_SERVICE =
      "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
  private static final String REPLICA_SERVICE =
      "com.amazonaws.vpce.eu-west-1.vpce-svc-0fedcba9876543210";

  @ParameterizedTest
  @CsvSource({"us-east-1, use1-az4, use1-az6", "eu-west-1, euw1-az2, euw1-az3"})
  void privateSubnets_zoneIdsOfBothRegions_shouldBeThoseOfTheirOwnRegion(
      String region, String zoneA, String zoneB) {
    // GIVEN
    SampleDeployment deployment =
        ProjectTemplates.deployedIn(
            region,
            Map.of(
                "PrimaryAvailabilityZoneIds", "use1-az4,use1-az6",
                "ReplicaAvailabilityZoneIds", "euw1-az2,euw1-az3"));
    Template network = TEMPLATES.require("network.json");

    // WHEN
    List<JsonNode> subnets =
        network.resourcesOfType("AWS::EC2::Subnet").stream()
            .map(subnet -> deployment.evaluate(network, subnet.properties()))
            .toList();

    // THEN
    assertThat(subnets)
        .extracting(subnet -> subnet.path("AvailabilityZoneId").asText())
        .containsExactly(zoneA, zoneB);
    assertThat(subnets).noneMatch(subnet -> subnet.has("AvailabilityZone"));
  }

  @ParameterizedTest
  @CsvSource({
    "us-east-1, com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
    "eu-west-1, com.amazonaws.vpce.eu-west-1.vpce-svc-0fedcba9876543210"
  })
  void referenceDataEndpoint_serviceNamesOfBothRegions_shouldConnectToItsOwnRegionsService(
      String region, String expectedService) {
    // GIVEN
    SampleDeployment deployment =
        ProjectTemplates.deployedIn(
            region,
            Map.of(
                "PrimaryReferenceDataEndpointServiceName", PRIMARY_SERVICE,
                "ReplicaReferenceDataEndpointServiceName", REPLICA_SERVICE));
    Resource endpoint =
        TEMPLATES.require("network.json").resource("ReferenceDataEndpoint").orElseThrow();

    // WHEN
    String service = deployment.text(endpoint.template(), endpoint.property("ServiceName"));

    // THEN
    assertThat(deployment.deployed(endpoint)).isTrue();
    assertThat(service).isEqualTo(expectedService);
  }

  @ParameterizedTest
  @CsvSource({", true", "true, true", "false, false"})
  void referenceDataEndpoint_privateDnsInput_shouldDecidePrivateDns(
      String input, boolean expected) {
    // GIVEN
    Map<String, String> parameters = new HashMap<>();
    parameters.put("PrimaryReferenceDataEndpointServiceName", PRIMARY_SERVICE);
    parameters.put("ReplicaReferenceDataEndpointServiceName", REPLICA_SERVICE);
    if (input != null) {
      parameters.put("ReferenceDataPrivateDnsEnabled", input);
    }
    SampleDeployment deployment =
        ProjectTemplates.deployedIn(SampleDeployment.PRIMARY_REGION, parameters);
    Resource endpoint =
        TEMPLATES.require("network.json").resource("ReferenceDataEndpoint").orElseThrow();

    // WHEN
    JsonNode privateDns =
        deployment.evaluate(endpoint.template(), endpoint.property("PrivateDnsEnabled"));

    // THEN
    assertThat(privateDns.isBoolean()).isTrue();
    assertThat(privateDns.asBoolean()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "'', '', true",
    "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0,"
        + " com.amazonaws.vpce.eu-west-1.vpce-svc-0fedcba9876543210, true",
    "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0, '', false",
    "'', com.amazonaws.vpce.eu-west-1.vpce-svc-0fedcba9876543210, false"
  })
  void rootTemplate_referenceDataEndpointServicesRule_shouldAcceptBothRegionsOrNeither(
      String primary, String replica, boolean expected) {
    // GIVEN
    Template root = TEMPLATES.require("root.json");
    JsonNode assertion =
        root.section("Rules").path("ReferenceDataEndpointServicesRule").path("Assertions").get(0);
    SampleDeployment deployment =
        ProjectTemplates.deployedIn(
            SampleDeployment.PRIMARY_REGION,
            Map.of(
                "PrimaryReferenceDataEndpointServiceName", primary,
                "ReplicaReferenceDataEndpointServiceName", replica));

    // WHEN
    boolean accepted = deployment.evaluate(root, assertion.path("Assert")).asBoolean();

    // THEN
    assertThat(accepted).isEqualTo(expected);
    assertThat(assertion.path("AssertDescription").asText()).contains("both regions or of neither");
  }
}

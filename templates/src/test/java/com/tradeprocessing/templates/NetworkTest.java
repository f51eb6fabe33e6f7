package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkTest {

  @Test
  void network_subnets_shouldBePrivateInTwoAvailabilityZones() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = NetworkRules.PRIVATE_SUBNETS_IN_TWO_ZONES.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void network_routes_shouldNotLeadToTheInternet() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = NetworkRules.NO_INTERNET_ROUTE.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void network_endpoints_shouldServeEveryAwsApiCalledFromTheVpc() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = NetworkRules.ENDPOINTS_FOR_CALLED_SERVICES.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void network_awsServiceEndpoints_shouldHavePolicies() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = NetworkRules.ENDPOINT_POLICIES.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void network_referenceData_shouldBeReachedThroughAnOptionalPrivateEndpoint() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = NetworkRules.OPTIONAL_REFERENCE_DATA_ENDPOINT.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void network_securityGroups_shouldAllowHttpsOnly() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = NetworkRules.SECURITY_GROUPS_HTTPS_ONLY.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void network_endpointPolicies_shouldLetThroughWhatTheFunctionsCall() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = NetworkRules.ENDPOINT_POLICIES_ALLOW_FUNCTION_CALLS.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }
}

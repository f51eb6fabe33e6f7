package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The private network of the trade path: no internet, only endpoints. */
final class NetworkRules {

  /**
   * Services a VPC function's role names but that Lambda itself calls, outside the VPC: the
   * dead-letter queue delivery of asynchronous invocations and the network interfaces.
   */
  static final Map<String, String> CALLED_BY_LAMBDA_SERVICE =
      Map.of(
          "sqs", "Lambda delivers failed asynchronous invocations to the dead-letter queue",
          "ec2", "Lambda creates the function's network interfaces");

  /**
   * Actions of a VPC function's role that Lambda itself performs, outside the VPC. With active
   * tracing Lambda records the invocation's segments and sends them to X-Ray
   * (https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html). Code in the function that
   * traces by itself (the X-Ray SDK, OpenTelemetry) also reads sampling rules and targets, so a
   * role allowing those calls X-Ray from inside the VPC and needs an endpoint.
   */
  static final Map<String, String> ACTIONS_OF_LAMBDA_SERVICE =
      Map.of(
          "xray:PutTraceSegments", "Lambda sends the segments of active tracing",
          "xray:PutTelemetryRecords", "Lambda sends the telemetry of active tracing");

  private static final Set<String> INTERNET_TYPES =
      Set.of(
          "AWS::EC2::InternetGateway",
          "AWS::EC2::VPCGatewayAttachment",
          "AWS::EC2::NatGateway",
          "AWS::EC2::EgressOnlyInternetGateway",
          "AWS::EC2::EIP");

  private static final String NO_TRAFFIC = "127.0.0.1/32";

  /** Zone IDs in a region other than the sample deployments', so they cannot come from it. */
  private static final List<String> SAMPLE_ZONE_IDS = List.of("apse2-az3", "apse2-az1");

  static final TemplateRule PRIVATE_SUBNETS_IN_TWO_ZONES =
      TemplateRule.deployed(
          "private-subnets-in-two-availability-zones",
          (templates, deployment, violations) -> {
            for (Template template : templates.templates()) {
              List<Resource> subnets = template.resourcesOfType("AWS::EC2::Subnet");
              if (template.resourcesOfType("AWS::EC2::VPC").isEmpty()) {
                continue;
              }
              Set<String> zones = new HashSet<>();
              for (Resource subnet : subnets) {
                if (subnet.property("MapPublicIpOnLaunch").asBoolean(false)) {
                  violations.add(subnet.where() + " gives public addresses");
                }
                zones.add(zone(deployment, subnet));
              }
              zones.remove(SampleDeployment.UNRESOLVED);
              if (zones.size() < 2) {
                violations.add(
                    template.name()
                        + " has subnets in "
                        + zones.size()
                        + " availability zones, not two");
              }
            }
          });

  /**
   * The subnets' zones are an input: a parameter of two Availability Zone IDs puts them in those
   * zones, and left empty the region's first two zones are used. An interface endpoint can only be
   * in zones its endpoint service is available in, and an ID names the same zone in the provider's
   * account and in this one, where a zone name may not
   * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html).
   */
  static final TemplateRule SUBNET_ZONES_BY_ID =
      TemplateRule.perTemplate(
          "private-subnets-in-availability-zones-given-by-id",
          (template, violations) -> {
            if (template.resourcesOfType("AWS::EC2::VPC").isEmpty()) {
              return;
            }
            Optional<String> parameter =
                template.parameters().entrySet().stream()
                    .filter(entry -> acceptsZoneIds(entry.getValue()))
                    .map(Map.Entry::getKey)
                    .findFirst();
            if (parameter.isEmpty()) {
              violations.add(template.name() + " has no parameter for the zone IDs of its subnets");
              return;
            }
            // The template alone, so that the parameter is set here and not by a parent stack.
            TemplateSet alone = new TemplateSet(List.of(template));
            List<String> given =
                zones(alone, template, Map.of(parameter.get(), String.join(",", SAMPLE_ZONE_IDS)));
            if (!given.equals(SAMPLE_ZONE_IDS)) {
              violations.add(
                  template.name()
                      + " subnets are in "
                      + given
                      + ", not in the zones "
                      + SAMPLE_ZONE_IDS
                      + " given as "
                      + parameter.get());
            }
            List<String> byDefault = zones(alone, template, Map.of(parameter.get(), ""));
            if (byDefault.contains(SampleDeployment.UNRESOLVED)
                || Set.copyOf(byDefault).size() != byDefault.size()) {
              violations.add(
                  template.name()
                      + " subnets are in "
                      + byDefault
                      + " when "
                      + parameter.get()
                      + " is empty, not in distinct zones of the region");
            }
          });

  static final TemplateRule NO_INTERNET_ROUTE =
      TemplateRule.of(
          "no-route-to-the-internet",
          (templates, violations) -> {
            for (Resource resource : templates.resources()) {
              if (INTERNET_TYPES.contains(resource.type())) {
                violations.add(resource.where() + " is a way to the internet: " + resource.type());
              }
              if (resource.type().equals("AWS::EC2::Route")
                  && (resource.property("DestinationCidrBlock").asText().equals("0.0.0.0/0")
                      || resource.property("DestinationIpv6CidrBlock").asText().equals("::/0"))) {
                violations.add(resource.where() + " is a default route");
              }
            }
          });

  /** Each AWS API the VPC functions call from inside the VPC has an endpoint in it. */
  static final TemplateRule ENDPOINTS_FOR_CALLED_SERVICES =
      TemplateRule.deployed(
          "endpoints-for-every-service-called-from-the-vpc",
          (templates, deployment, violations) -> {
            Set<String> called = servicesCalledFromVpc(templates);
            Set<String> served = new TreeSet<>();
            for (Resource endpoint : templates.resourcesOfType("AWS::EC2::VPCEndpoint")) {
              String service = serviceName(deployment, endpoint);
              String prefix = "com.amazonaws." + deployment.region() + ".";
              if (!service.startsWith(prefix)) {
                continue;
              }
              String name = service.substring(prefix.length());
              served.add(name);
              boolean gateway = endpoint.property("VpcEndpointType").asText().equals("Gateway");
              if (!gateway && !endpoint.property("PrivateDnsEnabled").asBoolean(false)) {
                violations.add(endpoint.where() + " does not answer the service's own DNS name");
              }
              if (!gateway && endpoint.property("SubnetIds").size() < 2) {
                violations.add(endpoint.where() + " is not in both private subnets");
              }
            }
            called.removeAll(served);
            called.forEach(
                service ->
                    violations.add(
                        "no VPC endpoint for " + service + ", which a function in the VPC calls"));
          });

  /**
   * Each interface endpoint to an AWS service serves a service a function in the VPC calls from
   * inside it: an interface endpoint is billed per hour in each of its zones, used or not
   * (https://aws.amazon.com/privatelink/pricing/).
   */
  static final TemplateRule NO_UNUSED_INTERFACE_ENDPOINTS =
      TemplateRule.deployed(
          "interface-endpoints-serve-a-called-service",
          (templates, deployment, violations) -> {
            Set<String> called = servicesCalledFromVpc(templates);
            String prefix = "com.amazonaws." + deployment.region() + ".";
            for (Resource endpoint : templates.resourcesOfType("AWS::EC2::VPCEndpoint")) {
              String service = serviceName(deployment, endpoint);
              boolean gateway = endpoint.property("VpcEndpointType").asText().equals("Gateway");
              if (!gateway
                  && service.startsWith(prefix)
                  && !called.contains(service.substring(prefix.length()))) {
                violations.add(
                    endpoint.where()
                        + " serves "
                        + service.substring(prefix.length())
                        + ", which no function in the VPC calls from inside it");
              }
            }
          });

  static final TemplateRule ENDPOINT_POLICIES =
      TemplateRule.perDeployedResource(
          "aws-service-endpoints-have-policies",
          "AWS::EC2::VPCEndpoint",
          (deployment, endpoint, violations) -> {
            String service = serviceName(deployment, endpoint);
            if (!service.startsWith("com.amazonaws.")
                || service.startsWith("com.amazonaws.vpce.")) {
              return;
            }
            JsonNode statements = endpoint.property("PolicyDocument").path("Statement");
            if (statements.isEmpty()) {
              violations.add(endpoint.where() + " has no endpoint policy");
            }
            for (JsonNode statement : statements) {
              if (statement.path("Effect").asText().equals("Allow")
                  && !statement.has("Condition")) {
                violations.add(endpoint.where() + " allows callers of any account");
              }
            }
          });

  /** An endpoint policy lets through every action the VPC functions' roles allow on its service. */
  static final TemplateRule ENDPOINT_POLICIES_ALLOW_FUNCTION_CALLS =
      TemplateRule.deployed(
          "endpoint-policies-allow-what-the-functions-call",
          (templates, deployment, violations) -> {
            Map<String, Set<String>> allowedByService = new HashMap<>();
            for (Resource endpoint : templates.resourcesOfType("AWS::EC2::VPCEndpoint")) {
              String service = serviceName(deployment, endpoint);
              String name = service.substring(service.lastIndexOf('.') + 1);
              Set<String> allowed = allowedByService.computeIfAbsent(name, key -> new TreeSet<>());
              for (JsonNode statement :
                  Intrinsics.oneOrMany(endpoint.property("PolicyDocument").path("Statement"))) {
                if (statement.path("Effect").asText().equals("Allow")) {
                  allowed.addAll(PolicyDocuments.actions(statement));
                }
              }
            }
            for (Resource function : templates.resourcesOfType("AWS::Lambda::Function")) {
              if (!function.properties().has("VpcConfig")) {
                continue;
              }
              Set<String> inside = servicesCalledFromInside(function);
              for (String action : roleActions(function)) {
                String service = action.substring(0, action.indexOf(':'));
                Set<String> allowed = allowedByService.get(service);
                if (inside.contains(service) && allowed != null && !allowed.contains(action)) {
                  violations.add(
                      function.where()
                          + " may call "
                          + action
                          + ", which the "
                          + service
                          + " endpoint policy does not let through");
                }
              }
            }
          });

  /**
   * Actions the Lambda Insights extension performs from inside the sandbox with the permissions of
   * the CloudWatchLambdaInsightsExecutionRolePolicy managed policy, not of an inline policy.
   */
  static final Set<String> INSIGHTS_EXTENSION_ACTIONS =
      Set.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents");

  /**
   * An endpoint policy lets through only what a function in the VPC calls, so that credentials used
   * from the VPC can do no more through it than the functions need.
   */
  static final TemplateRule ENDPOINT_POLICIES_ONLY_FUNCTION_CALLS =
      TemplateRule.deployed(
          "endpoint-policies-allow-only-what-the-functions-call",
          (templates, deployment, violations) -> {
            Set<String> called = new TreeSet<>(INSIGHTS_EXTENSION_ACTIONS);
            for (Resource function : templates.resourcesOfType("AWS::Lambda::Function")) {
              if (function.properties().has("VpcConfig")) {
                called.addAll(roleActions(function));
              }
            }
            for (Resource endpoint : templates.resourcesOfType("AWS::EC2::VPCEndpoint")) {
              JsonNode policy =
                  deployment.evaluate(endpoint.template(), endpoint.property("PolicyDocument"));
              for (JsonNode statement : Intrinsics.oneOrMany(policy.path("Statement"))) {
                if (!statement.path("Effect").asText().equals("Allow")) {
                  continue;
                }
                for (String action : PolicyDocuments.actions(statement)) {
                  if (!called.contains(action)) {
                    violations.add(
                        endpoint.where()
                            + " lets through "
                            + action
                            + ", which no function in the VPC calls");
                  }
                }
              }
            }
          });

  /** Reference data is reached privately: through an endpoint to its service when one is given. */
  static final TemplateRule OPTIONAL_REFERENCE_DATA_ENDPOINT =
      TemplateRule.deployed(
          "optional-private-endpoint-to-reference-data",
          (templates, deployment, violations) -> {
            for (Template template : templates.templates()) {
              if (template.resourcesOfType("AWS::EC2::VPC").isEmpty()) {
                continue;
              }
              Optional<Resource> endpoint =
                  template.resourcesOfType("AWS::EC2::VPCEndpoint").stream()
                      .filter(
                          candidate ->
                              Intrinsics.ref(candidate.property("ServiceName")).isPresent())
                      .findFirst();
              if (endpoint.isEmpty()) {
                violations.add(
                    template.name()
                        + " has no endpoint to an endpoint service given as a parameter");
                continue;
              }
              String parameter =
                  Intrinsics.ref(endpoint.get().property("ServiceName")).orElseThrow();
              JsonNode definition = template.section("Parameters").path(parameter);
              if (!definition.path("Default").asText("-").isEmpty()
                  || !definition.path("AllowedPattern").asText().contains("vpce-svc-")) {
                violations.add(
                    template.name()
                        + " parameter "
                        + parameter
                        + " is not an optional endpoint service name");
              }
              if (endpoint.get().condition().isEmpty() || deployment.deployed(endpoint.get())) {
                violations.add(
                    endpoint.get().where() + " is not left out when no endpoint service is given");
              }
              // Creating an endpoint with private DNS fails unless the service has a verified
              // private DNS name; without it the service's name does not reach the endpoint.
              JsonNode privateDns = endpoint.get().property("PrivateDnsEnabled");
              if (privateDns.isBoolean()) {
                violations.add(
                    endpoint.get().where()
                        + " fixes PrivateDnsEnabled instead of taking it as an input");
              } else if (!deployment.evaluate(template, privateDns).asBoolean(false)) {
                violations.add(
                    endpoint.get().where()
                        + " does not answer the service's private DNS name by default");
              }
            }
          });

  static final TemplateRule SECURITY_GROUPS_HTTPS_ONLY =
      TemplateRule.of(
          "security-groups-https-only",
          (templates, violations) -> {
            for (Resource group : templates.resourcesOfType("AWS::EC2::SecurityGroup")) {
              for (JsonNode rule : group.property("SecurityGroupIngress")) {
                checkRule(group, "ingress", rule, violations);
                if (!rule.has("SourceSecurityGroupId")) {
                  violations.add(group.where() + " lets in addresses, not a security group");
                }
              }
              JsonNode egress = group.property("SecurityGroupEgress");
              if (egress.isEmpty()) {
                violations.add(group.where() + " keeps the default allow-all egress");
              }
              for (JsonNode rule : egress) {
                boolean noTraffic = rule.path("CidrIp").asText().equals(NO_TRAFFIC);
                if (!noTraffic) {
                  checkRule(group, "egress", rule, violations);
                }
              }
            }
            for (String type :
                List.of("AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress")) {
              for (Resource rule : templates.resourcesOfType(type)) {
                checkRule(rule, type, rule.properties(), violations);
              }
            }
          });

  private NetworkRules() {}

  /** The subnet's zone: its zone ID when it has one, else its zone name. */
  private static String zone(SampleDeployment deployment, Resource subnet) {
    JsonNode properties = deployment.evaluate(subnet.template(), subnet.properties());
    if (properties.has("AvailabilityZoneId") && properties.has("AvailabilityZone")) {
      return SampleDeployment.UNRESOLVED;
    }
    JsonNode zone =
        properties.has("AvailabilityZoneId")
            ? properties.get("AvailabilityZoneId")
            : properties.path("AvailabilityZone");
    return zone.isValueNode() ? zone.asText() : SampleDeployment.UNRESOLVED;
  }

  /** The zones of the template's subnets, in order, deployed alone with {@code parameters}. */
  private static List<String> zones(
      TemplateSet alone, Template template, Map<String, String> parameters) {
    SampleDeployment deployment =
        new SampleDeployment(alone, SampleDeployment.PRIMARY_REGION, parameters);
    return template.resourcesOfType("AWS::EC2::Subnet").stream()
        .map(subnet -> zone(deployment, subnet))
        .toList();
  }

  /** A text parameter that takes two zone IDs separated by a comma, or nothing. */
  private static boolean acceptsZoneIds(JsonNode parameter) {
    String pattern = parameter.path("AllowedPattern").asText();
    return parameter.path("Type").asText().equals("String")
        && !pattern.isEmpty()
        && Pattern.matches(pattern, String.join(",", SAMPLE_ZONE_IDS))
        && Pattern.matches(pattern, "");
  }

  /** The actions the function's role allows in its inline policies. */
  static Set<String> roleActions(Resource function) {
    Set<String> actions = new TreeSet<>();
    LambdaRules.role(function)
        .ifPresent(
            role -> {
              for (JsonNode policy : role.property("Policies")) {
                for (JsonNode statement :
                    Intrinsics.oneOrMany(policy.path("PolicyDocument").path("Statement"))) {
                  if (statement.path("Effect").asText().equals("Allow")
                      && !usedThroughAnotherService(statement)) {
                    actions.addAll(PolicyDocuments.actions(statement));
                  }
                }
              }
            });
    return actions;
  }

  /**
   * A statement allowing KMS only through another service (kms:ViaService): that service, DynamoDB
   * or SQS, calls KMS on the function's behalf from its own network, so the function never calls
   * KMS from the VPC (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html).
   */
  static boolean usedThroughAnotherService(JsonNode statement) {
    List<String> keys = new ArrayList<>();
    statement.path("Condition").forEach(operator -> keys.addAll(Intrinsics.names(operator)));
    return keys.contains("kms:ViaService");
  }

  /** The services the functions in the VPC call from inside it. */
  private static Set<String> servicesCalledFromVpc(TemplateSet templates) {
    Set<String> called = new TreeSet<>();
    for (Resource function : templates.resourcesOfType("AWS::Lambda::Function")) {
      if (function.properties().has("VpcConfig")) {
        called.addAll(servicesCalledFromInside(function));
      }
    }
    return called;
  }

  private static String serviceName(SampleDeployment deployment, Resource endpoint) {
    return deployment.text(endpoint.template(), endpoint.property("ServiceName"));
  }

  /** Service prefixes of the role's actions, less what Lambda calls outside the VPC. */
  static Set<String> servicesCalledFromInside(Resource function) {
    Set<String> services = new TreeSet<>();
    for (String action : roleActions(function)) {
      if (!ACTIONS_OF_LAMBDA_SERVICE.containsKey(action)) {
        services.add(action.substring(0, action.indexOf(':')));
      }
    }
    // The Lambda Insights extension runs inside the function's sandbox and writes to CloudWatch
    // Logs itself.
    boolean insights =
        LambdaRules.role(function).stream()
            .flatMap(role -> Intrinsics.oneOrMany(role.property("ManagedPolicyArns")).stream())
            .anyMatch(arn -> Intrinsics.sub(arn).orElse("").equals(LambdaRules.INSIGHTS_POLICY));
    if (insights) {
      services.add("logs");
    }
    services.removeAll(CALLED_BY_LAMBDA_SERVICE.keySet());
    return services;
  }

  private static void checkRule(
      Resource owner, String kind, JsonNode rule, List<String> violations) {
    boolean https =
        rule.path("IpProtocol").asText().equals("tcp")
            && rule.path("FromPort").asInt() == 443
            && rule.path("ToPort").asInt() == 443;
    if (!https) {
      violations.add(owner.where() + " " + kind + " rule is not HTTPS only: " + rule);
    }
    if (rule.path("Description").asText().isBlank()) {
      violations.add(owner.where() + " " + kind + " rule has no Description");
    }
  }
}

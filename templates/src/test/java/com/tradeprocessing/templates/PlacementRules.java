package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the stack set deploys in the primary region only, what in both regions, and which values
 * each region's instance gets.
 */
final class PlacementRules {

  private static final String PRIMARY = "Primary";
  private static final String REPLICA = "Replica";
  private static final String PRIMARY_REGION = SampleDeployment.PRIMARY_REGION;
  private static final String REPLICA_REGION = SampleDeployment.REPLICA_REGION;

  /** The table and its replication custom resource. */
  static final Set<String> PRIMARY_ONLY_TYPES =
      Set.of("AWS::DynamoDB::Table", "Custom::GlobalTableReplica");

  /** The trade path, its configuration and the image repository it pulls from. */
  static final Set<String> BOTH_REGIONS_TYPES =
      Set.of(
          "AWS::StepFunctions::StateMachine",
          "AWS::Events::Rule",
          "AWS::Events::EventBus",
          "AWS::ECR::Repository",
          "AWS::SSM::Parameter");

  static final TemplateRule PRIMARY_REGION_ONLY =
      TemplateRule.of(
          "table-and-its-replica-resource-in-primary-region-only",
          (templates, violations) -> {
            SampleDeployment primary = SampleDeployment.inPrimaryRegion(templates);
            SampleDeployment replica = SampleDeployment.inReplicaRegion(templates);
            for (Resource resource : templates.resources()) {
              if (PRIMARY_ONLY_TYPES.contains(resource.type())) {
                if (!primary.deployed(resource)) {
                  violations.add(resource.where() + " is not deployed in the primary region");
                }
                if (replica.deployed(resource)) {
                  violations.add(resource.where() + " is deployed in the replica region too");
                }
              }
            }
          });

  static final TemplateRule TRADE_PATH_IN_BOTH_REGIONS =
      TemplateRule.of(
          "trade-path-in-both-regions",
          (templates, violations) -> {
            for (SampleDeployment deployment :
                List.of(
                    SampleDeployment.inPrimaryRegion(templates),
                    SampleDeployment.inReplicaRegion(templates))) {
              for (Resource resource : templates.resources()) {
                boolean tradePathFunction =
                    resource.type().equals("AWS::Lambda::Function")
                        && LambdaRules.contract(deployment, resource)
                            .flatMap(StageContract.FunctionContract::stage)
                            .isPresent();
                if ((tradePathFunction || BOTH_REGIONS_TYPES.contains(resource.type()))
                    && !deployment.deployed(resource)) {
                  violations.add(resource.where() + " is not deployed in " + deployment.region());
                }
              }
            }
          });

  /**
   * A value that differs per region is given per region and each region's stacks get their own: a
   * {@code Replica<X>} parameter of an entry template goes to the replica region's stacks and its
   * {@code Primary<X>} counterpart to the primary's. Beside an {@code <X>} parameter instead, it
   * overrides {@code <X>} in the replica region, which then gets {@code <X>} when it is empty. The
   * stack set passes one parameter set to both regions' instances, so nothing else tells them
   * apart. ({@code PrimaryRegion} and {@code ReplicaRegion} name the regions; both regions use
   * both.)
   */
  static final TemplateRule REGIONAL_VALUES_BY_REGION =
      TemplateRule.of(
          "regional-values-chosen-by-region",
          (templates, violations) -> {
            for (Template entry : templates.entryPoints()) {
              Map<String, JsonNode> parameters = entry.parameters();
              for (String replica : parameters.keySet()) {
                if (!replica.startsWith(REPLICA) || replica.equals("ReplicaRegion")) {
                  continue;
                }
                String value = replica.substring(REPLICA.length());
                boolean override = !parameters.containsKey(PRIMARY + value);
                String primary = override ? value : PRIMARY + value;
                if (!parameters.containsKey(primary)) {
                  violations.add(
                      entry.name()
                          + " parameter "
                          + replica
                          + " has neither "
                          + PRIMARY
                          + value
                          + " nor "
                          + value
                          + " beside it");
                  continue;
                }
                String primarySample = "primary-" + value;
                String replicaSample = "replica-" + value;
                Map<String, String> both = Map.of(primary, primarySample, replica, replicaSample);
                checkRegion(templates, entry, PRIMARY_REGION, both, primary, replica, violations);
                checkRegion(templates, entry, REPLICA_REGION, both, replica, primary, violations);
                if (override) {
                  if (!parameters.get(replica).path("Default").asText("-").isEmpty()) {
                    violations.add(entry.name() + " parameter " + replica + " is not optional");
                  }
                  Map<String, String> primaryOnly = Map.of(primary, primarySample, replica, "");
                  if (!passedValues(templates, entry, REPLICA_REGION, primaryOnly)
                      .containsValue(primarySample)) {
                    violations.add(
                        entry.name()
                            + " gives "
                            + REPLICA_REGION
                            + " no "
                            + primary
                            + " when "
                            + replica
                            + " is empty");
                  }
                }
              }
            }
          });

  private PlacementRules() {}

  /** In {@code region}, the stacks get the value of {@code own}, never that of {@code other}. */
  private static void checkRegion(
      TemplateSet templates,
      Template entry,
      String region,
      Map<String, String> samples,
      String own,
      String other,
      List<String> violations) {
    Map<String, String> passed = passedValues(templates, entry, region, samples);
    if (!passed.containsValue(samples.get(own))) {
      violations.add(entry.name() + " passes " + own + " to no stack in " + region);
    }
    passed.forEach(
        (where, value) -> {
          if (value.contains(samples.get(other))) {
            violations.add(where + " gets " + other + " in " + region);
          }
        });
  }

  /** The value each deployed nested stack of {@code entry} gets for each of its parameters. */
  private static Map<String, String> passedValues(
      TemplateSet templates, Template entry, String region, Map<String, String> parameters) {
    SampleDeployment deployment = new SampleDeployment(templates, region, parameters);
    Map<String, String> passed = new HashMap<>();
    for (Resource stack : entry.resourcesOfType("AWS::CloudFormation::Stack")) {
      if (deployment.deployed(stack)) {
        stack
            .property("Parameters")
            .properties()
            .forEach(
                parameter ->
                    passed.put(
                        stack.where() + " parameter " + parameter.getKey(),
                        deployment.text(entry, parameter.getValue())));
      }
    }
    return passed;
  }
}

package com.tradeprocessing.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What the stack set deploys in the primary region only, and what in both regions. */
final class PlacementRules {

  /** The table, its replication custom resource and the registry's replication settings. */
  static final Set<String> PRIMARY_ONLY_TYPES =
      Set.of(
          "AWS::DynamoDB::Table",
          "Custom::GlobalTableReplica",
          "AWS::ECR::ReplicationConfiguration");

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
          "table-replica-and-image-replication-in-primary-region-only",
          templates -> {
            SampleDeployment primary = SampleDeployment.inPrimaryRegion(templates);
            SampleDeployment replica = SampleDeployment.inReplicaRegion(templates);
            List<String> violations = new ArrayList<>();
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
            return violations;
          });

  static final TemplateRule TRADE_PATH_IN_BOTH_REGIONS =
      TemplateRule.of(
          "trade-path-in-both-regions",
          templates -> {
            List<String> violations = new ArrayList<>();
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
            return violations;
          });

  private PlacementRules() {}
}

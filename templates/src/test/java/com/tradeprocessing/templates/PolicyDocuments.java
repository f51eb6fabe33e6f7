package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The IAM policy documents of a template set: identity policies and resource policies. */
final class PolicyDocuments {

  /** A policy document and where it is. */
  record Policy(Resource owner, String path, JsonNode document, boolean identityPolicy) {

    List<JsonNode> statements() {
      return Intrinsics.oneOrMany(document.path("Statement"));
    }

    String where() {
      return owner.where() + " " + path;
    }
  }

  private PolicyDocuments() {}

  /** Inline and customer managed policies: what a role may do. */
  static List<Policy> identityPolicies(TemplateSet templates) {
    List<Policy> policies = new ArrayList<>();
    for (Resource role : templates.resourcesOfType("AWS::IAM::Role")) {
      JsonNode inline = role.property("Policies");
      for (int i = 0; i < inline.size(); i++) {
        policies.add(new Policy(role, "Policies/" + i, inline.get(i).path("PolicyDocument"), true));
      }
    }
    for (String type :
        List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy")) {
      for (Resource policy : templates.resourcesOfType(type)) {
        policies.add(new Policy(policy, "PolicyDocument", policy.property("PolicyDocument"), true));
      }
    }
    return policies;
  }

  /** Policies attached to a resource: who may use it. */
  static List<Policy> resourcePolicies(TemplateSet templates) {
    List<Policy> policies = new ArrayList<>();
    add(policies, templates, "AWS::KMS::Key", "KeyPolicy");
    add(policies, templates, "AWS::SNS::TopicPolicy", "PolicyDocument");
    add(policies, templates, "AWS::SQS::QueuePolicy", "PolicyDocument");
    add(policies, templates, "AWS::ECR::Repository", "RepositoryPolicyText");
    add(policies, templates, "AWS::EC2::VPCEndpoint", "PolicyDocument");
    return policies;
  }

  static List<Policy> all(TemplateSet templates) {
    List<Policy> policies = new ArrayList<>(identityPolicies(templates));
    policies.addAll(resourcePolicies(templates));
    return policies;
  }

  static List<String> actions(JsonNode statement) {
    return Intrinsics.oneOrMany(statement.path("Action")).stream().map(JsonNode::asText).toList();
  }

  private static void add(
      List<Policy> policies, TemplateSet templates, String type, String property) {
    for (Resource resource : templates.resourcesOfType(type)) {
      if (!resource.property(property).isMissingNode()) {
        policies.add(new Policy(resource, property, resource.property(property), false));
      }
    }
  }
}

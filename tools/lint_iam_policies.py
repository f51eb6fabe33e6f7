#!/usr/bin/env python3
"""Lints every IAM identity policy of the CloudFormation templates with parliament.

The templates' policies are full of intrinsic functions (Fn::Sub, Fn::GetAtt, Ref) that
parliament cannot read. Each policy document is first rendered as CloudFormation would render it
for a sample deployment (account 111122223333, us-east-1, environment dev): parameters take the
sample values below or their defaults, and a resource's Ref or Fn::GetAtt Arn becomes an ARN of
its type. Parliament then checks actions, resource ARN formats, condition keys and their types
(https://github.com/duo-labs/parliament).

Policies checked: each role's inline policies and every AWS::IAM::ManagedPolicy, AWS::IAM::Policy
and AWS::IAM::RolePolicy. Trust policies and resource policies (key, queue, topic and endpoint
policies) are not identity policies; parliament's checks are written for identity policies.

Findings a reviewer accepted are listed, with the reason, in tools/iam-lint-suppressions.json;
a suppression that matches nothing is itself reported, so the list cannot go stale.

Usage: lint_iam_policies.py [TEMPLATE ...]   (default: templates/*.json)
Exit status: 0 without unsuppressed findings, 1 otherwise.
"""

import glob
import json
import os
import re
import sys

ACCOUNT = "111122223333"
REGION = "us-east-1"
ENVIRONMENT = "dev"
PSEUDO = {
    "AWS::AccountId": ACCOUNT,
    "AWS::Region": REGION,
    "AWS::Partition": "aws",
    "AWS::URLSuffix": "amazonaws.com",
    "AWS::StackName": "trade-processing-" + ENVIRONMENT,
}
# Sample values of parameters without a usable default, as the root stack passes them.
SAMPLE_PARAMETERS = {
    "EnvironmentSuffix": ENVIRONMENT,
    "PrimaryRegion": "us-east-1",
    "ReplicaRegion": "eu-west-1",
    "TradesTableName": "dynamodb-trades-" + ENVIRONMENT,
    "ThresholdsPath": f"/trade-processing/{ENVIRONMENT}/thresholds/",
    "ReferenceDataEndpointParameterName": f"/trade-processing/{ENVIRONMENT}/endpoints/reference-data",
    "AlarmTopicArn": f"arn:aws:sns:{REGION}:{ACCOUNT}:sns-alarms-{ENVIRONMENT}",
    "TelemetryKeyArn": f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab",
}
STAGES = ("Validator", "Enricher", "Recorder")
for _stage in STAGES:
    _name = _stage.lower()
    SAMPLE_PARAMETERS[_stage + "FunctionArn"] = (
        f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:lambda-{_name}-{ENVIRONMENT}"
    )
    SAMPLE_PARAMETERS[_stage + "DeadLetterQueueArn"] = (
        f"arn:aws:sqs:{REGION}:{ACCOUNT}:sqs-{_name}-dlq-{ENVIRONMENT}"
    )
    SAMPLE_PARAMETERS[_stage + "DeadLetterQueueUrl"] = (
        f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/sqs-{_name}-dlq-{ENVIRONMENT}"
    )

NAME_PROPERTIES = {
    "AWS::Lambda::Function": "FunctionName",
    "AWS::SQS::Queue": "QueueName",
    "AWS::SNS::Topic": "TopicName",
    "AWS::DynamoDB::Table": "TableName",
    "AWS::IAM::Role": "RoleName",
    "AWS::Logs::LogGroup": "LogGroupName",
    "AWS::StepFunctions::StateMachine": "StateMachineName",
    "AWS::Events::EventBus": "Name",
    "AWS::Events::Rule": "Name",
    "AWS::ECR::Repository": "RepositoryName",
}
SAMPLE_KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab"
IDENTITY_POLICY_TYPES = ("AWS::IAM::ManagedPolicy", "AWS::IAM::Policy", "AWS::IAM::RolePolicy")
SUPPRESSIONS = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "iam-lint-suppressions.json"
)


class Renderer:
    """Resolves the intrinsic functions of one template for the sample deployment."""

    def __init__(self, template):
        self.template = template
        self.parameters = template.get("Parameters", {})
        self.resources = template.get("Resources", {})

    def render(self, node):
        if isinstance(node, list):
            return [self.render(item) for item in node]
        if not isinstance(node, dict):
            return node
        if len(node) == 1:
            ((function, argument),) = node.items()
            if function == "Ref":
                return self.ref(argument)
            if function == "Fn::Sub":
                return self.sub(argument)
            if function == "Fn::GetAtt":
                logical_id, attribute = (
                    argument if isinstance(argument, list) else argument.split(".", 1)
                )
                return self.get_att(logical_id, attribute)
            if function == "Fn::Join":
                return argument[0].join(str(item) for item in self.render(argument[1]))
            if function == "Fn::If":
                # Either branch is a policy CloudFormation may deploy; the first is checked.
                return self.render(argument[1])
            if function == "Fn::Select":
                return self.render(argument[1])[int(self.render(argument[0]))]
            if function == "Fn::Split":
                return str(self.render(argument[1])).split(argument[0])
        return {key: self.render(value) for key, value in node.items()}

    def ref(self, name):
        if name in PSEUDO:
            return PSEUDO[name]
        if name in self.parameters:
            if name in SAMPLE_PARAMETERS:
                return SAMPLE_PARAMETERS[name]
            if "Default" in self.parameters[name]:
                return str(self.parameters[name]["Default"])
            raise KeyError(f"parameter {name} has no sample value; add one to SAMPLE_PARAMETERS")
        resource = self.resources[name]
        if resource["Type"] in ("AWS::SQS::Queue",):
            return f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{self.name(name)}"
        if resource["Type"] in ("AWS::SNS::Topic", "AWS::StepFunctions::StateMachine"):
            return self.arn(name)
        if resource["Type"] == "AWS::KMS::Key":
            return SAMPLE_KEY_ID
        return self.name(name)

    def name(self, logical_id):
        resource = self.resources[logical_id]
        prop = NAME_PROPERTIES.get(resource["Type"])
        if prop and prop in resource.get("Properties", {}):
            return str(self.render(resource["Properties"][prop]))
        return logical_id.lower()

    def arn(self, logical_id):
        kind = self.resources[logical_id]["Type"]
        name = self.name(logical_id)
        prefix = "arn:aws:"
        by_type = {
            "AWS::Lambda::Function": "lambda:%s:%s:function:%s",
            "AWS::SQS::Queue": "sqs:%s:%s:%s",
            "AWS::DynamoDB::Table": "dynamodb:%s:%s:table/%s",
            "AWS::Logs::LogGroup": "logs:%s:%s:log-group:%s:*",
            "AWS::StepFunctions::StateMachine": "states:%s:%s:stateMachine:%s",
            "AWS::SNS::Topic": "sns:%s:%s:%s",
            "AWS::Events::EventBus": "events:%s:%s:event-bus/%s",
            "AWS::ECR::Repository": "ecr:%s:%s:repository/%s",
        }
        if kind == "AWS::IAM::Role":
            return prefix + f"iam::{ACCOUNT}:role/{name}"
        if kind == "AWS::KMS::Key":
            return prefix + f"kms:{REGION}:{ACCOUNT}:key/{SAMPLE_KEY_ID}"
        if kind not in by_type:
            raise KeyError(f"no sample ARN for {logical_id} ({kind})")
        return prefix + by_type[kind] % (REGION, ACCOUNT, name)

    def get_att(self, logical_id, attribute):
        if attribute == "Arn":
            return self.arn(logical_id)
        if attribute in ("QueueName", "Name"):
            return self.name(logical_id)
        raise KeyError(f"no sample value for {logical_id}.{attribute}")

    def sub(self, argument):
        text, variables = (argument, {}) if isinstance(argument, str) else argument
        variables = {key: self.render(value) for key, value in variables.items()}

        def replace(match):
            variable = match.group(1)
            if variable.startswith("!"):
                return "${" + variable[1:] + "}"
            if variable in variables:
                return str(variables[variable])
            if "." in variable and not variable.startswith("AWS::"):
                logical_id, attribute = variable.split(".", 1)
                return str(self.get_att(logical_id, attribute))
            return str(self.ref(variable))

        return re.sub(r"\$\{([^}]+)\}", replace, text)


def identity_policies(path):
    """(where, rendered policy document) of every identity policy of the template at path."""
    with open(path, encoding="utf-8") as source:
        template = json.load(source)
    renderer = Renderer(template)
    name = os.path.basename(path)
    for logical_id, resource in template.get("Resources", {}).items():
        properties = resource.get("Properties", {})
        if resource["Type"] == "AWS::IAM::Role":
            for policy in properties.get("Policies", []):
                where = f"{name}/{logical_id}/{policy.get('PolicyName', '?')}"
                yield where, renderer.render(policy["PolicyDocument"])
        elif resource["Type"] in IDENTITY_POLICY_TYPES:
            yield f"{name}/{logical_id}", renderer.render(properties["PolicyDocument"])


def findings_of(document):
    """Parliament's findings for one rendered policy document: (issue, detail) pairs."""
    from parliament import (
        analyze_policy_string,  # imported late: tests of rendering need no scanner
    )

    policy = analyze_policy_string(json.dumps(document), include_community_auditors=False)
    return [
        (finding.issue, json.dumps(finding.detail, sort_keys=True, default=str))
        for finding in policy.findings
    ]


def load_suppressions(path=SUPPRESSIONS):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as source:
        suppressions = json.load(source)
    for suppression in suppressions:
        if not suppression.get("reason", "").strip():
            raise ValueError(f"suppression without a reason: {suppression}")
    return suppressions


def lint(paths, suppressions):
    """(policies checked, unsuppressed findings, suppressions that matched nothing, suppressions used).

    A suppression names the policy, the issue and a text its detail contains; it covers every finding
    of that issue in that policy whose detail contains the text.
    """
    reported, used, count = [], set(), 0
    for path in paths:
        for where, document in identity_policies(path):
            count += 1
            for issue, detail in findings_of(document):
                match = next(
                    (
                        index
                        for index, suppression in enumerate(suppressions)
                        if suppression["policy"] == where
                        and suppression["issue"] == issue
                        and suppression.get("detail", "") in detail
                    ),
                    None,
                )
                if match is None:
                    reported.append(f"{where}: {issue} {detail}")
                else:
                    used.add(match)
    unused = [suppression for index, suppression in enumerate(suppressions) if index not in used]
    return count, reported, unused, len(used)


def main(argv):
    paths = argv[1:] or sorted(glob.glob("templates/*.json"))
    count, reported, unused, suppressed = lint(paths, load_suppressions())
    for finding in reported:
        print("parliament: " + finding)
    for suppression in unused:
        print(
            "parliament: suppression matches no finding: "
            f"{suppression['policy']} {suppression['issue']}"
        )
    print(
        f"parliament: {count} policies in {len(paths)} templates, {len(reported)} findings,"
        f" {suppressed} suppressions with their reasons"
    )
    return 1 if reported or unused else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

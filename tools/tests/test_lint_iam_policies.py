"""Tests of tools/lint_iam_policies.py: rendering of intrinsics, parliament's findings, suppressions."""

import json
from pathlib import Path

import lint_iam_policies as lint
import pytest


def write_template(tmp_path, statements, name="functions.json"):
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Parameters": {
            "EnvironmentSuffix": {"Type": "String"},
            "TradesTableName": {"Type": "String"},
        },
        "Resources": {
            "RecorderDeadLetterQueue": {
                "Type": "AWS::SQS::Queue",
                "Properties": {"QueueName": {"Fn::Sub": "sqs-recorder-dlq-${EnvironmentSuffix}"}},
            },
            "RecorderRole": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "RoleName": {"Fn::Sub": "role-recorder-${AWS::Region}-${EnvironmentSuffix}"},
                    "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []},
                    "Policies": [
                        {
                            "PolicyName": "recorder-least-privilege",
                            "PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
                        }
                    ],
                },
            },
        },
    }
    path = tmp_path / name
    path.write_text(json.dumps(template), encoding="utf-8")
    return str(path)


SEND = {
    "Sid": "SendFailedAsyncInvocationsToOwnDeadLetterQueue",
    "Effect": "Allow",
    "Action": "sqs:SendMessage",
    "Resource": {"Fn::GetAtt": ["RecorderDeadLetterQueue", "Arn"]},
}
RECORD = {
    "Sid": "ReadAndWriteTradeRecords",
    "Effect": "Allow",
    "Action": ["dynamodb:GetItem", "dynamodb:PutItem"],
    "Resource": {
        "Fn::Sub": "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TradesTableName}"
    },
}


def test_identity_policies_when_rendered_should_replace_intrinsics_by_the_sample_deployments_arns(
    tmp_path,
):
    # GIVEN
    path = write_template(tmp_path, [SEND, RECORD])

    # WHEN
    [(where, document)] = list(lint.identity_policies(path))

    # THEN
    assert where == "functions.json/RecorderRole/recorder-least-privilege"
    assert (
        document["Statement"][0]["Resource"]
        == "arn:aws:sqs:us-east-1:111122223333:sqs-recorder-dlq-dev"
    )
    assert (
        document["Statement"][1]["Resource"]
        == "arn:aws:dynamodb:us-east-1:111122223333:table/dynamodb-trades-dev"
    )


def test_lint_when_the_policy_is_scoped_should_report_nothing(tmp_path):
    # GIVEN
    path = write_template(tmp_path, [SEND, RECORD])

    # WHEN
    count, reported, unused, suppressed = lint.lint([path], [])

    # THEN
    assert (count, reported, unused, suppressed) == (1, [], [], 0)


def test_lint_when_an_action_is_misspelled_should_report_parliaments_unknown_action(tmp_path):
    # GIVEN
    broken = dict(
        RECORD,
        Action=["dynamodb:GetItems"],
        Resource="arn:aws:sqs:us-east-1:111122223333:not-a-table",
    )
    path = write_template(tmp_path, [broken])

    # WHEN
    _, reported, _, _ = lint.lint([path], [])

    # THEN
    assert any(
        "UNKNOWN_ACTION" in finding and "dynamodb:GetItems" in finding for finding in reported
    )


def test_lint_when_a_resource_is_not_of_the_actions_type_should_report_resource_mismatch(tmp_path):
    # GIVEN
    broken = dict(RECORD, Resource={"Fn::GetAtt": ["RecorderDeadLetterQueue", "Arn"]})
    path = write_template(tmp_path, [broken])

    # WHEN
    _, reported, _, _ = lint.lint([path], [])

    # THEN
    assert reported and all("RESOURCE_MISMATCH" in finding for finding in reported)


def test_lint_when_a_suppression_matches_the_finding_should_suppress_it(tmp_path):
    # GIVEN
    broken = dict(RECORD, Resource={"Fn::GetAtt": ["RecorderDeadLetterQueue", "Arn"]})
    path = write_template(tmp_path, [broken])
    suppression = {
        "policy": "functions.json/RecorderRole/recorder-least-privilege",
        "issue": "RESOURCE_MISMATCH",
        "detail": "dynamodb:GetItem",
        "reason": "a reason a reviewer accepts",
    }

    # WHEN
    count, reported, unused, suppressed = lint.lint([path], [suppression])

    # THEN
    assert (count, reported, unused, suppressed) == (1, [], [], 1)


def test_lint_when_a_suppression_matches_nothing_should_report_it_as_unused(tmp_path):
    # GIVEN
    path = write_template(tmp_path, [SEND])
    stale = {
        "policy": "functions.json/RecorderRole/recorder-least-privilege",
        "issue": "RESOURCE_MISMATCH",
        "reason": "the finding this was for is gone",
    }

    # WHEN
    _, reported, unused, _ = lint.lint([path], [stale])

    # THEN
    assert reported == [] and unused == [stale]


def test_load_suppressions_when_one_has_no_reason_should_refuse_them(tmp_path):
    # GIVEN
    path = tmp_path / "suppressions.json"
    path.write_text(
        json.dumps([{"policy": "p", "issue": "RESOURCE_STAR", "reason": " "}]), encoding="utf-8"
    )

    # WHEN / THEN
    with pytest.raises(ValueError, match="suppression without a reason"):
        lint.load_suppressions(str(path))


def test_identity_policies_when_a_parameter_has_no_sample_value_should_fail_naming_it(tmp_path):
    # GIVEN
    statement = dict(
        SEND, Resource={"Fn::Sub": "arn:aws:sqs:us-east-1:111122223333:${UnknownQueueName}"}
    )
    path = write_template(tmp_path, [statement])
    template = json.loads(Path(path).read_text(encoding="utf-8"))
    template["Parameters"]["UnknownQueueName"] = {"Type": "String"}
    Path(path).write_text(json.dumps(template), encoding="utf-8")

    # WHEN / THEN
    with pytest.raises(KeyError, match="UnknownQueueName has no sample value"):
        list(lint.identity_policies(path))

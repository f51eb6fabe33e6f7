"""The patches of deployment_patches.py: what deploy.sh and destroy.sh rely on, one test each.

Each test fails on unpatched moto 5.2.5 (the behaviour it asserts is the one the patch adds).
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.request
from typing import Any

import botocore.exceptions
import pytest
from support import ACCOUNT, EmulatorProcess, StubLambdaHost, poll, unique

PRIMARY, REPLICA = "us-east-1", "eu-west-1"


def client(emulator: EmulatorProcess, service: str, region: str = PRIMARY) -> Any:
    return emulator.client(service, region)


def template(
    resources: dict[str, Any],
    outputs: dict[str, Any] | None = None,
    parameters: dict[str, Any] | None = None,
) -> str:
    body: dict[str, Any] = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources}
    if parameters:
        body["Parameters"] = parameters
    if outputs:
        body["Outputs"] = outputs
    return json.dumps(body)


def queue_template(name: str) -> str:
    return template(
        {"Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": name}}},
        {"QueueName": {"Value": {"Fn::GetAtt": ["Queue", "QueueName"]}}},
    )


def outputs_of(cloudformation: Any, stack: str) -> dict[str, str]:
    described = cloudformation.describe_stacks(StackName=stack)["Stacks"][0]
    return {o["OutputKey"]: o["OutputValue"] for o in described.get("Outputs", [])}


def upload(emulator: EmulatorProcess, body: str) -> str:
    """Puts a template in S3 and returns its path-style URL on the emulator's own endpoint."""
    s3 = client(emulator, "s3")
    bucket = unique("templates")
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="t.json", Body=body.encode())
    return f"{emulator.endpoint}/{bucket}/t.json"


# --- CloudFormation ---------------------------------------------------------------------------


def test_change_set_executed_should_give_the_stack_its_outputs_and_an_unchanged_one_should_be_failed(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN a stack created from a change set, as `aws cloudformation deploy` creates it
    cloudformation = client(emulator, "cloudformation")
    stack, queue = unique("change-set"), unique("queue")
    cloudformation.create_change_set(
        StackName=stack,
        ChangeSetName="c1",
        ChangeSetType="CREATE",
        TemplateBody=queue_template(queue),
    )
    cloudformation.execute_change_set(ChangeSetName="c1", StackName=stack)

    # WHEN the same template is submitted again
    cloudformation.create_change_set(
        StackName=stack,
        ChangeSetName="c2",
        ChangeSetType="UPDATE",
        TemplateBody=queue_template(queue),
    )
    unchanged = cloudformation.describe_change_set(ChangeSetName="c2", StackName=stack)

    # THEN the stack has its template's outputs, and the empty change set is FAILED, not refused
    assert outputs_of(cloudformation, stack) == {"QueueName": queue}
    assert unchanged["Status"] == "FAILED"
    assert "didn't contain changes" in unchanged["StatusReason"]


def test_nested_stack_from_a_loopback_url_should_be_read_and_its_outputs_passed_on(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN a child template in S3 under the emulator's own endpoint (as `cloudformation package`
    # writes it when pointed there), and a root that passes the child's output on
    cloudformation = client(emulator, "cloudformation")
    queue = unique("nested")
    child_url = upload(emulator, queue_template(queue))
    root = template(
        {"Child": {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": child_url}}},
        {"FromChild": {"Value": {"Fn::GetAtt": ["Child", "Outputs.QueueName"]}}},
    )
    stack = unique("root")

    # WHEN
    cloudformation.create_stack(StackName=stack, TemplateBody=root)

    # THEN
    assert outputs_of(cloudformation, stack) == {"FromChild": queue}


def test_cidr_and_availability_zones_should_be_evaluated_for_the_stack_region(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN a template that selects from Fn::Cidr and Fn::GetAZs, deployed in eu-west-1
    cloudformation = client(emulator, "cloudformation", REPLICA)
    body = template(
        {"Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": unique("cidr")}}},
        {
            "Second": {"Value": {"Fn::Select": [1, {"Fn::Cidr": ["10.20.0.0/16", 2, 8]}]}},
            "Zone": {"Value": {"Fn::Select": [1, {"Fn::GetAZs": ""}]}},
        },
    )
    stack = unique("cidr")

    # WHEN
    cloudformation.create_stack(StackName=stack, TemplateBody=body)

    # THEN
    assert outputs_of(cloudformation, stack) == {"Second": "10.20.1.0/24", "Zone": "eu-west-1b"}


def test_archive_pattern_object_and_rule_on_a_bus_reference_should_be_created(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN a bus, a rule on {"Ref": bus} and an archive whose pattern is a JSON object
    cloudformation = client(emulator, "cloudformation")
    bus = unique("bus")
    pattern = {"source": ["trading.oms"]}
    body = template(
        {
            "Bus": {"Type": "AWS::Events::EventBus", "Properties": {"Name": bus}},
            "Rule": {
                "Type": "AWS::Events::Rule",
                "Properties": {"EventBusName": {"Ref": "Bus"}, "EventPattern": pattern},
            },
            "Archive": {
                "Type": "AWS::Events::Archive",
                "Properties": {
                    "SourceArn": {"Fn::GetAtt": ["Bus", "Arn"]},
                    "EventPattern": pattern,
                },
            },
        }
    )

    # WHEN
    cloudformation.create_stack(StackName=unique("events"), TemplateBody=body)

    # THEN the rule is on the bus with its pattern, beside the one that feeds the archive
    rules = client(emulator, "events").list_rules(EventBusName=bus)["Rules"]
    patterns = [json.loads(r["EventPattern"]) for r in rules]
    assert pattern in patterns
    assert (
        len(
            client(emulator, "events").list_archives(
                EventSourceArn=f"arn:aws:events:{PRIMARY}:{ACCOUNT}:event-bus/{bus}"
            )["Archives"]
        )
        == 1
    )


def test_image_function_from_a_template_should_keep_package_type_image_config_and_architecture(
    emulator: EmulatorProcess, role_arn: str
) -> None:
    # GIVEN
    name = unique("image-function")
    body = template(
        {
            "Function": {
                "Type": "AWS::Lambda::Function",
                "Properties": {
                    "FunctionName": name,
                    "Role": role_arn,
                    "PackageType": "Image",
                    "Code": {
                        "ImageUri": f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/repo@sha256:{'a' * 64}"
                    },
                    "ImageConfig": {"Command": ["com.example.Handler::handleRequest"]},
                    "Architectures": ["arm64"],
                    "LoggingConfig": {"LogFormat": "JSON"},
                },
            }
        }
    )

    # WHEN
    client(emulator, "cloudformation").create_stack(StackName=unique("function"), TemplateBody=body)

    # THEN
    function = client(emulator, "lambda").get_function_configuration(FunctionName=name)
    assert function["PackageType"] == "Image"
    assert function["ImageConfigResponse"]["ImageConfig"]["Command"] == [
        "com.example.Handler::handleRequest"
    ]
    assert function["Architectures"] == ["arm64"]


# --- Stack sets -------------------------------------------------------------------------------


def stack_set_with_two_instances(
    emulator: EmulatorProcess, body: str, parameters: list[dict[str, Any]]
) -> tuple[Any, str, dict[str, str]]:
    cloudformation = client(emulator, "cloudformation")
    name = unique("set")
    cloudformation.create_stack_set(
        StackSetName=name, TemplateBody=body, Parameters=parameters, PermissionModel="SELF_MANAGED"
    )
    operations = {}
    for region in (PRIMARY, REPLICA):
        operations[region] = cloudformation.create_stack_instances(
            StackSetName=name, Accounts=[ACCOUNT], Regions=[region]
        )["OperationId"]
    return cloudformation, name, operations


def test_stack_set_instances_should_be_real_stacks_listed_per_region(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN
    cloudformation, name, _ = stack_set_with_two_instances(
        emulator, queue_template(unique("instance")), []
    )

    # WHEN
    listed = cloudformation.list_stack_instances(
        StackSetName=name, StackInstanceAccount=ACCOUNT, StackInstanceRegion=REPLICA
    )["Summaries"]
    described = cloudformation.describe_stack_instance(
        StackSetName=name, StackInstanceAccount=ACCOUNT, StackInstanceRegion=REPLICA
    )["StackInstance"]

    # THEN one instance is listed for the region, and its StackId names the stack in that region
    assert [i["Region"] for i in listed] == [REPLICA]
    assert described["Status"] == "CURRENT"
    stack = client(emulator, "cloudformation", REPLICA).describe_stacks(
        StackName=described["StackId"]
    )["Stacks"][0]
    assert stack["StackName"].startswith(f"StackSet-{name}-")
    assert stack["StackStatus"] == "CREATE_COMPLETE"


def test_update_stack_set_without_regions_should_update_every_instance_keeping_previous_values(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN instances of a template with a parameter set on creation and one left to its default
    body = template(
        {
            "Topic": {
                "Type": "AWS::SNS::Topic",
                "Properties": {"TopicName": {"Fn::Sub": "${Name}-${Kind}"}},
            }
        },
        {"QueueName": {"Value": {"Fn::Sub": "${Name}-${Kind}"}}},
        {"Name": {"Type": "String"}, "Kind": {"Type": "String", "Default": "std"}},
    )
    first = unique("before")
    cloudformation, name, _ = stack_set_with_two_instances(
        emulator, body, [{"ParameterKey": "Name", "ParameterValue": first}]
    )
    second = unique("after")

    # WHEN the stack set is updated without Accounts/Regions, Kind with UsePreviousValue
    operation = cloudformation.update_stack_set(
        StackSetName=name,
        TemplateBody=body,
        Parameters=[
            {"ParameterKey": "Name", "ParameterValue": second},
            {"ParameterKey": "Kind", "UsePreviousValue": True},
        ],
    )["OperationId"]

    # THEN both instances' stacks were updated and the operation succeeded
    assert (
        cloudformation.describe_stack_set_operation(StackSetName=name, OperationId=operation)[
            "StackSetOperation"
        ]["Status"]
        == "SUCCEEDED"
    )
    for region in (PRIMARY, REPLICA):
        stack_id = cloudformation.describe_stack_instance(
            StackSetName=name, StackInstanceAccount=ACCOUNT, StackInstanceRegion=region
        )["StackInstance"]["StackId"]
        assert outputs_of(client(emulator, "cloudformation", region), stack_id) == {
            "QueueName": f"{second}-std"
        }


def test_stack_set_instance_whose_stack_fails_should_be_outdated_with_a_failed_operation(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN a template moto cannot create (a Select past the end of its list)
    body = template(
        {
            "Queue": {
                "Type": "AWS::SQS::Queue",
                "Properties": {"QueueName": {"Fn::Select": [5, ["only-one"]]}},
            }
        }
    )

    # WHEN
    cloudformation, name, operations = stack_set_with_two_instances(emulator, body, [])

    # THEN the call succeeded, the operation FAILED with a reason, the instance is OUTDATED
    operation = cloudformation.describe_stack_set_operation(
        StackSetName=name, OperationId=operations[PRIMARY]
    )["StackSetOperation"]
    results = cloudformation.list_stack_set_operation_results(
        StackSetName=name, OperationId=operations[PRIMARY]
    )["Summaries"]
    instance = cloudformation.describe_stack_instance(
        StackSetName=name, StackInstanceAccount=ACCOUNT, StackInstanceRegion=PRIMARY
    )["StackInstance"]
    assert operation["Status"] == "FAILED"
    assert [(r["Region"], r["Status"]) for r in results] == [(PRIMARY, "FAILED")]
    assert results[0]["StatusReason"]
    assert instance["Status"] == "OUTDATED"


# --- Custom resources -------------------------------------------------------------------------


def answers(status: str, reason: str = "") -> Any:
    """A function that answers CloudFormation as a custom resource handler does, by PUT."""

    def behaviour(payload: dict[str, Any], attempt: int) -> tuple[int, dict[str, str], Any]:
        body = json.dumps(
            {
                "Status": status,
                "Reason": reason,
                "PhysicalResourceId": "physical-" + payload["LogicalResourceId"],
                "StackId": payload["StackId"],
                "RequestId": payload["RequestId"],
                "LogicalResourceId": payload["LogicalResourceId"],
                "Data": {},
            }
        ).encode()
        # An empty Content-Type, as AWS's cfn-response module sends its answer.
        request = urllib.request.Request(
            payload["ResponseURL"], data=body, method="PUT", headers={"Content-Type": ""}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200
        return 200, {}, {"answered": status}

    return behaviour


def custom_resource_stack(
    emulator: EmulatorProcess,
    lambda_host: StubLambdaHost,
    create_function: Any,
    status: str,
    reason: str = "",
) -> tuple[str, str]:
    function = unique("custom")
    create_function(function)
    lambda_host.behaviours[function] = answers(status, reason)
    arn = f"arn:aws:lambda:{PRIMARY}:{ACCOUNT}:function:{function}"
    body = template(
        {"Thing": {"Type": "Custom::Thing", "Properties": {"ServiceToken": arn, "Size": "3"}}}
    )
    stack = unique("custom")
    client(emulator, "cloudformation").create_stack(StackName=stack, TemplateBody=body)
    return stack, function


def test_custom_resource_answering_failed_should_fail_the_stack_with_the_reason(
    emulator: EmulatorProcess, lambda_host: StubLambdaHost, create_function: Any
) -> None:
    # GIVEN / WHEN a custom resource whose function answers FAILED
    stack, _ = custom_resource_stack(
        emulator, lambda_host, create_function, "FAILED", "the table is busy"
    )

    # THEN
    cloudformation = client(emulator, "cloudformation")
    status = poll(
        lambda: (
            (s := cloudformation.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"])
            != "CREATE_IN_PROGRESS"
            and s
        ),
        what="the stack's end",
    )
    events = cloudformation.describe_stack_events(StackName=stack)["StackEvents"]
    assert status == "CREATE_FAILED"
    assert any("the table is busy" in (e.get("ResourceStatusReason") or "") for e in events)


def test_stack_deleted_should_send_delete_to_the_custom_resource_with_its_physical_id_and_properties(
    emulator: EmulatorProcess, lambda_host: StubLambdaHost, create_function: Any
) -> None:
    # GIVEN a created custom resource
    stack, function = custom_resource_stack(emulator, lambda_host, create_function, "SUCCESS")
    cloudformation = client(emulator, "cloudformation")
    poll(
        lambda: (
            cloudformation.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]
            == "CREATE_COMPLETE"
        ),
        what="the stack's creation",
    )

    # WHEN
    cloudformation.delete_stack(StackName=stack)

    # THEN the function got Create, then Delete with the id it answered and the properties
    requests = lambda_host.calls_to(function)
    assert [r["RequestType"] for r in requests] == ["Create", "Delete"]
    assert requests[1]["PhysicalResourceId"] == "physical-Thing"
    assert requests[1]["ResourceProperties"]["Size"] == "3"


# --- DynamoDB ---------------------------------------------------------------------------------


def test_replica_update_should_add_and_remove_the_replica_table_in_the_other_region(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN a table with a global secondary index
    primary, replica = client(emulator, "dynamodb"), client(emulator, "dynamodb", REPLICA)
    table = unique("trades")
    primary.create_table(
        TableName=table,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[
            {"AttributeName": "id", "AttributeType": "S"},
            {"AttributeName": "isin", "AttributeType": "S"},
        ],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by-isin",
                "KeySchema": [{"AttributeName": "isin", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
    )

    # WHEN a replica is added
    primary.update_table(TableName=table, ReplicaUpdates=[{"Create": {"RegionName": REPLICA}}])

    # THEN both descriptions list the other region's ACTIVE replica, with the same keys and index
    added = primary.describe_table(TableName=table)["Table"]
    in_replica = replica.describe_table(TableName=table)["Table"]
    assert added["Replicas"] == [{"RegionName": REPLICA, "ReplicaStatus": "ACTIVE"}]
    assert in_replica["Replicas"] == [{"RegionName": PRIMARY, "ReplicaStatus": "ACTIVE"}]
    assert in_replica["KeySchema"] == added["KeySchema"]
    assert [i["IndexName"] for i in in_replica["GlobalSecondaryIndexes"]] == ["by-isin"]

    # WHEN it is removed
    primary.update_table(TableName=table, ReplicaUpdates=[{"Delete": {"RegionName": REPLICA}}])

    # THEN
    assert "Replicas" not in primary.describe_table(TableName=table)["Table"]
    with pytest.raises(botocore.exceptions.ClientError) as gone:
        replica.describe_table(TableName=table)
    assert gone.value.response["Error"]["Code"] == "ResourceNotFoundException"


# --- ECR --------------------------------------------------------------------------------------


def manifest(seed: str) -> str:
    config = hashlib.sha256(seed.encode()).hexdigest()
    return json.dumps(
        {
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {
                "mediaType": "application/vnd.oci.image.config.v1+json",
                "digest": f"sha256:{config}",
                "size": 10,
            },
            "layers": [],
        }
    )


def test_image_pushed_should_be_replicated_by_the_matching_rule_under_its_manifest_digest(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN two rules: one for another team's prefix to us-west-2, one for ours to eu-west-1
    ecr = client(emulator, "ecr")
    prefix = unique("fn") + "-"
    rules = [
        {
            "destinations": [{"region": "us-west-2", "registryId": ACCOUNT}],
            "repositoryFilters": [{"filter": "other-team-", "filterType": "PREFIX_MATCH"}],
        },
        {
            "destinations": [{"region": REPLICA, "registryId": ACCOUNT}],
            "repositoryFilters": [{"filter": prefix, "filterType": "PREFIX_MATCH"}],
        },
    ]
    previous = ecr.describe_registry()["replicationConfiguration"]
    ecr.put_replication_configuration(replicationConfiguration={"rules": rules})
    repository = prefix + "functions"
    ecr.create_repository(repositoryName=repository)
    body = manifest(repository)

    try:
        # WHEN an image is pushed
        pushed = ecr.put_image(repositoryName=repository, imageTag="v1", imageManifest=body)[
            "image"
        ]

        # THEN its digest is the manifest's SHA-256, and eu-west-1 has it in a repository ECR created
        digest = "sha256:" + hashlib.sha256(body.encode()).hexdigest()
        assert pushed["imageId"]["imageDigest"] == digest
        assert ecr.describe_registry()["replicationConfiguration"]["rules"] == rules
        copied = client(emulator, "ecr", REPLICA).describe_images(
            repositoryName=repository, imageIds=[{"imageDigest": digest}]
        )["imageDetails"]
        assert [i["imageDigest"] for i in copied] == [digest]
        with pytest.raises(botocore.exceptions.ClientError):
            client(emulator, "ecr", "us-west-2").describe_repositories(repositoryNames=[repository])
    finally:
        ecr.put_replication_configuration(replicationConfiguration=previous)


def replication_resource(prefix: str) -> dict[str, Any]:
    """A registry replication configuration: repositories named with the prefix go to REPLICA."""
    rule = {
        "Destinations": [{"Region": REPLICA, "RegistryId": ACCOUNT}],
        "RepositoryFilters": [{"Filter": prefix, "FilterType": "PREFIX_MATCH"}],
    }
    return {
        "Type": "AWS::ECR::ReplicationConfiguration",
        "Properties": {"ReplicationConfiguration": {"Rules": [rule]}},
    }


def test_replication_configuration_resource_and_empty_on_delete_repository_should_follow_the_stack(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN a stack with a replication configuration and a repository emptied on delete, with an image
    ecr, cloudformation = client(emulator, "ecr"), client(emulator, "cloudformation")
    previous = ecr.describe_registry()["replicationConfiguration"]
    repository = unique("empty-on-delete")
    body = template(
        {
            "Repository": {
                "Type": "AWS::ECR::Repository",
                "Properties": {"RepositoryName": repository, "EmptyOnDelete": True},
            },
            "Replication": replication_resource(repository),
        }
    )
    stack = unique("registry")
    try:
        cloudformation.create_stack(StackName=stack, TemplateBody=body)
        configured = ecr.describe_registry()["replicationConfiguration"]["rules"]
        ecr.put_image(repositoryName=repository, imageTag="v1", imageManifest=manifest(repository))

        # WHEN
        cloudformation.delete_stack(StackName=stack)

        # THEN the configuration was the stack's and went with it; the repository went with its image
        assert configured[0]["repositoryFilters"] == [
            {"filter": repository, "filterType": "PREFIX_MATCH"}
        ]
        assert ecr.describe_registry()["replicationConfiguration"]["rules"] == []
        with pytest.raises(botocore.exceptions.ClientError):
            ecr.describe_repositories(repositoryNames=[repository])
    finally:
        ecr.put_replication_configuration(replicationConfiguration=previous)


def test_replication_configuration_resource_when_stack_updated_should_put_the_new_rules(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN a stack whose replication configuration replicates one prefix
    ecr, cloudformation = client(emulator, "ecr"), client(emulator, "cloudformation")
    previous = ecr.describe_registry()["replicationConfiguration"]

    def body(prefix: str) -> str:
        return template({"Replication": replication_resource(prefix)})

    def filters() -> list[dict[str, str]]:
        return ecr.describe_registry()["replicationConfiguration"]["rules"][0]["repositoryFilters"]

    stack, first, second = unique("registry"), unique("first"), unique("second")
    try:
        cloudformation.create_stack(StackName=stack, TemplateBody=body(first))
        poll(lambda: filters()[0]["filter"] == first, what="the first rules")

        # WHEN the template's rules change
        cloudformation.update_stack(StackName=stack, TemplateBody=body(second))

        # THEN the registry holds the new rules in place of the old
        poll(lambda: filters()[0]["filter"] == second, what="the updated rules")
        assert filters() == [{"filter": second, "filterType": "PREFIX_MATCH"}]
    finally:
        cloudformation.delete_stack(StackName=stack)
        ecr.put_replication_configuration(replicationConfiguration=previous)


# --- Lambda account settings ------------------------------------------------------------------


def test_account_settings_should_give_the_region_quota_less_the_reservations(
    emulator: EmulatorProcess, role_arn: str
) -> None:
    # GIVEN a function in eu-west-1 with a reservation of 7
    lambda_eu = client(emulator, "lambda", REPLICA)
    before = lambda_eu.get_account_settings()["AccountLimit"]
    name = unique("reserved")
    lambda_eu.create_function(
        FunctionName=name,
        Role=role_arn,
        PackageType="Image",
        Code={"ImageUri": f"{ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/repo:v1"},
    )
    lambda_eu.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=7)

    # WHEN
    after = lambda_eu.get_account_settings()

    # THEN the quota is Lambda's default, and what is unreserved went down by the reservation
    assert after["AccountLimit"]["ConcurrentExecutions"] == 1000
    assert (
        after["AccountLimit"]["UnreservedConcurrentExecutions"]
        == before["UnreservedConcurrentExecutions"] - 7
    )
    assert after["AccountUsage"]["FunctionCount"] >= 1


def test_stack_set_operation_should_run_until_a_nested_custom_resource_has_answered(
    emulator: EmulatorProcess, lambda_host: StubLambdaHost, create_function: Any
) -> None:
    # GIVEN a stack set whose template nests a stack with a custom resource that answers after 2 s
    function = unique("slow-custom")
    create_function(function)
    answer = answers("SUCCESS")
    lambda_host.behaviours[function] = lambda payload, attempt: (
        time.sleep(2),
        answer(payload, attempt),
    )[1]
    arn = f"arn:aws:lambda:{PRIMARY}:{ACCOUNT}:function:{function}"
    child = upload(
        emulator,
        template({"Thing": {"Type": "Custom::Thing", "Properties": {"ServiceToken": arn}}}),
    )
    root = template(
        {"Child": {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": child}}}
    )
    cloudformation = client(emulator, "cloudformation")
    name = unique("slow-set")
    cloudformation.create_stack_set(
        StackSetName=name, TemplateBody=root, PermissionModel="SELF_MANAGED"
    )

    # WHEN
    operation = cloudformation.create_stack_instances(
        StackSetName=name, Accounts=[ACCOUNT], Regions=[PRIMARY]
    )["OperationId"]

    # THEN the operation runs while the custom resource has not answered, then succeeds
    def status() -> str:
        return cloudformation.describe_stack_set_operation(
            StackSetName=name, OperationId=operation
        )["StackSetOperation"]["Status"]

    assert status() == "RUNNING"
    assert poll(lambda: status() == "SUCCEEDED", what="the operation's end")
    assert (
        cloudformation.describe_stack_instance(
            StackSetName=name, StackInstanceAccount=ACCOUNT, StackInstanceRegion=PRIMARY
        )["StackInstance"]["Status"]
        == "CURRENT"
    )


# --- S3 bucket policies -----------------------------------------------------------------------


def test_bucket_denying_requests_without_tls_should_accept_the_emulator_requests_and_still_apply_other_denies(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN deploy.sh's TLS-only policy on one bucket, an unconditional Deny of PutObject on another
    s3 = client(emulator, "s3")
    tls_only, denied = unique("tls-only"), unique("denied")
    for bucket in (tls_only, denied):
        s3.create_bucket(Bucket=bucket)
    deny_without_tls = {
        "Sid": "DenyWithoutTls",
        "Action": "s3:*",
        "Resource": [f"arn:aws:s3:::{tls_only}", f"arn:aws:s3:::{tls_only}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }
    deny_uploads = {"Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{denied}/*"}
    for bucket, statement in ((tls_only, deny_without_tls), (denied, deny_uploads)):
        policy = {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Deny", "Principal": "*", **statement}],
        }
        s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))

    # WHEN / THEN the TLS-only bucket takes an upload, the other still refuses it
    s3.put_object(Bucket=tls_only, Key="root.packaged.json", Body=b"{}")
    assert s3.get_object(Bucket=tls_only, Key="root.packaged.json")["Body"].read() == b"{}"
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        s3.put_object(Bucket=denied, Key="k", Body=b"{}")
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403

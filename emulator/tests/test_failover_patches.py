"""The patches of failover_patches.py: what deploying templates/failover.json on the emulator
needs. Each test fails on unpatched moto 5.2.5 (no endpoint API or resource; health checks from a
template lose their children, threshold and alarm)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import botocore.exceptions
import pytest
from support import ACCOUNT, EmulatorProcess, poll

PRIMARY, REPLICA = "us-east-1", "eu-west-1"


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def bus_arn(region: str, name: str) -> str:
    return f"arn:aws:events:{region}:{ACCOUNT}:event-bus/{name}"


def endpoint_request(name: str, bus: str, **changes: Any) -> dict[str, Any]:
    request = {
        "Name": name,
        "RoutingConfig": {
            "FailoverConfig": {
                "Primary": {"HealthCheck": f"arn:aws:route53:::healthcheck/{uuid.uuid4()}"},
                "Secondary": {"Route": REPLICA},
            }
        },
        "ReplicationConfig": {"State": "DISABLED"},
        "EventBuses": [
            {"EventBusArn": bus_arn(PRIMARY, bus)},
            {"EventBusArn": bus_arn(REPLICA, bus)},
        ],
    }
    request.update(changes)
    return request


def created_stack(emulator: EmulatorProcess, body: dict[str, Any]) -> dict[str, Any]:
    cloudformation = emulator.client("cloudformation")
    stack = unique("failover")
    cloudformation.create_stack(StackName=stack, TemplateBody=json.dumps(body))

    def finished() -> dict[str, Any] | None:
        described = cloudformation.describe_stacks(StackName=stack)["Stacks"][0]
        return None if described["StackStatus"].endswith("IN_PROGRESS") else described

    return poll(finished, what="the stack operation")


def test_endpoint_api_when_created_should_be_described_listed_and_deleted(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN
    events = emulator.client("events")
    name, bus = unique("endpoint"), unique("bus")

    # WHEN
    events.create_endpoint(**endpoint_request(name, bus))
    described = events.describe_endpoint(Name=name)
    listed = [e["Name"] for e in events.list_endpoints(NamePrefix=name)["Endpoints"]]
    events.delete_endpoint(Name=name)

    # THEN
    assert described["State"] == "ACTIVE"
    assert (
        described["EndpointUrl"]
        == f"https://{described['EndpointId']}.endpoints.event.amazonaws.com"
    )
    assert [b["EventBusArn"] for b in described["EventBuses"]] == [
        bus_arn(PRIMARY, bus),
        bus_arn(REPLICA, bus),
    ]
    assert described["RoutingConfig"]["FailoverConfig"]["Secondary"] == {"Route": REPLICA}
    assert listed == [name]
    with pytest.raises(botocore.exceptions.ClientError) as gone:
        events.describe_endpoint(Name=name)
    assert gone.value.response["Error"]["Code"] == "ResourceNotFoundException"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ReplicationConfig": {"State": "ENABLED"}}, "RoleArn is required"),
        (
            {
                "RoutingConfig": {
                    "FailoverConfig": {
                        "Primary": {"HealthCheck": "alarm-switch"},
                        "Secondary": {"Route": REPLICA},
                    }
                }
            },
            "is not a health check ARN",
        ),
        (
            {
                "EventBuses": [
                    {"EventBusArn": bus_arn(PRIMARY, "a")},
                    {"EventBusArn": bus_arn(REPLICA, "b")},
                ]
            },
            "same name and be in different Regions",
        ),
    ],
)
def test_endpoint_api_when_the_request_breaks_an_aws_rule_should_refuse_it(
    emulator: EmulatorProcess, changes: dict[str, Any], message: str
) -> None:
    # GIVEN
    events = emulator.client("events")
    name = unique("endpoint")

    # WHEN
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        events.create_endpoint(**endpoint_request(name, "bus", **changes))

    # THEN
    assert refused.value.response["Error"]["Code"] == "ValidationException"
    assert message in refused.value.response["Error"]["Message"]
    assert events.list_endpoints(NamePrefix=name)["Endpoints"] == []


def test_endpoint_and_health_checks_from_a_template_should_keep_their_wiring_and_outputs(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN a template shaped like templates/failover.json: an alarm check, a calculated check of
    # it, and an endpoint routed by the calculated check
    name, bus = unique("endpoint"), unique("bus")
    body = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            "SwitchHealthCheck": {
                "Type": "AWS::Route53::HealthCheck",
                "Properties": {
                    "HealthCheckConfig": {
                        "Type": "CLOUDWATCH_METRIC",
                        "AlarmIdentifier": {"Name": "alarm-switch", "Region": REPLICA},
                        "InsufficientDataHealthStatus": "LastKnownStatus",
                    }
                },
            },
            "PathHealthCheck": {
                "Type": "AWS::Route53::HealthCheck",
                "Properties": {
                    "HealthCheckConfig": {
                        "Type": "CALCULATED",
                        "ChildHealthChecks": [{"Ref": "SwitchHealthCheck"}],
                        "HealthThreshold": 1,
                    }
                },
            },
            "TradeEventEndpoint": {
                "Type": "AWS::Events::Endpoint",
                "Properties": endpoint_request(
                    name,
                    bus,
                    RoutingConfig={
                        "FailoverConfig": {
                            "Primary": {
                                "HealthCheck": {
                                    "Fn::Sub": "arn:${AWS::Partition}:route53:::healthcheck/${PathHealthCheck}"
                                }
                            },
                            "Secondary": {"Route": REPLICA},
                        }
                    },
                ),
            },
        },
        "Outputs": {
            "EndpointId": {"Value": {"Fn::GetAtt": ["TradeEventEndpoint", "EndpointId"]}},
            "PathHealthCheckId": {"Value": {"Ref": "PathHealthCheck"}},
            "SwitchHealthCheckId": {"Value": {"Ref": "SwitchHealthCheck"}},
        },
    }

    # WHEN
    stack = created_stack(emulator, body)
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
    route53 = emulator.client("route53")
    path = route53.get_health_check(HealthCheckId=outputs["PathHealthCheckId"])["HealthCheck"]
    switch = route53.get_health_check(HealthCheckId=outputs["SwitchHealthCheckId"])["HealthCheck"]
    endpoint = emulator.client("events").describe_endpoint(Name=name)

    # THEN
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack.get("StackStatusReason")
    assert outputs["EndpointId"] == endpoint["EndpointId"]
    assert endpoint["RoutingConfig"]["FailoverConfig"]["Primary"]["HealthCheck"] == (
        f"arn:aws:route53:::healthcheck/{outputs['PathHealthCheckId']}"
    )
    assert path["HealthCheckConfig"]["ChildHealthChecks"] == [outputs["SwitchHealthCheckId"]]
    assert path["HealthCheckConfig"]["HealthThreshold"] == 1
    assert switch["HealthCheckConfig"]["AlarmIdentifier"] == {
        "Name": "alarm-switch",
        "Region": REPLICA,
    }
    assert switch["HealthCheckConfig"]["InsufficientDataHealthStatus"] == "LastKnownStatus"

    # WHEN the stack is deleted
    emulator.client("cloudformation").delete_stack(StackName=stack["StackId"])

    # THEN the endpoint and the health checks go with it
    poll(
        lambda: (
            emulator.client("events").list_endpoints(NamePrefix=name)["Endpoints"] == [] or None
        ),
        what="the endpoint deleted with its stack",
    )
    left = {check["Id"] for check in route53.list_health_checks()["HealthChecks"]}
    assert not {outputs["PathHealthCheckId"], outputs["SwitchHealthCheckId"]} & left


def test_global_table_item_when_written_in_one_replica_should_be_read_and_conditioned_in_the_other(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN a table in us-east-1 with a replica in eu-west-1
    name = unique("trades")
    primary, replica = emulator.client("dynamodb"), emulator.client("dynamodb", REPLICA)
    primary.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "tradeId", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "tradeId", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    primary.update_table(TableName=name, ReplicaUpdates=[{"Create": {"RegionName": REPLICA}}])
    key = {"tradeId": {"S": "TRD-1"}}
    first_write = {
        "TableName": name,
        "Item": {**key, "status": {"S": "ACCEPTED"}, "region": {"S": PRIMARY}},
        "ConditionExpression": "attribute_not_exists(tradeId)",
    }

    # WHEN the recorder's conditional write happens in us-east-1, then again in eu-west-1
    primary.put_item(**first_write)
    replicated = replica.get_item(TableName=name, Key=key, ConsistentRead=True).get("Item")
    with pytest.raises(botocore.exceptions.ClientError) as second_write:
        replica.put_item(
            **{**first_write, "Item": {**first_write["Item"], "region": {"S": REPLICA}}}
        )
    replica.update_item(
        TableName=name,
        Key=key,
        UpdateExpression="SET #s = :s",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":s": {"S": "REJECTED"}},
    )
    updated = primary.get_item(TableName=name, Key=key, ConsistentRead=True)["Item"]
    replica.delete_item(TableName=name, Key=key)
    deleted = primary.get_item(TableName=name, Key=key, ConsistentRead=True).get("Item")

    # THEN each write is in both replicas, and a condition sees the other region's write
    assert replicated == first_write["Item"]
    assert second_write.value.response["Error"]["Code"] == "ConditionalCheckFailedException"
    assert updated["status"] == {"S": "REJECTED"} and updated["region"] == {"S": PRIMARY}
    assert deleted is None

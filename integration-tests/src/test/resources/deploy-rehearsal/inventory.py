"""Prints, as one JSON document, what the emulator holds in the given regions.

The deployment rehearsal (DeployRehearsalIT) compares these inventories: before and after a
deployment that must change nothing, and after a removal that must leave nothing of an
environment. One process with boto3 reads everything through the emulator's APIs, where one AWS
CLI process per call would cost a second each.

    inventory.py <endpoint> <region>...
"""

from __future__ import annotations

import json
import sys
from typing import Any

import boto3


def client(endpoint: str, service: str, region: str) -> Any:
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id="rehearsal",
        aws_secret_access_key="rehearsal",
    )


def region_inventory(endpoint: str, region: str) -> dict[str, Any]:
    cloudformation = client(endpoint, "cloudformation", region)
    stacks = []
    for summary in cloudformation.list_stacks()["StackSummaries"]:
        if summary["StackStatus"] == "DELETE_COMPLETE":
            continue
        resources = cloudformation.describe_stack_resources(StackName=summary["StackId"])[
            "StackResources"
        ]
        stacks.append(
            {
                "name": summary["StackName"],
                "id": summary["StackId"],
                "status": summary["StackStatus"],
                "created": summary["CreationTime"].isoformat(),
                # moto lists a resource type it skipped as an entry without ids.
                "resources": sorted(
                    f"{r.get('LogicalResourceId')}={r.get('PhysicalResourceId')}" for r in resources
                ),
            }
        )
    functions = [
        {
            "name": f["FunctionName"],
            "arn": f["FunctionArn"],
            "modified": f["LastModified"],
            "code": f.get("CodeSha256"),
        }
        for f in client(endpoint, "lambda", region).list_functions()["Functions"]
    ]
    dynamodb = client(endpoint, "dynamodb", region)
    tables = []
    for name in dynamodb.list_tables()["TableNames"]:
        table = dynamodb.describe_table(TableName=name)["Table"]
        tables.append(
            {
                "name": name,
                "arn": table["TableArn"],
                "created": table["CreationDateTime"].isoformat(),
                "replicas": table.get("Replicas", []),
            }
        )
    events = client(endpoint, "events", region)
    buses = [b["Name"] for b in events.list_event_buses()["EventBuses"]]
    rules = [r["Name"] for bus in buses for r in events.list_rules(EventBusName=bus)["Rules"]]
    return {
        "stack_sets": [
            s["StackSetName"]
            for s in cloudformation.list_stack_sets(Status="ACTIVE")["Summaries"]
            if s["Status"] == "ACTIVE"
        ],
        "stacks": stacks,
        "functions": functions,
        "tables": tables,
        "queues": client(endpoint, "sqs", region).list_queues().get("QueueUrls", []),
        "repositories": [
            r["repositoryName"]
            for r in client(endpoint, "ecr", region).describe_repositories()["repositories"]
        ],
        "event_buses": buses,
        "rules": rules,
        "parameters": [
            p["Name"]
            for p in client(endpoint, "ssm", region).describe_parameters(MaxResults=50)[
                "Parameters"
            ]
        ]
        + _more_parameters(client(endpoint, "ssm", region)),
        "state_machines": [
            m["name"]
            for m in client(endpoint, "stepfunctions", region).list_state_machines()[
                "stateMachines"
            ]
        ],
        "log_groups": [
            g["logGroupName"]
            for g in client(endpoint, "logs", region).describe_log_groups()["logGroups"]
        ],
    }


def _more_parameters(ssm: Any) -> list[str]:
    names: list[str] = []
    answer = ssm.describe_parameters(MaxResults=50)
    while answer.get("NextToken"):
        answer = ssm.describe_parameters(MaxResults=50, NextToken=answer["NextToken"])
        names.extend(p["Name"] for p in answer["Parameters"])
    return names


def main(endpoint: str, regions: list[str]) -> None:
    primary = regions[0]
    inventory = {
        "regions": {region: region_inventory(endpoint, region) for region in regions},
        "buckets": [b["Name"] for b in client(endpoint, "s3", primary).list_buckets()["Buckets"]],
        "roles": [r["RoleName"] for r in client(endpoint, "iam", primary).list_roles()["Roles"]],
    }
    json.dump(inventory, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])

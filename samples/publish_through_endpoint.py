#!/usr/bin/env python3
"""Publishes PutEvents entries through the global endpoint endpoint-trades-<env> (ADR 0030).

What a source system written in Python sets to publish through the endpoint: an ordinary
PutEvents on the trade bus's name (the same in both regions) with EndpointId, the stack output of
templates/failover.json. EventBridge sends the events to the primary region's bus while the
primary's health check is healthy and to the replica region's while it is not; the client's region
only locates the credentials.

botocore signs a request with EndpointId with SigV4a, which it has only with the AWS Common
Runtime: install boto3[crt] (its botocore[crt] brings awscrt). Without it the call fails before
anything is sent, with botocore's MissingDependencyException; this script says so and stops.

    pip install 'boto3[crt]'
    python3 samples/publish_through_endpoint.py --endpoint-id abcde.veo \\
        --bus eventbus-trades-dev --region us-east-1 entries.jsonl

Each line of the input file is one entry: {"Source": ..., "DetailType": ..., "Detail": ...}
(Detail as an object or as text), the format of samples/trades.jsonl without its time
placeholders.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import Any

import boto3
import botocore.exceptions

# The most entries one PutEvents call takes.
BATCH_SIZE = 10


def entries(lines: Iterable[str], bus: str) -> list[dict[str, Any]]:
    """The PutEvents entries of the input lines, on `bus`; blank lines are skipped."""
    result = []
    for line in lines:
        if not line.strip():
            continue
        entry = json.loads(line)
        detail = entry["Detail"]
        result.append(
            {
                "Source": entry["Source"],
                "DetailType": entry["DetailType"],
                "Detail": detail if isinstance(detail, str) else json.dumps(detail),
                "EventBusName": bus,
            }
        )
    return result


def publish(client: Any, endpoint_id: str, to_send: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Puts the entries through the endpoint in batches; one result entry per entry, in order."""
    results = []
    for start in range(0, len(to_send), BATCH_SIZE):
        response = client.put_events(
            EndpointId=endpoint_id, Entries=to_send[start : start + BATCH_SIZE]
        )
        results.extend(response["Entries"])
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint-id", required=True, help="EndpointId output of the stack")
    parser.add_argument("--bus", required=True, help="eventbus-trades-<env>")
    parser.add_argument("--region", default="us-east-1", help="region of the client")
    parser.add_argument("file", help="PutEvents entries, one JSON object a line")
    args = parser.parse_args(argv)
    with open(args.file, encoding="utf-8") as lines:
        to_send = entries(lines, args.bus)
    client = boto3.client("events", region_name=args.region)
    try:
        results = publish(client, args.endpoint_id, to_send)
    except botocore.exceptions.MissingDependencyException as error:
        print(
            f"cannot sign for a global endpoint ({error}): pip install 'boto3[crt]'",
            file=sys.stderr,
        )
        return 2
    failed = [r for r in results if "ErrorCode" in r]
    for result in failed:
        print(f"refused: {result['ErrorCode']} {result.get('ErrorMessage', '')}", file=sys.stderr)
    print(f"published {len(results) - len(failed)} of {len(to_send)} entries")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

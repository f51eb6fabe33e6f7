#!/usr/bin/env python3
"""Adds or removes one environment's rule in an ECR registry's replication configuration.

A registry (an account in a region) has exactly one replication configuration, shared by every
team and environment of the account, and PutReplicationConfiguration replaces it whole. So
deploy.sh and destroy.sh read it (`aws ecr describe-registry`), let this script add or remove
this environment's rule, and put the result back: every other rule is kept as it was (ADR 0021).

    registry-replication.py add|remove --registry-id ID --destination-region REGION \
        --repository NAME < configuration.json

Standard input: the registry's configuration as `aws ecr describe-registry --query
replicationConfiguration --output json` prints it (`null` when the registry has none).
Standard output: the configuration to put, on one line; nothing when it already is as asked.
Exit code 1, with the reason on standard error, when the result would break an ECR limit or the
input is not a replication configuration.

This environment's rule is the one whose destinations are exactly the replica region of this
account and whose filters are exactly a PREFIX_MATCH on this environment's repository name."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

# ReplicationConfiguration.rules holds at most 25 rules
# (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ReplicationConfiguration.md, and
# the ECR model of botocore 1.44; older revisions of the API reference said 10). A rule holds at
# most 100 filters; this environment's rule has one.
MAX_RULES = 25


class ReplicationError(Exception):
    """The configuration cannot be changed as asked; the message says why."""


def environment_rule(registry_id: str, destination_region: str, repository: str) -> dict[str, Any]:
    """The rule that replicates this environment's repository to the replica region of the account."""
    return {
        "destinations": [{"region": destination_region, "registryId": registry_id}],
        "repositoryFilters": [{"filter": repository, "filterType": "PREFIX_MATCH"}],
    }


def is_rule(rule: Any, wanted: dict[str, Any]) -> bool:
    """True when `rule` has exactly the destinations and filters of `wanted` (other fields aside)."""
    return (
        isinstance(rule, dict)
        and rule.get("destinations") == wanted["destinations"]
        and rule.get("repositoryFilters") == wanted["repositoryFilters"]
    )


def rules_of(configuration: Any) -> list[Any]:
    if configuration is None:
        return []
    if not isinstance(configuration, dict) or not isinstance(configuration.get("rules", []), list):
        raise ReplicationError(
            f"not a replication configuration: {json.dumps(configuration)[:200]}"
        )
    return list(configuration.get("rules", []))


def with_rule(configuration: Any, wanted: dict[str, Any]) -> dict[str, Any] | None:
    """The configuration with `wanted` appended after every existing rule, or None if it is there."""
    rules = rules_of(configuration)
    if any(is_rule(rule, wanted) for rule in rules):
        return None
    if len(rules) >= MAX_RULES:
        raise ReplicationError(
            f"the registry's replication configuration already has {len(rules)} rules, the most ECR "
            f"allows ({MAX_RULES}); this environment's rule cannot be added. Remove a rule that is no "
            "longer needed (aws ecr describe-registry shows them), or deploy with "
            "MANAGE_REGISTRY_REPLICATION=false and replicate the repository by a rule managed elsewhere."
        )
    return {"rules": [*rules, wanted]}


def without_rule(configuration: Any, wanted: dict[str, Any]) -> dict[str, Any] | None:
    """The configuration without `wanted` (an empty rule list when it was the last), or None if absent."""
    rules = rules_of(configuration)
    kept = [rule for rule in rules if not is_rule(rule, wanted)]
    if len(kept) == len(rules):
        return None
    return {"rules": kept}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("add", "remove"))
    parser.add_argument("--registry-id", required=True)
    parser.add_argument("--destination-region", required=True)
    parser.add_argument("--repository", required=True)
    args = parser.parse_args(argv)
    text = sys.stdin.read()
    try:
        try:
            configuration = json.loads(text) if text.strip() else None
        except json.JSONDecodeError as e:
            raise ReplicationError(
                f"the registry's replication configuration is not JSON ({e}): {text[:200]}"
            ) from e
        wanted = environment_rule(args.registry_id, args.destination_region, args.repository)
        change = with_rule if args.action == "add" else without_rule
        result = change(configuration, wanted)
    except ReplicationError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if result is not None:
        print(json.dumps(result, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())

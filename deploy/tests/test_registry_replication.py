"""deploy/registry-replication.py: this environment's rule is added to or removed from the
registry's one replication configuration, and every other rule (another team's, another
environment's) comes back exactly as it was read."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import DEPLOY_DIR

ACCOUNT = "111122223333"
REPLICA = "eu-west-1"


def rule(repository: str, region: str = REPLICA, account: str = ACCOUNT, **extra) -> dict:
    return {
        "destinations": [{"region": region, "registryId": account}],
        "repositoryFilters": [{"filter": repository, "filterType": "PREFIX_MATCH"}],
        **extra,
    }


FOREIGN = {
    "destinations": [{"region": "ap-south-1", "registryId": "999988887777"}],
    "repositoryFilters": [{"filter": "payments-", "filterType": "PREFIX_MATCH"}],
    "deleteReplication": {"enabled": True},
}


def run(
    action: str, configuration, repository: str = "ecr-functions-dev"
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            str(DEPLOY_DIR / "registry-replication.py"),
            action,
            "--registry-id",
            ACCOUNT,
            "--destination-region",
            REPLICA,
            "--repository",
            repository,
        ],
        input=configuration if isinstance(configuration, str) else json.dumps(configuration),
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_add_when_the_registry_has_no_configuration_should_put_only_this_environments_rule():
    # WHEN
    done = run("add", None)
    # THEN
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"rules": [rule("ecr-functions-dev")]}


def test_add_when_a_foreign_rule_exists_should_keep_it_unchanged_and_first(replication):
    # GIVEN
    current = {"rules": [FOREIGN]}
    # WHEN
    result = replication.with_rule(
        current, replication.environment_rule(ACCOUNT, REPLICA, "ecr-functions-dev")
    )
    # THEN
    assert result == {"rules": [FOREIGN, rule("ecr-functions-dev")]}


def test_add_when_the_rule_is_already_there_should_change_nothing():
    # GIVEN
    current = {"rules": [FOREIGN, rule("ecr-functions-dev")]}
    # WHEN
    done = run("add", current)
    # THEN
    assert done.returncode == 0, done.stderr
    assert done.stdout == "", "nothing to put"


def test_add_when_another_environments_rule_exists_should_add_a_second_rule_beside_it():
    # GIVEN: dev2's filter is longer than dev's, so dev's filter also matches dev2's repository
    current = {"rules": [rule("ecr-functions-dev2")]}
    # WHEN
    done = run("add", current)
    # THEN
    assert json.loads(done.stdout) == {
        "rules": [rule("ecr-functions-dev2"), rule("ecr-functions-dev")]
    }


@pytest.mark.parametrize(
    "near_miss",
    [
        rule("ecr-functions-"),
        rule("ecr-functions-dev", region="us-west-2"),
        rule("ecr-functions-dev", account="999988887777"),
        {
            **rule("ecr-functions-dev"),
            "destinations": [
                {"region": REPLICA, "registryId": ACCOUNT},
                {"region": "us-west-2", "registryId": ACCOUNT},
            ],
        },
        {
            **rule("ecr-functions-dev"),
            "repositoryFilters": [
                {"filter": "ecr-functions-dev", "filterType": "PREFIX_MATCH"},
                {"filter": "web-", "filterType": "PREFIX_MATCH"},
            ],
        },
    ],
)
def test_add_when_a_rule_only_resembles_this_environments_rule_should_add_its_own(
    replication, near_miss
):
    # WHEN
    result = replication.with_rule(
        {"rules": [near_miss]}, replication.environment_rule(ACCOUNT, REPLICA, "ecr-functions-dev")
    )
    # THEN
    assert result == {"rules": [near_miss, rule("ecr-functions-dev")]}


def test_add_when_the_configuration_holds_the_most_rules_ecr_allows_should_refuse_with_the_limit(
    replication,
):
    # GIVEN
    current = {"rules": [rule(f"team{i}-") for i in range(replication.MAX_RULES)]}
    # WHEN
    done = run("add", current)
    # THEN
    assert done.returncode == 1
    assert done.stdout == ""
    assert f"already has {replication.MAX_RULES} rules, the most ECR allows" in done.stderr
    assert "MANAGE_REGISTRY_REPLICATION=false" in done.stderr


def test_add_when_one_rule_below_the_limit_should_add_the_last_allowed_rule(replication):
    # GIVEN
    current = {"rules": [rule(f"team{i}-") for i in range(replication.MAX_RULES - 1)]}
    # WHEN
    result = replication.with_rule(
        current, replication.environment_rule(ACCOUNT, REPLICA, "ecr-functions-dev")
    )
    # THEN
    assert len(result["rules"]) == replication.MAX_RULES


def test_remove_when_foreign_and_other_environment_rules_exist_should_remove_only_this_environments_rule():
    # GIVEN
    current = {"rules": [FOREIGN, rule("ecr-functions-dev"), rule("ecr-functions-dev2")]}
    # WHEN
    done = run("remove", current)
    # THEN
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"rules": [FOREIGN, rule("ecr-functions-dev2")]}


def test_remove_when_it_is_the_last_rule_should_put_an_empty_rule_list():
    # WHEN
    done = run("remove", {"rules": [rule("ecr-functions-dev")]})
    # THEN
    assert json.loads(done.stdout) == {"rules": []}


@pytest.mark.parametrize(
    "current", [None, {"rules": []}, {"rules": [FOREIGN, rule("ecr-functions-dev2")]}]
)
def test_remove_when_this_environments_rule_is_absent_should_change_nothing(current):
    # WHEN
    done = run("remove", current)
    # THEN
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""


def test_remove_when_the_rule_was_changed_by_hand_should_leave_it(replication):
    # GIVEN: an extra destination makes the rule someone else's decision
    changed = {
        **rule("ecr-functions-dev"),
        "destinations": [
            {"region": REPLICA, "registryId": ACCOUNT},
            {"region": "us-west-2", "registryId": ACCOUNT},
        ],
    }
    # WHEN
    result = replication.without_rule(
        {"rules": [changed]}, replication.environment_rule(ACCOUNT, REPLICA, "ecr-functions-dev")
    )
    # THEN
    assert result is None


@pytest.mark.parametrize(
    ("text", "message"),
    [("{not json", "is not JSON"), ('["rules"]', "not a replication configuration")],
)
def test_scripts_when_the_input_is_not_a_configuration_should_fail_with_a_message(text, message):
    # WHEN
    done = run("add", text)
    # THEN
    assert done.returncode == 1
    assert message in done.stderr
    assert done.stdout == ""

"""deploy.sh and destroy.sh: their dry-run plans (order, regions, parameters, digests), their
fail-fast checks, and their decisions on a re-run, against a scripted `aws` (fake_aws.py) on a
PATH that holds only the tools the scripts use. No test reaches AWS."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import DEPLOY_DIR, REPO_ROOT

TOOLS = (
    "bash",
    "env",
    "dirname",
    "grep",
    "sed",
    "date",
    "git",
    "mkdir",
    "mktemp",
    "rm",
    "sleep",
    "cat",
)
DIGESTS = {
    "validator": "a" * 64,
    "enricher": "b" * 64,
    "recorder": "c" * 64,
    "global-table-resource": "d" * 64,
}
DIGEST_PARAMETERS = {
    "ValidatorImageDigest": "validator",
    "EnricherImageDigest": "enricher",
    "RecorderImageDigest": "recorder",
    "GlobalTableResourceImageDigest": "global-table-resource",
}
ACCOUNT = "111122223333"
REFERENCE_URL = "https://refdata.internal.example.com"
PRIMARY_SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
REPLICA_SERVICE = "com.amazonaws.vpce.eu-west-1.vpce-svc-0fedcba9876543210"
# The inputs whose value differs per region (or may), and the root parameter each one sets.
REGIONAL_INPUTS = {
    "REPLICA_REFERENCE_DATA_BASE_URL": "ReplicaReferenceDataBaseUrl",
    "PRIMARY_REFERENCE_DATA_ENDPOINT_SERVICE_NAME": "PrimaryReferenceDataEndpointServiceName",
    "REPLICA_REFERENCE_DATA_ENDPOINT_SERVICE_NAME": "ReplicaReferenceDataEndpointServiceName",
    "REFERENCE_DATA_PRIVATE_DNS": "ReferenceDataPrivateDnsEnabled",
    "PRIMARY_AVAILABILITY_ZONE_IDS": "PrimaryAvailabilityZoneIds",
    "REPLICA_AVAILABILITY_ZONE_IDS": "ReplicaAvailabilityZoneIds",
}


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    aws_calls: list[list[str]]

    @property
    def plan(self) -> list[list[str]]:
        """The printed plan: each '+ ...' line split as a shell would."""
        return [shlex.split(line[2:]) for line in self.stdout.splitlines() if line.startswith("+ ")]

    def plan_aws(self) -> list[list[str]]:
        return [words[1:] for words in self.plan if words[0] == "aws"]


@pytest.fixture
def sandbox(tmp_path: Path):
    """Runs a deploy script with a PATH of the needed tools, plus a scripted aws when rules are given."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        assert found, f"{tool} is needed by the deploy scripts"
        (bin_dir / tool).symlink_to(found)
    digests_file = tmp_path / "digests"
    digests_file.write_text(
        "".join(f"{name}=sha256:{digest}\n" for name, digest in DIGESTS.items())
    )
    log = tmp_path / "aws-calls.jsonl"
    state = tmp_path / "aws-state"
    state.mkdir()

    def run(
        script: str, *args: str, rules: list[dict] | None = None, with_aws: bool = True, **env: str
    ) -> Run:
        if with_aws:
            aws = bin_dir / "aws"
            aws.write_text(
                f'#!/bin/sh\nexec {shlex.quote(sys.executable)} {DEPLOY_DIR / "tests" / "fake_aws.py"} "$@"\n'
            )
            aws.chmod(0o755)
            (tmp_path / "rules.json").write_text(json.dumps(rules or []))
        elif (bin_dir / "aws").exists():
            (bin_dir / "aws").unlink()
        full_env = {
            "PATH": str(bin_dir),
            "HOME": str(tmp_path),
            "FAKE_AWS_LOG": str(log),
            "FAKE_AWS_RULES": str(tmp_path / "rules.json"),
            "FAKE_AWS_STATE": str(state),
            "POLL_SECONDS": "0",
            "IMAGE_DIGESTS_FILE": str(digests_file),
            "REFERENCE_DATA_BASE_URL": REFERENCE_URL,
            **env,
        }
        earlier = len(log.read_text().splitlines()) if log.exists() else 0
        done = subprocess.run(
            [str(DEPLOY_DIR / script), *args],
            env=full_env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        calls = (
            [json.loads(line) for line in log.read_text().splitlines()[earlier:]]
            if log.exists()
            else []
        )
        return Run(done.returncode, done.stdout, done.stderr, calls)

    run.digests_file = digests_file
    run.state_dir = state
    return run


def replication_rule(env: str, account: str = ACCOUNT, region: str = "eu-west-1") -> dict:
    """The replication rule of environment `env`, as ECR holds it."""
    return {
        "destinations": [{"region": region, "registryId": account}],
        "repositoryFilters": [{"filter": f"ecr-functions-{env}", "filterType": "PREFIX_MATCH"}],
    }


FOREIGN_RULE = {
    "destinations": [{"region": "ap-south-1", "registryId": "999988887777"}],
    "repositoryFilters": [{"filter": "payments-", "filterType": "PREFIX_MATCH"}],
}


def index_of(commands: list[list[str]], *tokens: str, start: int = 0) -> int:
    for i, command in enumerate(commands[start:], start=start):
        if all(token in command for token in tokens):
            return i
    raise AssertionError(f"no command with {tokens} in {commands}")


def option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def planned_aws(run: Run) -> list[list[str]]:
    """The AWS commands a dry run planned, once it succeeded without calling AWS."""
    assert run.code == 0, run.stderr
    assert run.aws_calls == []
    return run.plan_aws()


def test_deploy_dry_run_when_digests_are_given_should_plan_every_aws_command_in_order_without_calling_aws(
    sandbox,
):
    # WHEN
    run = sandbox("deploy.sh", "qa", DRY_RUN="1")
    # THEN
    plan = planned_aws(run)
    assert [words[0] for words in run.plan] == ["aws"] * len(run.plan), (
        "no build when digests are given"
    )
    steps = [
        index_of(plan, "sts", "get-caller-identity"),
        index_of(plan, "iam", "get-role", "AWSCloudFormationStackSetAdministrationRole"),
        index_of(plan, "iam", "get-role", "AWSCloudFormationStackSetExecutionRole"),
        index_of(plan, "cloudformation", "describe-stack-set"),
        index_of(plan, "lambda", "get-account-settings", "us-east-1"),
        index_of(plan, "lambda", "get-account-settings", "eu-west-1"),
        index_of(plan, "cloudformation", "deploy", "eu-west-1"),
        index_of(plan, "cloudformation", "deploy", "us-east-1"),
        index_of(plan, "ecr", "describe-registry", "us-east-1"),
        index_of(plan, "ecr", "put-replication-configuration", "us-east-1"),
        index_of(plan, "ecr", "describe-images", "us-east-1"),
        index_of(plan, "ecr", "describe-images", "eu-west-1"),
        index_of(plan, "cloudformation", "package"),
        index_of(plan, "s3", "cp"),
        index_of(plan, "cloudformation", "create-stack-set"),
        index_of(plan, "create-stack-instances", "us-east-1"),
        index_of(plan, "dynamodb", "describe-table"),
        index_of(plan, "create-stack-instances", "eu-west-1"),
        index_of(plan, "cloudformation", "deploy", "trade-processing-failover-qa", "eu-west-1"),
        index_of(plan, "cloudformation", "deploy", "trade-processing-failover-qa", "us-east-1"),
        index_of(plan, "describe-stack-instance", "eu-west-1"),
    ]
    assert steps == sorted(steps)


def test_deploy_dry_run_when_digests_are_given_should_pass_them_and_the_suffix_to_the_stack_set(
    sandbox,
):
    # WHEN
    run = sandbox("deploy.sh", "qa", DRY_RUN="1", ALARM_EMAIL="ops@example.com")
    # THEN
    create = run.plan_aws()[index_of(run.plan_aws(), "create-stack-set")]
    parameters = {
        p["ParameterKey"]: p["ParameterValue"] for p in json.loads(option(create, "--parameters"))
    }
    assert {key: parameters[key] for key in DIGEST_PARAMETERS} == {
        k: DIGESTS[v] for k, v in DIGEST_PARAMETERS.items()
    }
    assert parameters["EnvironmentSuffix"] == "qa"
    assert (parameters["PrimaryRegion"], parameters["ReplicaRegion"]) == ("us-east-1", "eu-west-1")
    assert parameters["ReferenceDataBaseUrl"] == REFERENCE_URL
    assert parameters["AlarmEmail"] == "ops@example.com"
    assert {key: parameters[key] for key in REGIONAL_INPUTS.values()} == {
        "ReplicaReferenceDataBaseUrl": "",
        "PrimaryReferenceDataEndpointServiceName": "",
        "ReplicaReferenceDataEndpointServiceName": "",
        "ReferenceDataPrivateDnsEnabled": "true",
        "PrimaryAvailabilityZoneIds": "",
        "ReplicaAvailabilityZoneIds": "",
    }, "optional inputs default to the root template's defaults"


def test_deploy_dry_run_when_regional_inputs_are_given_should_pass_each_to_its_root_parameter(
    sandbox,
):
    # GIVEN
    inputs = {
        "REPLICA_REFERENCE_DATA_BASE_URL": "https://refdata-euw1.internal.example.com",
        "PRIMARY_REFERENCE_DATA_ENDPOINT_SERVICE_NAME": PRIMARY_SERVICE,
        "REPLICA_REFERENCE_DATA_ENDPOINT_SERVICE_NAME": REPLICA_SERVICE,
        "REFERENCE_DATA_PRIVATE_DNS": "false",
        "PRIMARY_AVAILABILITY_ZONE_IDS": "use1-az4,use1-az6",
        "REPLICA_AVAILABILITY_ZONE_IDS": "euw1-az2,euw1-az3",
    }
    # WHEN
    run = sandbox("deploy.sh", "qa", DRY_RUN="1", **inputs)
    # THEN
    assert run.code == 0, run.stderr
    create = run.plan_aws()[index_of(run.plan_aws(), "create-stack-set")]
    parameters = {
        p["ParameterKey"]: p["ParameterValue"] for p in json.loads(option(create, "--parameters"))
    }
    assert {key: parameters[REGIONAL_INPUTS[key]] for key in inputs} == inputs
    assert option(create, "--region") == "us-east-1"
    assert option(create, "--stack-set-name") == "trade-processing-qa"
    assert option(create, "--permission-model") == "SELF_MANAGED"
    assert (
        option(create, "--administration-role-arn")
        == "arn:aws:iam::123456789012:role/AWSCloudFormationStackSetAdministrationRole"
    )
    assert option(create, "--capabilities") == "CAPABILITY_NAMED_IAM"
    assert option(create, "--template-url").endswith("/trade-processing/qa/root.packaged.json")


def test_deploy_dry_run_when_deploying_should_order_regions_primary_first_and_bootstrap_replica_first(
    sandbox,
):
    # WHEN
    plan = sandbox("deploy.sh", "qa", DRY_RUN="1").plan_aws()
    # THEN
    bootstrap = stack_calls(plan, "deploy", "trade-processing-bootstrap-qa")
    assert [option(c, "--region") for c in bootstrap] == ["eu-west-1", "us-east-1"]
    assert not any("ManageRegistryReplication" in word for c in bootstrap for word in c), (
        "the stack owns no replication"
    )
    put = plan[index_of(plan, "put-replication-configuration")]
    assert json.loads(option(put, "--replication-configuration")) == {
        "rules": [replication_rule("qa", "123456789012")]
    }
    instances = [c for c in plan if "create-stack-instances" in c]
    assert [option(c, "--regions") for c in instances] == ["us-east-1", "eu-west-1"]
    for command in instances:
        preferences = json.loads(option(command, "--operation-preferences"))
        assert preferences == {
            "RegionConcurrencyType": "SEQUENTIAL",
            "RegionOrder": ["us-east-1", "eu-west-1"],
            "MaxConcurrentCount": 1,
            "FailureToleranceCount": 0,
        }
    package = plan[index_of(plan, "cloudformation", "package")]
    assert "--use-json" in package
    assert option(package, "--s3-bucket") == "trade-processing-123456789012-us-east-1-qa"


def test_deploy_dry_run_when_no_digests_are_given_should_plan_the_extension_fetch_and_the_push_before_the_digest_checks(
    sandbox,
):
    # WHEN
    run = sandbox("deploy.sh", "qa", DRY_RUN="1", IMAGE_DIGESTS_FILE="", IMAGE_VERSION="abc123")
    # THEN
    assert run.code == 0, run.stderr
    assert run.aws_calls == []
    plan = run.plan
    fetch = index_of(plan, "fetch")
    login = index_of(plan, "ecr", "get-login-password")
    build = index_of(plan, "mvn")
    replication = index_of(plan, "put-replication-configuration")
    assert (
        index_of(plan, "cloudformation", "deploy", "us-east-1")
        < replication
        < fetch
        < login
        < build
        < index_of(plan, "describe-images")
    )
    mvn = plan[build]
    assert "lambda-images-push" in mvn
    assert "validator,enricher,recorder,global-table-resource" in mvn
    assert (
        "-Dlambda.image.repository=123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-functions-qa"
        in mvn
    )
    assert "-Dlambda.image.version=abc123" in mvn
    assert not any("<ecr-token>" in word for word in mvn), (
        "the registry token never appears on a command line"
    )


@pytest.mark.parametrize("suffix", ["", "Dev", "d", "1dev", "dev-1", "abcdefghijk"])
@pytest.mark.parametrize("script", ["deploy.sh", "destroy.sh"])
def test_scripts_when_env_is_missing_or_invalid_should_fail_before_any_aws_call(
    sandbox, script, suffix
):
    # WHEN
    run = sandbox(script, suffix, DRY_RUN="1")
    # THEN
    assert run.code == 1
    assert ("ENV is missing" if suffix == "" else f"ENV '{suffix}' is invalid") in run.stderr
    assert run.plan == [] and run.aws_calls == []


def test_deploy_when_the_aws_cli_is_missing_should_say_so(sandbox):
    # WHEN
    run = sandbox("deploy.sh", "qa", with_aws=False)
    # THEN
    assert run.code == 1
    assert "the AWS CLI (aws) is not installed" in run.stderr


def test_deploy_when_credentials_are_missing_should_stop_after_the_identity_check(sandbox):
    # GIVEN
    rules = [
        {"args": ["get-caller-identity"], "exit": 253, "stderr": "Unable to locate credentials."}
    ]
    # WHEN
    run = sandbox("deploy.sh", "qa", rules=rules)
    # THEN
    assert run.code == 1
    assert (
        "no usable AWS credentials" in run.stderr and "Unable to locate credentials" in run.stderr
    )
    assert run.aws_calls == [
        ["sts", "get-caller-identity", "--query", "Account", "--output", "text"]
    ]


def test_deploy_when_the_stack_set_execution_role_is_missing_should_stop_before_any_change(sandbox):
    # GIVEN
    rules = [
        {"args": ["get-caller-identity"], "stdout": f"{ACCOUNT}\n"},
        {"args": ["get-role", "AWSCloudFormationStackSetAdministrationRole"], "stdout": "arn\n"},
        aws_error(
            ["get-role"], "An error occurred (NoSuchEntity) when calling the GetRole operation"
        ),
    ]
    # WHEN
    run = sandbox("deploy.sh", "qa", rules=rules)
    # THEN
    assert run.code == 1
    assert "the IAM role AWSCloudFormationStackSetExecutionRole is missing" in run.stderr
    assert all(call[0] in ("sts", "iam") for call in run.aws_calls)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"REFERENCE_DATA_BASE_URL": ""}, "REFERENCE_DATA_BASE_URL is missing"),
        ({"REFERENCE_DATA_BASE_URL": "http://plain.example.com"}, "is not an https URL"),
        ({"STATE_MACHINE_TYPE": "FAST"}, "STATE_MACHINE_TYPE must be STANDARD or EXPRESS"),
        ({"ALARM_EMAIL": "not-an-address"}, "is not an e-mail address"),
        ({"REPLICA_REFERENCE_DATA_BASE_URL": "http://plain.example.com"}, "is not an https URL"),
        (
            {"REFERENCE_DATA_ENDPOINT_SERVICE_NAME": PRIMARY_SERVICE},
            "an endpoint service name is regional",
        ),
        ({"PRIMARY_REFERENCE_DATA_ENDPOINT_SERVICE_NAME": PRIMARY_SERVICE}, "both or neither"),
        (
            {"REPLICA_REFERENCE_DATA_ENDPOINT_SERVICE_NAME": "vpce-svc-0fedcba9876543210"},
            "is not an endpoint service name",
        ),
        (
            {
                "PRIMARY_REFERENCE_DATA_ENDPOINT_SERVICE_NAME": REPLICA_SERVICE,
                "REPLICA_REFERENCE_DATA_ENDPOINT_SERVICE_NAME": REPLICA_SERVICE,
            },
            "is not an endpoint service of us-east-1",
        ),
        ({"REFERENCE_DATA_PRIVATE_DNS": "yes"}, "REFERENCE_DATA_PRIVATE_DNS must be true or false"),
        (
            {"PRIMARY_AVAILABILITY_ZONE_IDS": "us-east-1a,us-east-1b"},
            "is not two Availability Zone IDs",
        ),
        ({"REPLICA_AVAILABILITY_ZONE_IDS": "euw1-az1,euw1-az1"}, "names one zone twice"),
        ({"IMAGE_DIGESTS_FILE": "/nonexistent"}, "does not exist"),
        ({"PRIMARY_REGION": "eu-west-1"}, "must differ"),
    ],
)
def test_deploy_when_an_input_is_wrong_should_fail_before_any_aws_call(sandbox, env, message):
    # WHEN
    run = sandbox("deploy.sh", "qa", DRY_RUN="1", **env)
    # THEN
    assert run.code == 1
    assert message in run.stderr
    assert run.plan == []


def test_deploy_when_the_digests_file_lacks_a_function_should_name_it(sandbox):
    # GIVEN
    sandbox.digests_file.write_text(
        f"validator={'a' * 64}\nenricher={'b' * 64}\nrecorder={'c' * 64}\n"
    )
    # WHEN
    run = sandbox("deploy.sh", "qa", DRY_RUN="1")
    # THEN
    assert run.code == 1
    assert "no digest for global-table-resource" in run.stderr


def summary(
    region: str,
    status: str = "CURRENT",
    detailed: str = "SUCCEEDED",
    stack: bool = True,
    env: str = "qa",
) -> dict:
    """A stack instance as list-stack-instances answers it."""
    instance = {
        "StackSetId": f"trade-processing-{env}:1",
        "Region": region,
        "Account": ACCOUNT,
        "Status": status,
        "StackInstanceStatus": {"DetailedStatus": detailed},
    }
    if stack:
        instance["StackId"] = stack_id(region, env)
    return instance


def stack_id(region: str, env: str = "qa") -> str:
    return f"arn:aws:cloudformation:{region}:{ACCOUNT}:stack/StackSet-trade-processing-{env}-{region}/1"


def instances(*summaries: dict) -> dict:
    # Like moto, the answer ignores --stack-instance-account and --stack-instance-region.
    return {"Summaries": list(summaries)}


def account_settings(quota: int, unreserved: int) -> dict:
    return {
        "AccountLimit": {
            "ConcurrentExecutions": quota,
            "UnreservedConcurrentExecutions": unreserved,
        }
    }


RESERVATION_DEFAULTS = {
    "ValidatorReservedConcurrency": "50",
    "EnricherReservedConcurrency": "50",
    "RecorderReservedConcurrency": "50",
    "GlobalTableResourceReservedConcurrency": "2",
}


def existing_environment_rules(
    env: str = "qa",
    listed: list[dict] | None = None,
    operation: list[dict] | None = None,
    registry: list[dict] | None = None,
    reservations: dict | None = None,
) -> list[dict]:
    """An environment whose stack set exists with an instance in each region (or `listed`)."""
    parameters = {**RESERVATION_DEFAULTS, **(reservations or {})}
    return [
        {"args": ["get-caller-identity"], "stdout": f"{ACCOUNT}\n"},
        {"args": ["get-role"], "stdout": "arn\n"},
        {
            "args": ["describe-stack-set", "StackSet.Parameters[].[ParameterKey,ParameterValue]"],
            "json": {
                "StackSet": {
                    "Parameters": [
                        {"ParameterKey": "EnvironmentSuffix", "ParameterValue": env},
                        *(
                            {"ParameterKey": key, "ParameterValue": value}
                            for key, value in parameters.items()
                        ),
                    ]
                }
            },
        },
        {"args": ["lambda", "get-account-settings"], "json": account_settings(1000, 848)},
        {
            "args": ["lambda", "get-function-concurrency", f"lambda-global-table-resource-{env}"],
            "json": {"ReservedConcurrentExecutions": 2},
        },
        {
            "args": ["lambda", "get-function-concurrency"],
            "json": {"ReservedConcurrentExecutions": 50},
        },
        {"args": ["cloudformation", "deploy"], "stdout": ""},
        {
            "args": ["describe-stacks", f"trade-processing-bootstrap-{env}"],
            "stdout": f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/ecr-functions-{env}\n",
        },
        {
            "args": ["ecr", "describe-registry"],
            "state": "registry",
            "json": {
                "registryId": ACCOUNT,
                "replicationConfiguration": {
                    "rules": registry if registry is not None else [replication_rule(env)]
                },
            },
        },
        {
            "args": ["ecr", "put-replication-configuration"],
            "state": "registry",
            "save": {"option": "--replication-configuration", "key": "replicationConfiguration"},
        },
        {"args": ["ecr", "describe-images"], "stdout": "sha256:x\n"},
        {"args": ["s3api", "head-bucket"], "stdout": ""},
        {"args": ["s3api", "put-bucket-encryption"], "stdout": ""},
        {"args": ["s3api", "put-bucket-lifecycle-configuration"], "stdout": ""},
        {"args": ["s3api", "put-bucket-policy"], "stdout": ""},
        {"args": ["cloudformation", "package"], "stdout": ""},
        {"args": ["s3", "cp"], "stdout": ""},
        {"args": ["describe-stack-set"], "stdout": "ACTIVE\n"},
        {"args": ["update-stack-set"], "stdout": "op-update\n"},
        {"args": ["create-stack-instances"], "stdout": "op-create\n"},
        {"args": ["delete-stack-instances"], "stdout": "op-delete\n"},
        *(
            operation
            or [
                {"args": ["describe-stack-set-operation"], "stdout": "RUNNING\n", "times": 1},
                {"args": ["describe-stack-set-operation"], "stdout": "SUCCEEDED\n"},
            ]
        ),
        {
            "args": ["list-stack-set-operation-results"],
            "stdout": "us-east-1\tFAILED\tResource handler returned message: boom\n",
        },
        {"args": ["dynamodb", "describe-table"], "stdout": "ACTIVE\n"},
        *(
            listed
            or [listed_instances(summary("us-east-1", env=env), summary("eu-west-1", env=env))]
        ),
        {"args": ["describe-stack-instance"], "stdout": "arn:aws:cloudformation:stack/x\n"},
        {
            "args": ["describe-stacks", "arn:aws:cloudformation:stack/x"],
            "stdout": f"EventBusName\teventbus-trades-{env}\n",
        },
        {
            "args": ["describe-stacks", f"trade-processing-failover-{env}"],
            "stdout": "EndpointId\tabcde.veo\n",
        },
    ]


def listing(*rules: dict) -> list[dict]:
    """Answers of list-stack-instances for existing_environment_rules, in the order given."""
    return list(rules)


def listed_instances(*summaries: dict, times: int | None = None) -> dict:
    """One answer of list-stack-instances: these instances, `times` times (else every time)."""
    answer = {"args": ["list-stack-instances"], "json": instances(*summaries)}
    return answer if times is None else {**answer, "times": times}


def deploy_with_instances(sandbox, *listed: dict, stacks: dict[str, str] | None = None) -> Run:
    """deploy.sh qa on an existing environment whose list-stack-instances answers are `listed`, in
    order, and whose instances' stacks have the statuses `stacks` (by region)."""
    rules = existing_environment_rules(listed=list(listed))
    for region, status in (stacks or {}).items():
        rules.insert(0, {"args": ["describe-stacks", stack_id(region)], "stdout": f"{status}\n"})
    return sandbox("deploy.sh", "qa", rules=rules)


def aws_error(args: list[str], stderr: str) -> dict:
    """A rule answering a call with exit status 254 and this error message."""
    return {"args": args, "exit": 254, "stderr": stderr}


def stack_calls(calls: list[list[str]], operation: str, stack: str) -> list[list[str]]:
    """The `cloudformation <operation>` calls on one stack, in order."""
    return [
        c
        for c in calls
        if c[:2] == ["cloudformation", operation] and option(c, "--stack-name") == stack
    ]


def stack_regions(calls: list[list[str]], operation: str, stack: str) -> list[str]:
    """The regions of the `cloudformation <operation>` calls on one stack, in order."""
    return [option(c, "--region") for c in stack_calls(calls, operation, stack)]


def stack_set_changes(run: Run) -> list[tuple[str, str]]:
    """The stack set's instance and update calls, in order, with the regions each names."""
    return [
        (call[1], option(call, "--regions") if "--regions" in call else "")
        for call in run.aws_calls
        if call[1] in ("delete-stack-instances", "update-stack-set", "create-stack-instances")
    ]


def test_deploy_when_the_environment_exists_should_update_the_stack_set_and_create_nothing(sandbox):
    # WHEN
    run = sandbox("deploy.sh", "qa", rules=existing_environment_rules())
    # THEN
    assert run.code == 0, run.stderr
    operations = [
        call[1] for call in run.aws_calls if call[0] in ("cloudformation", "s3api", "ecr")
    ]
    assert "update-stack-set" in operations
    assert not {
        "create-stack-set",
        "create-stack-instances",
        "delete-stack-instances",
        "create-bucket",
        "put-replication-configuration",
    } & set(operations)
    update = next(call for call in run.aws_calls if "update-stack-set" in call)
    parameters = {
        p["ParameterKey"]: p.get("ParameterValue")
        for p in json.loads(option(update, "--parameters"))
    }
    assert parameters["RecorderImageDigest"] == DIGESTS["recorder"]
    assert json.loads(option(update, "--operation-preferences"))["RegionOrder"] == [
        "us-east-1",
        "eu-west-1",
    ]
    assert operations.count("describe-stack-set-operation") == 2, "polls until the operation ends"
    kept = {
        p["ParameterKey"]
        for p in json.loads(option(update, "--parameters"))
        if p.get("UsePreviousValue")
    }
    assert {
        "MaxNotional",
        "KnownVenues",
        "PriceBandPercent",
        "VpcCidr",
        "ValidatorReservedConcurrency",
    } <= kept
    assert "eventbus-trades-qa" in run.stdout


@pytest.fixture
def primary_instance_only_run(sandbox) -> Run:
    """deploy.sh qa where every listing of the stack instances, whatever region it asks for,
    answers the primary region's instance only."""
    rules = existing_environment_rules(listed=listing(listed_instances(summary("us-east-1"))))
    return sandbox("deploy.sh", "qa", rules=rules)


def test_deploy_when_only_the_primary_instance_exists_should_create_the_replica_instance_after_the_table_check(
    primary_instance_only_run,
):
    # GIVEN, WHEN: the primary's instance exists, the replica's does not
    run = primary_instance_only_run
    # THEN
    assert run.code == 0, run.stderr
    creates = [call for call in run.aws_calls if "create-stack-instances" in call]
    assert [option(c, "--regions") for c in creates] == ["eu-west-1"]
    assert index_of(run.aws_calls, "dynamodb", "describe-table") < index_of(
        run.aws_calls, "create-stack-instances"
    )


def test_deploy_when_the_service_ignores_the_region_filter_should_still_see_that_the_replica_instance_is_missing(
    primary_instance_only_run,
):
    # GIVEN, WHEN: whatever region is asked for, the answer lists the primary's instance only
    run = primary_instance_only_run
    # THEN
    assert run.code == 0, run.stderr
    lists = [call for call in run.aws_calls if "list-stack-instances" in call]
    assert all(
        f"Summaries[?Region=='{option(c, '--stack-instance-region')}' && Account=='{ACCOUNT}']"
        in option(c, "--query")
        for c in lists
    ), "filtered on the client side as well"
    assert [option(c, "--regions") for c in run.aws_calls if "create-stack-instances" in c] == [
        "eu-west-1"
    ]


def test_deploy_when_the_stack_set_operation_fails_should_stop_with_the_reasons(sandbox):
    # GIVEN
    rules = existing_environment_rules(
        listed=listing(listed_instances(summary("us-east-1"))),
        operation=[{"args": ["describe-stack-set-operation"], "stdout": "FAILED\n"}],
    )
    # WHEN
    run = sandbox("deploy.sh", "qa", rules=rules)
    # THEN
    assert run.code == 1
    assert "ended FAILED" in run.stderr and "boom" in run.stderr
    assert not any("create-stack-instances" in call for call in run.aws_calls)


def test_deploy_when_a_digest_is_not_in_the_repository_should_stop_before_packaging(sandbox):
    # GIVEN
    rules = [
        {
            "args": ["describe-images", f"imageDigest=sha256:{DIGESTS['enricher']}"],
            "exit": 254,
            "stderr": "An error occurred (ImageNotFoundException) when calling the DescribeImages operation",
        },
        *existing_environment_rules(),
    ]
    # WHEN
    run = sandbox("deploy.sh", "qa", rules=rules)
    # THEN
    assert run.code == 1
    assert f"no image with the enricher digest {DIGESTS['enricher']}" in run.stderr
    assert not any("package" in call for call in run.aws_calls)


# --- Registry replication: this environment's rule, merged with what the registry holds (ADR 0021)


def put_configurations(run: Run) -> list[dict]:
    return [
        json.loads(option(call, "--replication-configuration"))
        for call in run.aws_calls
        if "put-replication-configuration" in call
    ]


def test_deploy_when_a_foreign_rule_exists_should_add_its_own_rule_after_it_before_pushing(sandbox):
    # WHEN
    run = sandbox("deploy.sh", "qa", rules=existing_environment_rules(registry=[FOREIGN_RULE]))
    # THEN
    assert run.code == 0, run.stderr
    assert put_configurations(run) == [{"rules": [FOREIGN_RULE, replication_rule("qa")]}]
    put = index_of(run.aws_calls, "put-replication-configuration")
    assert option(run.aws_calls[put], "--region") == "us-east-1"
    assert (
        index_of(run.aws_calls, "cloudformation", "deploy", "us-east-1")
        < put
        < index_of(run.aws_calls, "describe-images")
    )


def test_deploy_when_its_rule_is_already_there_should_not_write_the_configuration(sandbox):
    # WHEN
    run = sandbox(
        "deploy.sh",
        "qa",
        rules=existing_environment_rules(registry=[FOREIGN_RULE, replication_rule("qa")]),
    )
    # THEN
    assert run.code == 0, run.stderr
    assert put_configurations(run) == []


def test_deploy_when_another_environments_rule_exists_should_keep_it_and_add_its_own(sandbox):
    # GIVEN: qa2's rule; the prefix ecr-functions-qa also matches ecr-functions-qa2
    rules = existing_environment_rules(registry=[replication_rule("qa2")])
    # WHEN
    run = sandbox("deploy.sh", "qa", rules=rules)
    # THEN
    assert run.code == 0, run.stderr
    assert put_configurations(run) == [{"rules": [replication_rule("qa2"), replication_rule("qa")]}]


def test_deploy_when_the_registry_holds_the_most_rules_ecr_allows_should_stop_before_pushing(
    sandbox,
):
    # GIVEN
    full = [
        {
            **FOREIGN_RULE,
            "repositoryFilters": [{"filter": f"team{i}-", "filterType": "PREFIX_MATCH"}],
        }
        for i in range(25)
    ]
    # WHEN
    run = sandbox("deploy.sh", "qa", rules=existing_environment_rules(registry=full))
    # THEN
    assert run.code == 1
    assert "already has 25 rules, the most ECR allows" in run.stderr
    assert put_configurations(run) == []
    assert not any("describe-images" in call for call in run.aws_calls)


def test_deploy_when_replication_is_managed_elsewhere_should_not_touch_the_registry(sandbox):
    # WHEN
    run = sandbox(
        "deploy.sh",
        "qa",
        rules=existing_environment_rules(registry=[]),
        MANAGE_REGISTRY_REPLICATION="false",
    )
    # THEN
    assert run.code == 0, run.stderr
    assert not any(
        call[:2] in (["ecr", "describe-registry"], ["ecr", "put-replication-configuration"])
        for call in run.aws_calls
    )


def destroy_rules(env: str = "qa", registry: list[dict] | None = None) -> list[dict]:
    """An environment whose stack set and bootstrap stacks are gone already; its rule may be left."""
    return [
        {"args": ["get-caller-identity"], "stdout": f"{ACCOUNT}\n"},
        {"args": ["get-role"], "stdout": "arn\n"},
        aws_error(["describe-stack-set"], "An error occurred (StackSetNotFoundException)"),
        {
            "args": ["ecr", "describe-registry"],
            "state": "registry",
            "json": {"registryId": ACCOUNT, "replicationConfiguration": {"rules": registry or []}},
        },
        {
            "args": ["ecr", "put-replication-configuration"],
            "state": "registry",
            "save": {"option": "--replication-configuration", "key": "replicationConfiguration"},
        },
        aws_error(
            ["describe-stacks"], f"Stack with id trade-processing-bootstrap-{env} does not exist"
        ),
        aws_error(["describe-repositories"], "An error occurred (RepositoryNotFoundException)"),
        aws_error(
            ["head-bucket"],
            "An error occurred (404) when calling the HeadBucket operation: Not Found",
        ),
    ]


def test_destroy_when_foreign_and_other_environment_rules_exist_should_remove_only_its_own_rule(
    sandbox,
):
    # GIVEN
    registry = [FOREIGN_RULE, replication_rule("qa"), replication_rule("qa2")]
    # WHEN
    run = sandbox("destroy.sh", "qa", rules=destroy_rules(registry=registry))
    # THEN
    assert run.code == 0, run.stderr
    assert put_configurations(run) == [{"rules": [FOREIGN_RULE, replication_rule("qa2")]}]


def test_destroy_when_its_rule_is_the_only_one_should_put_an_empty_rule_list(sandbox):
    # WHEN
    run = sandbox("destroy.sh", "qa", rules=destroy_rules(registry=[replication_rule("qa")]))
    # THEN
    assert run.code == 0, run.stderr
    assert put_configurations(run) == [{"rules": []}]


def test_destroy_when_its_rule_is_absent_should_not_write_the_configuration(sandbox):
    # WHEN
    run = sandbox("destroy.sh", "qa", rules=destroy_rules(registry=[FOREIGN_RULE]))
    # THEN
    assert run.code == 0, run.stderr
    assert put_configurations(run) == []


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        (
            [("deploy.sh", "dev2"), ("deploy.sh", "dev"), ("destroy.sh", "dev2")],
            [FOREIGN_RULE, replication_rule("dev")],
        ),
        (
            [("deploy.sh", "dev"), ("deploy.sh", "dev2"), ("destroy.sh", "dev")],
            [FOREIGN_RULE, replication_rule("dev2")],
        ),
        (
            [
                ("deploy.sh", "dev"),
                ("deploy.sh", "dev2"),
                ("destroy.sh", "dev2"),
                ("destroy.sh", "dev"),
            ],
            [FOREIGN_RULE],
        ),
        (
            [
                ("deploy.sh", "dev"),
                ("deploy.sh", "dev2"),
                ("destroy.sh", "dev"),
                ("destroy.sh", "dev2"),
            ],
            [FOREIGN_RULE],
        ),
        (
            [
                ("deploy.sh", "dev"),
                ("deploy.sh", "dev"),
                ("deploy.sh", "dev2"),
                ("deploy.sh", "dev2"),
            ],
            [FOREIGN_RULE, replication_rule("dev"), replication_rule("dev2")],
        ),
    ],
)
def test_scripts_when_two_environments_share_a_registry_should_each_change_only_their_own_rule(
    sandbox, steps, expected
):
    # WHEN
    for script, env in steps:
        rules = (
            existing_environment_rules(env=env, registry=[FOREIGN_RULE])
            if script == "deploy.sh"
            else destroy_rules(env=env, registry=[FOREIGN_RULE])
        )
        run = sandbox(script, env, rules=rules)
        assert run.code == 0, f"{script} {env}: {run.stderr}"
    # THEN
    assert (
        json.loads((sandbox.state_dir / "registry.json").read_text())["replicationConfiguration"][
            "rules"
        ]
        == expected
    )


# --- The Lambda concurrency quota, before anything is created (ADR 0022)


def first_deployment_rules(primary: dict, replica: dict) -> list[dict]:
    return [
        {"args": ["get-caller-identity"], "stdout": f"{ACCOUNT}\n"},
        {"args": ["get-role"], "stdout": "arn\n"},
        aws_error(["describe-stack-set"], "An error occurred (StackSetNotFoundException)"),
        {"args": ["get-account-settings", "us-east-1"], "json": primary},
        {"args": ["get-account-settings", "eu-west-1"], "json": replica},
        {"args": ["cloudformation", "deploy"], "stdout": ""},
    ]


@pytest.mark.parametrize(
    ("primary", "replica", "said", "not_said"),
    [
        pytest.param(
            # quota 400, of which another team reserves 250
            account_settings(400, 150),
            account_settings(1000, 1000),
            [
                "the Lambda concurrency quota of us-east-1 cannot hold this environment's reservations",
                "The account's quota is 400 concurrent executions, 150 of them unreserved",
                "so this environment can reserve at most 50, but its functions would reserve 152",
                "ValidatorReservedConcurrency=50, EnricherReservedConcurrency=50, "
                "RecorderReservedConcurrency=50, GlobalTableResourceReservedConcurrency=2",
                "VALIDATOR_RESERVED_CONCURRENCY, ENRICHER_RESERVED_CONCURRENCY, "
                "RECORDER_RESERVED_CONCURRENCY, GLOBAL_TABLE_RESOURCE_RESERVED_CONCURRENCY",
            ],
            [],
            id="a new account's quota cannot hold the reservations: what to lower",
        ),
        pytest.param(
            # a new account's quota of 10: nothing can be reserved
            account_settings(10, 10),
            account_settings(10, 10),
            [
                "so this environment can reserve nothing, but its functions would reserve 152",
                'ask AWS for a higher "Concurrent executions" quota of Lambda in us-east-1',
                "each of the 4 functions needs a reservation of at least 1",
            ],
            [],
            id="less than one execution per function: ask for a higher quota",
        ),
        pytest.param(
            account_settings(1000, 1000),
            account_settings(200, 200),
            [
                "the Lambda concurrency quota of eu-west-1",
                "at most 100, but its functions would reserve 150",
            ],
            # the storage stack is in the primary region only
            ["GlobalTableResourceReservedConcurrency"],
            id="the replica region's quota is too low: that region and its three functions",
        ),
    ],
)
def test_deploy_when_a_regions_quota_cannot_hold_the_reservations_should_stop_before_anything_is_created(
    sandbox, primary: dict, replica: dict, said: list[str], not_said: list[str]
):
    # GIVEN
    rules = first_deployment_rules(primary, replica)
    # WHEN
    run = sandbox("deploy.sh", "qa", rules=rules)
    # THEN
    assert run.code == 1
    for message in said:
        assert message in run.stderr
    for message in not_said:
        assert message not in run.stderr
    assert not any(call[:2] == ["cloudformation", "deploy"] for call in run.aws_calls), (
        "nothing created"
    )


def test_deploy_when_reservations_are_lowered_by_inputs_should_pass_the_check_and_the_values_to_the_stack_set(
    sandbox,
):
    # GIVEN
    env = {
        "VALIDATOR_RESERVED_CONCURRENCY": "10",
        "ENRICHER_RESERVED_CONCURRENCY": "10",
        "RECORDER_RESERVED_CONCURRENCY": "10",
        "GLOBAL_TABLE_RESOURCE_RESERVED_CONCURRENCY": "1",
    }
    # WHEN
    run = sandbox("deploy.sh", "qa", DRY_RUN="1", **env)
    # THEN
    assert run.code == 0, run.stderr
    assert "Lambda concurrency in us-east-1: quota 1000; this environment reserves 31" in run.stderr
    create = run.plan_aws()[index_of(run.plan_aws(), "create-stack-set")]
    parameters = {
        p["ParameterKey"]: p["ParameterValue"] for p in json.loads(option(create, "--parameters"))
    }
    assert {key: parameters[key] for key in RESERVATION_DEFAULTS} == {
        "ValidatorReservedConcurrency": "10",
        "EnricherReservedConcurrency": "10",
        "RecorderReservedConcurrency": "10",
        "GlobalTableResourceReservedConcurrency": "1",
    }


def test_deploy_when_an_environment_is_redeployed_should_count_its_own_reservations_as_available(
    sandbox,
):
    # GIVEN: quota 252; this environment's primary functions hold all 152 reservations, 100 stay unreserved
    rules = [
        {"args": ["get-account-settings", "us-east-1"], "json": account_settings(252, 100)},
        *existing_environment_rules(),
    ]
    # WHEN
    run = sandbox("deploy.sh", "qa", rules=rules)
    # THEN
    assert run.code == 0, run.stderr
    assert (
        "Lambda concurrency in us-east-1: quota 252; this environment reserves 152 of the 152 it may"
        in run.stderr
    )
    asked = {
        option(c, "--function-name")
        for c in run.aws_calls
        if "get-function-concurrency" in c and "us-east-1" in c
    }
    assert asked == {
        "lambda-validator-qa",
        "lambda-enricher-qa",
        "lambda-recorder-qa",
        "lambda-global-table-resource-qa",
    }


def test_deploy_when_an_update_raises_a_reservation_beyond_the_quota_should_stop_before_the_bootstrap(
    sandbox,
):
    # GIVEN: the stack set's validator reserves 50; the input asks for 200, 150 more than the 100 left
    rules = [
        {"args": ["get-account-settings", "us-east-1"], "json": account_settings(352, 200)},
        *existing_environment_rules(),
    ]
    # WHEN
    run = sandbox("deploy.sh", "qa", rules=rules, VALIDATOR_RESERVED_CONCURRENCY="200")
    # THEN
    assert run.code == 1
    assert "this environment's functions hold 152" in run.stderr
    assert (
        "can reserve at most 252, but its functions would reserve 302 (ValidatorReservedConcurrency=200"
        in run.stderr
    )
    assert not any(call[:2] == ["cloudformation", "deploy"] for call in run.aws_calls)


def test_deploy_when_updating_with_a_reservation_input_should_replace_only_that_previous_value(
    sandbox,
):
    # WHEN
    run = sandbox(
        "deploy.sh", "qa", rules=existing_environment_rules(), RECORDER_RESERVED_CONCURRENCY="40"
    )
    # THEN
    assert run.code == 0, run.stderr
    update = next(call for call in run.aws_calls if "update-stack-set" in call)
    parameters = json.loads(option(update, "--parameters"))
    assert {"ParameterKey": "RecorderReservedConcurrency", "ParameterValue": "40"} in parameters
    assert {"ParameterKey": "ValidatorReservedConcurrency", "UsePreviousValue": True} in parameters
    assert [p["ParameterKey"] for p in parameters].count("RecorderReservedConcurrency") == 1


def test_deploy_when_the_stack_set_keeps_a_changed_reservation_should_check_that_value(sandbox):
    # GIVEN: the validator's reservation was raised to 500 with update-stack-set; 400 are unreserved
    rules = [
        {"args": ["get-account-settings", "us-east-1"], "json": account_settings(1000, 400)},
        *existing_environment_rules(reservations={"ValidatorReservedConcurrency": "500"}),
    ]
    # WHEN
    run = sandbox("deploy.sh", "qa", rules=rules)
    # THEN: 400 + 152 held - 100 = 452 < 500 + 102
    assert run.code == 1
    assert "would reserve 602 (ValidatorReservedConcurrency=500" in run.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"VALIDATOR_RESERVED_CONCURRENCY": "0"},
            "VALIDATOR_RESERVED_CONCURRENCY must be a whole number from 1 to 1000",
        ),
        (
            {"ENRICHER_RESERVED_CONCURRENCY": "1001"},
            "ENRICHER_RESERVED_CONCURRENCY must be a whole number from 1 to 1000",
        ),
        (
            {"RECORDER_RESERVED_CONCURRENCY": "ten"},
            "RECORDER_RESERVED_CONCURRENCY must be a whole number",
        ),
        (
            {"GLOBAL_TABLE_RESOURCE_RESERVED_CONCURRENCY": "11"},
            "GLOBAL_TABLE_RESOURCE_RESERVED_CONCURRENCY must be a whole number from 1 to 10",
        ),
    ],
)
def test_deploy_when_a_reservation_input_is_out_of_the_templates_bounds_should_fail_before_any_aws_call(
    sandbox, env, message
):
    # WHEN
    run = sandbox("deploy.sh", "qa", DRY_RUN="1", **env)
    # THEN
    assert run.code == 1
    assert message in run.stderr
    assert run.plan == []


# --- Stack instances left broken by a failed creation or deletion (ADR 0022)


def test_deploy_when_the_replica_instances_first_creation_failed_should_delete_it_update_then_create_it(
    sandbox,
):
    # GIVEN: the replica's stack was rolled back (ROLLBACK_COMPLETE); once deleted it is not listed
    # WHEN
    run = deploy_with_instances(
        sandbox,
        listed_instances(
            summary("us-east-1"),
            summary("eu-west-1", status="OUTDATED", detailed="FAILED"),
            times=2,
        ),
        listed_instances(summary("us-east-1")),
        stacks={"eu-west-1": "ROLLBACK_COMPLETE"},
    )
    # THEN
    assert run.code == 0, run.stderr
    assert (
        "the stack instance in eu-west-1 is OUTDATED and its stack is ROLLBACK_COMPLETE: deleting it"
        in run.stderr
    )
    assert stack_set_changes(run) == [
        ("delete-stack-instances", "eu-west-1"),
        ("update-stack-set", ""),
        ("create-stack-instances", "eu-west-1"),
    ]
    delete = next(call for call in run.aws_calls if "delete-stack-instances" in call)
    assert "--no-retain-stacks" in delete
    assert index_of(run.aws_calls, "dynamodb", "describe-table") < index_of(
        run.aws_calls, "create-stack-instances"
    )


def test_deploy_when_the_primary_instance_is_inoperable_should_recreate_it_before_the_replica(
    sandbox,
):
    # GIVEN: a destroy failed after the replica's instance was deleted
    # WHEN
    run = deploy_with_instances(
        sandbox,
        listed_instances(summary("us-east-1", status="INOPERABLE", detailed="INOPERABLE"), times=2),
        listed_instances(),
    )
    # THEN
    assert run.code == 0, run.stderr
    assert (
        "the stack instance in us-east-1 is INOPERABLE (a deletion of it failed): deleting it, to create it again"
        in run.stderr
    )
    assert stack_set_changes(run) == [
        ("delete-stack-instances", "us-east-1"),
        ("update-stack-set", ""),
        ("create-stack-instances", "us-east-1"),
        ("create-stack-instances", "eu-west-1"),
    ]


def test_deploy_when_an_instance_failed_before_its_stack_existed_should_recreate_it(sandbox):
    # GIVEN, WHEN
    run = deploy_with_instances(
        sandbox,
        listed_instances(
            summary("us-east-1", status="OUTDATED", detailed="FAILED", stack=False), times=2
        ),
        listed_instances(),
    )
    # THEN
    assert run.code == 0, run.stderr
    assert "OUTDATED and has no stack" in run.stderr
    assert [option(c, "--regions") for c in run.aws_calls if "delete-stack-instances" in c] == [
        "us-east-1"
    ]


def test_deploy_when_an_update_failed_and_rolled_back_should_keep_the_instance_and_update_it(
    sandbox,
):
    # GIVEN: the primary's stack works (UPDATE_ROLLBACK_COMPLETE): deleting it would delete the table
    # WHEN
    run = deploy_with_instances(
        sandbox,
        listed_instances(
            summary("us-east-1", status="OUTDATED", detailed="FAILED"),
            summary("eu-west-1", status="OUTDATED", detailed="CANCELLED"),
        ),
        stacks={"us-east-1": "UPDATE_ROLLBACK_COMPLETE", "eu-west-1": "UPDATE_COMPLETE"},
    )
    # THEN
    assert run.code == 0, run.stderr
    assert not any(
        "delete-stack-instances" in call or "create-stack-instances" in call
        for call in run.aws_calls
    )
    assert any("update-stack-set" in call for call in run.aws_calls)


def test_deploy_when_a_stack_is_update_rollback_failed_should_stop_with_the_way_out_before_updating(
    sandbox,
):
    # GIVEN, WHEN
    run = deploy_with_instances(
        sandbox,
        listed_instances(
            summary("us-east-1", status="OUTDATED", detailed="FAILED"), summary("eu-west-1")
        ),
        stacks={"us-east-1": "UPDATE_ROLLBACK_FAILED"},
    )
    # THEN
    assert run.code == 1
    assert (
        f"aws cloudformation continue-update-rollback --region us-east-1 --stack-name {stack_id('us-east-1')}"
        in run.stderr
    )
    assert not any(
        call[1] in ("update-stack-set", "delete-stack-instances") for call in run.aws_calls
    )


def test_deploy_when_another_operation_runs_on_an_instance_should_stop_without_changing_it(sandbox):
    # GIVEN, WHEN
    run = deploy_with_instances(
        sandbox,
        listed_instances(
            summary("us-east-1"), summary("eu-west-1", status="OUTDATED", detailed="RUNNING")
        ),
    )
    # THEN
    assert run.code == 1
    assert "the stack instance in eu-west-1 is RUNNING in another stack set operation" in run.stderr
    assert not any(
        call[1] in ("update-stack-set", "delete-stack-instances") for call in run.aws_calls
    )


# --- The packaging bucket's name


@pytest.mark.parametrize(
    ("primary", "suffix"),
    [
        ("ap-southeast-3", "abcdefghij"),
        ("us-gov-west-1", "abcdefghij"),
        ("xx-" + "a" * 15 + "-9", "abcdefghij"),
    ],
)
def test_deploy_dry_run_when_the_region_and_suffix_are_the_longest_should_name_a_bucket_within_63_characters(
    sandbox, primary, suffix
):
    # WHEN
    run = sandbox(
        "deploy.sh", suffix, DRY_RUN="1", PRIMARY_REGION=primary, REPLICA_REGION="eu-west-1"
    )
    # THEN
    assert run.code == 0, run.stderr
    plan = run.plan_aws()
    bucket = option(plan[index_of(plan, "cloudformation", "package")], "--s3-bucket")
    assert bucket == f"trade-processing-123456789012-{primary}-{suffix}"
    assert 3 <= len(bucket) <= 63
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*[a-z0-9]", bucket)


def test_deploy_when_a_region_is_longer_than_any_region_code_should_refuse_it(sandbox):
    # WHEN
    run = sandbox("deploy.sh", "qa", DRY_RUN="1", PRIMARY_REGION="xx-" + "a" * 16 + "-9")
    # THEN
    assert run.code == 1
    assert "must have at most 20 characters" in run.stderr
    assert run.plan == []


def test_destroy_dry_run_when_removing_an_environment_should_go_replica_region_first_and_leave_nothing(
    sandbox,
):
    # WHEN
    run = sandbox("destroy.sh", "qa", DRY_RUN="1")
    # THEN
    plan = planned_aws(run)
    deletes = [c for c in plan if "delete-stack-instances" in c]
    assert [option(c, "--regions") for c in deletes] == ["eu-west-1", "us-east-1"]
    assert all("--no-retain-stacks" in c for c in deletes)
    bootstrap = [
        c
        for c in plan
        if "delete-stack" in c and option(c, "--stack-name") == "trade-processing-bootstrap-qa"
    ]
    assert [option(c, "--region") for c in bootstrap] == ["eu-west-1", "us-east-1"]
    steps = [
        index_of(plan, "delete-stack", "trade-processing-failover-qa", "us-east-1"),
        index_of(
            plan, "wait", "stack-delete-complete", "trade-processing-failover-qa", "us-east-1"
        ),
        index_of(plan, "delete-stack", "trade-processing-failover-qa", "eu-west-1"),
        index_of(plan, "delete-stack-instances", "eu-west-1"),
        index_of(plan, "delete-stack-instances", "us-east-1"),
        index_of(plan, "delete-stack-set"),
        index_of(plan, "ecr", "describe-registry"),
        index_of(plan, "ecr", "put-replication-configuration"),
        index_of(plan, "delete-stack", "trade-processing-bootstrap-qa", "eu-west-1"),
        index_of(plan, "delete-stack", "trade-processing-bootstrap-qa", "us-east-1"),
        index_of(plan, "s3", "rm"),
        index_of(plan, "s3api", "delete-bucket"),
    ]
    assert steps == sorted(steps)


def test_destroy_when_nothing_is_left_should_succeed_without_deleting_anything(sandbox):
    # GIVEN
    rules = destroy_rules()
    # WHEN
    run = sandbox("destroy.sh", "qa", rules=rules)
    # THEN
    assert run.code == 0, run.stderr
    assert not any(
        call[1].startswith(("delete", "put")) or call[1] == "rm" for call in run.aws_calls
    )


def test_destroy_when_the_bucket_was_not_created_by_deploy_should_keep_it(sandbox):
    # GIVEN
    rules = [
        {"args": ["head-bucket"], "stdout": ""},
        {"args": ["get-bucket-tagging"], "stdout": "None\n"},
        *destroy_rules(),
    ]
    # WHEN
    run = sandbox("destroy.sh", "qa", rules=rules)
    # THEN
    assert run.code == 0, run.stderr
    assert "keeping s3://trade-processing-111122223333-us-east-1-qa" in run.stderr
    assert not any(call[1] in ("rm", "delete-bucket") for call in run.aws_calls)


def test_destroy_when_aws_refuses_a_lookup_should_stop_instead_of_treating_it_as_absent(sandbox):
    # GIVEN
    rules = [
        {"args": ["get-caller-identity"], "stdout": f"{ACCOUNT}\n"},
        {"args": ["get-role"], "stdout": "arn\n"},
        aws_error(
            ["describe-stacks", "trade-processing-failover-qa"],
            "Stack with id trade-processing-failover-qa does not exist",
        ),
        aws_error(
            ["describe-stack-set"], "An error occurred (AccessDenied) when calling DescribeStackSet"
        ),
    ]
    # WHEN
    run = sandbox("destroy.sh", "qa", rules=rules)
    # THEN
    assert run.code == 1
    assert "AccessDenied" in run.stderr
    assert not any(call[1].startswith("delete") for call in run.aws_calls)


def test_deploy_parameters_when_compared_with_root_template_should_cover_every_parameter_once(
    sandbox,
):
    # GIVEN
    root_parameters = set(
        json.loads((REPO_ROOT / "templates" / "root.json").read_text())["Parameters"]
    )
    update_run = sandbox("deploy.sh", "qa", rules=existing_environment_rules())
    create_plan = sandbox("deploy.sh", "qa", DRY_RUN="1").plan_aws()
    # WHEN
    update = next(call for call in update_run.aws_calls if "update-stack-set" in call)
    on_update = [p["ParameterKey"] for p in json.loads(option(update, "--parameters"))]
    create = create_plan[index_of(create_plan, "create-stack-set")]
    on_create = [p["ParameterKey"] for p in json.loads(option(create, "--parameters"))]
    # THEN
    assert sorted(on_update) == sorted(root_parameters), "each parameter set or kept, none twice"
    assert set(on_create) <= root_parameters and len(on_create) == len(set(on_create))


def test_deploy_dry_run_when_the_packaging_bucket_is_its_own_should_encrypt_expire_and_require_tls_before_packaging(
    sandbox,
):
    # WHEN
    run = sandbox("deploy.sh", "qa", DRY_RUN="1")
    # THEN
    assert run.code == 0, run.stderr
    plan = run.plan_aws()
    bucket = option(plan[index_of(plan, "s3api", "head-bucket")], "--bucket")
    assert bucket.startswith("trade-processing-") and bucket.endswith("-us-east-1-qa")
    encryption = index_of(plan, "s3api", "put-bucket-encryption", bucket)
    lifecycle = index_of(plan, "s3api", "put-bucket-lifecycle-configuration", bucket)
    policy = index_of(plan, "s3api", "put-bucket-policy", bucket)
    assert index_of(plan, "s3api", "head-bucket") < min(encryption, lifecycle, policy)
    assert max(encryption, lifecycle, policy) < index_of(plan, "cloudformation", "package")
    rules = json.loads(option(plan[encryption], "--server-side-encryption-configuration"))["Rules"]
    assert rules == [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
    [expiry] = json.loads(option(plan[lifecycle], "--lifecycle-configuration"))["Rules"]
    assert expiry["Status"] == "Enabled" and expiry["Filter"] == {"Prefix": ""}
    assert expiry["Expiration"]["Days"] >= 7, (
        "a packaged template must outlive the deploy that reads it"
    )
    [deny] = json.loads(option(plan[policy], "--policy"))["Statement"]
    assert deny["Effect"] == "Deny" and deny["Principal"] == "*" and deny["Action"] == "s3:*"
    assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert sorted(deny["Resource"]) == [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"]
    assert not any("put-bucket-versioning" in command for command in plan), (
        "destroy.sh's s3 rm leaves versions"
    )


def test_deploy_dry_run_when_the_packaging_bucket_is_given_should_leave_its_configuration_to_its_owner(
    sandbox,
):
    # WHEN
    run = sandbox("deploy.sh", "qa", DRY_RUN="1", ARTIFACT_BUCKET="team-artifacts")
    # THEN
    assert run.code == 0, run.stderr
    plan = run.plan_aws()
    assert index_of(plan, "cloudformation", "package", "team-artifacts") >= 0
    assert not any(
        word in command
        for command in plan
        for word in (
            "put-bucket-encryption",
            "put-bucket-lifecycle-configuration",
            "put-bucket-policy",
        )
    )


# --- The failover stack (templates/failover.json, ADR 0030)


def test_deploy_dry_run_when_deploying_should_create_the_failover_stack_after_both_instances_replica_first(
    sandbox,
):
    # WHEN
    plan = sandbox("deploy.sh", "qa", DRY_RUN="1").plan_aws()
    # THEN
    failover = stack_calls(plan, "deploy", "trade-processing-failover-qa")
    assert [option(c, "--region") for c in failover] == ["eu-west-1", "us-east-1"]
    assert all(option(c, "--template-file").endswith("templates/failover.json") for c in failover)
    for command in failover:
        overrides = command[command.index("--parameter-overrides") + 1 :]
        assert {
            "EnvironmentSuffix=qa",
            "PrimaryRegion=us-east-1",
            "ReplicaRegion=eu-west-1",
        } <= set(overrides)
    last_instance = max(i for i, c in enumerate(plan) if "create-stack-instances" in c)
    assert plan.index(failover[0]) > last_instance, "the endpoint names both regions' buses"


def test_deploy_when_the_environment_exists_should_update_the_failover_stack_and_print_the_endpoint_id(
    sandbox,
):
    # GIVEN
    rules = [
        {
            "args": ["describe-stacks", "trade-processing-failover-qa"],
            "json": {
                "Stacks": [
                    {
                        "Outputs": [
                            {"OutputKey": "EndpointId", "OutputValue": "abcde.veo"},
                            {"OutputKey": "OperatorSwitchAlarmName", "OutputValue": "x"},
                        ]
                    }
                ]
            },
        },
        *existing_environment_rules(),
    ]
    # WHEN
    run = sandbox("deploy.sh", "qa", rules=rules)
    # THEN
    assert run.code == 0, run.stderr
    assert stack_regions(run.aws_calls, "deploy", "trade-processing-failover-qa") == [
        "eu-west-1",
        "us-east-1",
    ]
    assert "EndpointId\tabcde.veo" in run.stdout
    assert "OperatorSwitchAlarmName" not in run.stdout


def test_destroy_when_the_failover_stack_exists_should_delete_it_primary_first_before_the_instances(
    sandbox,
):
    # GIVEN: the failover stack and both instances exist; the bootstrap stacks are gone
    rules = [
        {"args": ["get-caller-identity"], "stdout": f"{ACCOUNT}\n"},
        {"args": ["get-role"], "stdout": "arn\n"},
        {
            "args": ["describe-stacks", "trade-processing-failover-qa"],
            "stdout": "CREATE_COMPLETE\n",
        },
        {"args": ["delete-stack", "trade-processing-failover-qa"], "stdout": ""},
        {"args": ["wait", "stack-delete-complete"], "stdout": ""},
        {"args": ["describe-stack-set"], "stdout": "ACTIVE\n"},
        listed_instances(summary("us-east-1"), summary("eu-west-1")),
        {"args": ["delete-stack-instances"], "stdout": "op-delete\n"},
        {"args": ["describe-stack-set-operation"], "stdout": "SUCCEEDED\n"},
        {"args": ["delete-stack-set"], "stdout": ""},
        *destroy_rules()[3:],
    ]
    # WHEN
    run = sandbox("destroy.sh", "qa", rules=rules)
    # THEN
    assert run.code == 0, run.stderr
    assert stack_regions(run.aws_calls, "delete-stack", "trade-processing-failover-qa") == [
        "us-east-1",
        "eu-west-1",
    ]
    assert index_of(run.aws_calls, "wait", "trade-processing-failover-qa", "eu-west-1") < index_of(
        run.aws_calls, "delete-stack-instances"
    )

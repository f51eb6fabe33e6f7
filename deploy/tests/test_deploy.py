"""deploy.sh and destroy.sh: their dry-run plans (order, regions, parameters, digests), their
fail-fast checks, and their decisions on a re-run, against a scripted `aws` (fake_aws.py) on a
PATH that holds only the tools the scripts use. No test reaches AWS."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import DEPLOY_DIR, REPO_ROOT

TOOLS = ("bash", "env", "dirname", "grep", "sed", "date", "git", "mkdir", "rm", "sleep", "cat")
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
    digests_file.write_text("".join(f"{name}=sha256:{digest}\n" for name, digest in DIGESTS.items()))
    log = tmp_path / "aws-calls.jsonl"

    def run(script: str, *args: str, rules: list[dict] | None = None, with_aws: bool = True, **env: str) -> Run:
        if with_aws:
            aws = bin_dir / "aws"
            aws.write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} {DEPLOY_DIR / 'tests' / 'fake_aws.py'} \"$@\"\n")
            aws.chmod(0o755)
            (tmp_path / "rules.json").write_text(json.dumps(rules or []))
        elif (bin_dir / "aws").exists():
            (bin_dir / "aws").unlink()
        full_env = {
            "PATH": str(bin_dir),
            "HOME": str(tmp_path),
            "FAKE_AWS_LOG": str(log),
            "FAKE_AWS_RULES": str(tmp_path / "rules.json"),
            "POLL_SECONDS": "0",
            "IMAGE_DIGESTS_FILE": str(digests_file),
            "REFERENCE_DATA_BASE_URL": REFERENCE_URL,
            **env,
        }
        done = subprocess.run(
            [str(DEPLOY_DIR / script), *args], env=full_env, capture_output=True, text=True, timeout=60
        )
        calls = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
        return Run(done.returncode, done.stdout, done.stderr, calls)

    run.digests_file = digests_file
    return run


def index_of(commands: list[list[str]], *tokens: str, start: int = 0) -> int:
    for i, command in enumerate(commands[start:], start=start):
        if all(token in command for token in tokens):
            return i
    raise AssertionError(f"no command with {tokens} in {commands}")


def option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_deploy_dry_run_when_digests_are_given_should_plan_every_aws_command_in_order_without_calling_aws(sandbox):
    # WHEN
    run = sandbox("deploy.sh", "qa", DRY_RUN="1")
    # THEN
    assert run.code == 0, run.stderr
    assert run.aws_calls == []
    plan = run.plan_aws()
    assert [words[0] for words in run.plan] == ["aws"] * len(run.plan), "no build when digests are given"
    steps = [
        index_of(plan, "sts", "get-caller-identity"),
        index_of(plan, "iam", "get-role", "AWSCloudFormationStackSetAdministrationRole"),
        index_of(plan, "iam", "get-role", "AWSCloudFormationStackSetExecutionRole"),
        index_of(plan, "cloudformation", "deploy", "eu-west-1"),
        index_of(plan, "cloudformation", "deploy", "us-east-1"),
        index_of(plan, "ecr", "describe-images", "us-east-1"),
        index_of(plan, "ecr", "describe-images", "eu-west-1"),
        index_of(plan, "cloudformation", "package"),
        index_of(plan, "s3", "cp"),
        index_of(plan, "cloudformation", "create-stack-set"),
        index_of(plan, "create-stack-instances", "us-east-1"),
        index_of(plan, "dynamodb", "describe-table"),
        index_of(plan, "create-stack-instances", "eu-west-1"),
        index_of(plan, "describe-stack-instance", "eu-west-1"),
    ]
    assert steps == sorted(steps)


def test_deploy_dry_run_when_digests_are_given_should_pass_them_and_the_suffix_to_the_stack_set(sandbox):
    # WHEN
    run = sandbox("deploy.sh", "qa", DRY_RUN="1", ALARM_EMAIL="ops@example.com")
    # THEN
    create = run.plan_aws()[index_of(run.plan_aws(), "create-stack-set")]
    parameters = {p["ParameterKey"]: p["ParameterValue"] for p in json.loads(option(create, "--parameters"))}
    assert {key: parameters[key] for key in DIGEST_PARAMETERS} == {k: DIGESTS[v] for k, v in DIGEST_PARAMETERS.items()}
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


def test_deploy_dry_run_when_regional_inputs_are_given_should_pass_each_to_its_root_parameter(sandbox):
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
    parameters = {p["ParameterKey"]: p["ParameterValue"] for p in json.loads(option(create, "--parameters"))}
    assert {key: parameters[REGIONAL_INPUTS[key]] for key in inputs} == inputs
    assert option(create, "--region") == "us-east-1"
    assert option(create, "--stack-set-name") == "trade-processing-qa"
    assert option(create, "--permission-model") == "SELF_MANAGED"
    assert option(create, "--administration-role-arn") == "arn:aws:iam::123456789012:role/AWSCloudFormationStackSetAdministrationRole"
    assert option(create, "--capabilities") == "CAPABILITY_NAMED_IAM"
    assert option(create, "--template-url").endswith("/trade-processing/qa/root.packaged.json")


def test_deploy_dry_run_when_deploying_should_order_regions_primary_first_and_bootstrap_replica_first(sandbox):
    # WHEN
    plan = sandbox("deploy.sh", "qa", DRY_RUN="1").plan_aws()
    # THEN
    bootstrap = [c for c in plan if c[:2] == ["cloudformation", "deploy"]]
    assert [option(c, "--region") for c in bootstrap] == ["eu-west-1", "us-east-1"]
    assert ["ManageRegistryReplication=false" in c for c in bootstrap] == [True, False]
    assert "ManageRegistryReplication=true" in bootstrap[1]
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
    assert option(package, "--s3-bucket") == "trade-processing-artifacts-123456789012-us-east-1-qa"


def test_deploy_dry_run_when_no_digests_are_given_should_plan_the_extension_fetch_and_the_push_before_the_digest_checks(sandbox):
    # WHEN
    run = sandbox("deploy.sh", "qa", DRY_RUN="1", IMAGE_DIGESTS_FILE="", IMAGE_VERSION="abc123")
    # THEN
    assert run.code == 0, run.stderr
    assert run.aws_calls == []
    plan = run.plan
    fetch = index_of(plan, "fetch")
    login = index_of(plan, "ecr", "get-login-password")
    build = index_of(plan, "mvn")
    assert index_of(plan, "cloudformation", "deploy", "us-east-1") < fetch < login < build < index_of(plan, "describe-images")
    mvn = plan[build]
    assert "lambda-images-push" in mvn
    assert "validator,enricher,recorder,global-table-resource" in mvn
    assert "-Dlambda.image.repository=123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-functions-qa" in mvn
    assert "-Dlambda.image.version=abc123" in mvn
    assert not any("<ecr-token>" in word for word in mvn), "the registry token never appears on a command line"


@pytest.mark.parametrize("suffix", ["", "Dev", "d", "1dev", "dev-1", "abcdefghijk"])
@pytest.mark.parametrize("script", ["deploy.sh", "destroy.sh"])
def test_scripts_when_env_is_missing_or_invalid_should_fail_before_any_aws_call(sandbox, script, suffix):
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
    rules = [{"args": ["get-caller-identity"], "exit": 253, "stderr": "Unable to locate credentials."}]
    # WHEN
    run = sandbox("deploy.sh", "qa", rules=rules)
    # THEN
    assert run.code == 1
    assert "no usable AWS credentials" in run.stderr and "Unable to locate credentials" in run.stderr
    assert run.aws_calls == [["sts", "get-caller-identity", "--query", "Account", "--output", "text"]]


def test_deploy_when_the_stack_set_execution_role_is_missing_should_stop_before_any_change(sandbox):
    # GIVEN
    rules = [
        {"args": ["get-caller-identity"], "stdout": f"{ACCOUNT}\n"},
        {"args": ["get-role", "AWSCloudFormationStackSetAdministrationRole"], "stdout": "arn\n"},
        {"args": ["get-role"], "exit": 254, "stderr": "An error occurred (NoSuchEntity) when calling the GetRole operation"},
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
        ({"REFERENCE_DATA_ENDPOINT_SERVICE_NAME": PRIMARY_SERVICE}, "an endpoint service name is regional"),
        ({"PRIMARY_REFERENCE_DATA_ENDPOINT_SERVICE_NAME": PRIMARY_SERVICE}, "both or neither"),
        ({"REPLICA_REFERENCE_DATA_ENDPOINT_SERVICE_NAME": "vpce-svc-0fedcba9876543210"}, "is not an endpoint service name"),
        (
            {"PRIMARY_REFERENCE_DATA_ENDPOINT_SERVICE_NAME": REPLICA_SERVICE, "REPLICA_REFERENCE_DATA_ENDPOINT_SERVICE_NAME": REPLICA_SERVICE},
            "is not an endpoint service of us-east-1",
        ),
        ({"REFERENCE_DATA_PRIVATE_DNS": "yes"}, "REFERENCE_DATA_PRIVATE_DNS must be true or false"),
        ({"PRIMARY_AVAILABILITY_ZONE_IDS": "us-east-1a,us-east-1b"}, "is not two Availability Zone IDs"),
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
    sandbox.digests_file.write_text(f"validator={'a' * 64}\nenricher={'b' * 64}\nrecorder={'c' * 64}\n")
    # WHEN
    run = sandbox("deploy.sh", "qa", DRY_RUN="1")
    # THEN
    assert run.code == 1
    assert "no digest for global-table-resource" in run.stderr


def existing_environment_rules(primary_instances: str = "1", replica_instances: str = "1", operation: list[dict] | None = None) -> list[dict]:
    return [
        {"args": ["get-caller-identity"], "stdout": f"{ACCOUNT}\n"},
        {"args": ["get-role"], "stdout": "arn\n"},
        {"args": ["cloudformation", "deploy"], "stdout": ""},
        {"args": ["describe-stacks", "trade-processing-bootstrap-qa"], "stdout": f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/ecr-functions-qa\n"},
        {"args": ["ecr", "describe-images"], "stdout": "sha256:x\n"},
        {"args": ["s3api", "head-bucket"], "stdout": ""},
        {"args": ["cloudformation", "package"], "stdout": ""},
        {"args": ["s3", "cp"], "stdout": ""},
        {"args": ["describe-stack-set"], "stdout": "ACTIVE\n"},
        {"args": ["update-stack-set"], "stdout": "op-update\n"},
        {"args": ["create-stack-instances"], "stdout": "op-create\n"},
        *(operation or [
            {"args": ["describe-stack-set-operation"], "stdout": "RUNNING\n", "times": 1},
            {"args": ["describe-stack-set-operation"], "stdout": "SUCCEEDED\n"},
        ]),
        {"args": ["list-stack-set-operation-results"], "stdout": "us-east-1\tFAILED\tResource handler returned message: boom\n"},
        {"args": ["dynamodb", "describe-table"], "stdout": "ACTIVE\n"},
        # Every call names us-east-1 (the stack set's region): the replica's query goes first.
        {"args": ["list-stack-instances", "eu-west-1"], "stdout": f"{replica_instances}\n"},
        {"args": ["list-stack-instances", "us-east-1"], "stdout": f"{primary_instances}\n"},
        {"args": ["describe-stack-instance"], "stdout": "arn:aws:cloudformation:stack/x\n"},
        {"args": ["describe-stacks", "arn:aws:cloudformation:stack/x"], "stdout": "EventBusName\teventbus-trades-qa\n"},
    ]


def test_deploy_when_the_environment_exists_should_update_the_stack_set_and_create_nothing(sandbox):
    # WHEN
    run = sandbox("deploy.sh", "qa", rules=existing_environment_rules())
    # THEN
    assert run.code == 0, run.stderr
    operations = [call[1] for call in run.aws_calls if call[0] in ("cloudformation", "s3api")]
    assert "update-stack-set" in operations
    assert not {"create-stack-set", "create-stack-instances", "create-bucket"} & set(operations)
    update = next(call for call in run.aws_calls if "update-stack-set" in call)
    parameters = {p["ParameterKey"]: p.get("ParameterValue") for p in json.loads(option(update, "--parameters"))}
    assert parameters["RecorderImageDigest"] == DIGESTS["recorder"]
    assert json.loads(option(update, "--operation-preferences"))["RegionOrder"] == ["us-east-1", "eu-west-1"]
    assert operations.count("describe-stack-set-operation") == 2, "polls until the operation ends"
    kept = {p["ParameterKey"] for p in json.loads(option(update, "--parameters")) if p.get("UsePreviousValue")}
    assert {"MaxNotional", "KnownVenues", "PriceBandPercent", "VpcCidr"} <= kept
    assert "eventbus-trades-qa" in run.stdout


def test_deploy_when_only_the_primary_instance_exists_should_create_the_replica_instance_after_the_table_check(sandbox):
    # WHEN
    run = sandbox("deploy.sh", "qa", rules=existing_environment_rules(replica_instances="0"))
    # THEN
    assert run.code == 0, run.stderr
    creates = [call for call in run.aws_calls if "create-stack-instances" in call]
    assert [option(c, "--regions") for c in creates] == ["eu-west-1"]
    assert index_of(run.aws_calls, "dynamodb", "describe-table") < index_of(run.aws_calls, "create-stack-instances")


def test_deploy_when_the_stack_set_operation_fails_should_stop_with_the_reasons(sandbox):
    # GIVEN
    rules = existing_environment_rules(
        replica_instances="0", operation=[{"args": ["describe-stack-set-operation"], "stdout": "FAILED\n"}]
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
        {"args": ["describe-images", f"imageDigest=sha256:{DIGESTS['enricher']}"], "exit": 254,
         "stderr": "An error occurred (ImageNotFoundException) when calling the DescribeImages operation"},
        *existing_environment_rules(),
    ]
    # WHEN
    run = sandbox("deploy.sh", "qa", rules=rules)
    # THEN
    assert run.code == 1
    assert f"no image with the enricher digest {DIGESTS['enricher']}" in run.stderr
    assert not any("package" in call for call in run.aws_calls)


def test_destroy_dry_run_when_removing_an_environment_should_go_replica_region_first_and_leave_nothing(sandbox):
    # WHEN
    run = sandbox("destroy.sh", "qa", DRY_RUN="1")
    # THEN
    assert run.code == 0, run.stderr
    assert run.aws_calls == []
    plan = run.plan_aws()
    deletes = [c for c in plan if "delete-stack-instances" in c]
    assert [option(c, "--regions") for c in deletes] == ["eu-west-1", "us-east-1"]
    assert all("--no-retain-stacks" in c for c in deletes)
    bootstrap = [c for c in plan if "delete-stack" in c]
    assert [option(c, "--region") for c in bootstrap] == ["eu-west-1", "us-east-1"]
    steps = [
        index_of(plan, "delete-stack-instances", "eu-west-1"),
        index_of(plan, "delete-stack-instances", "us-east-1"),
        index_of(plan, "delete-stack-set"),
        index_of(plan, "delete-stack", "eu-west-1"),
        index_of(plan, "delete-stack", "us-east-1"),
        index_of(plan, "s3", "rm"),
        index_of(plan, "s3api", "delete-bucket"),
    ]
    assert steps == sorted(steps)


def test_destroy_when_nothing_is_left_should_succeed_without_deleting_anything(sandbox):
    # GIVEN
    rules = [
        {"args": ["get-caller-identity"], "stdout": f"{ACCOUNT}\n"},
        {"args": ["get-role"], "stdout": "arn\n"},
        {"args": ["describe-stack-set"], "exit": 254, "stderr": "An error occurred (StackSetNotFoundException)"},
        {"args": ["describe-stacks"], "exit": 254, "stderr": "Stack with id trade-processing-bootstrap-qa does not exist"},
        {"args": ["describe-repositories"], "exit": 254, "stderr": "An error occurred (RepositoryNotFoundException)"},
        {"args": ["head-bucket"], "exit": 254, "stderr": "An error occurred (404) when calling the HeadBucket operation: Not Found"},
    ]
    # WHEN
    run = sandbox("destroy.sh", "qa", rules=rules)
    # THEN
    assert run.code == 0, run.stderr
    assert not any(call[1].startswith("delete") or call[1] == "rm" for call in run.aws_calls)


def test_destroy_when_the_bucket_was_not_created_by_deploy_should_keep_it(sandbox):
    # GIVEN
    rules = [
        {"args": ["get-caller-identity"], "stdout": f"{ACCOUNT}\n"},
        {"args": ["get-role"], "stdout": "arn\n"},
        {"args": ["describe-stack-set"], "exit": 254, "stderr": "An error occurred (StackSetNotFoundException)"},
        {"args": ["describe-stacks"], "exit": 254, "stderr": "Stack with id trade-processing-bootstrap-qa does not exist"},
        {"args": ["describe-repositories"], "exit": 254, "stderr": "An error occurred (RepositoryNotFoundException)"},
        {"args": ["head-bucket"], "stdout": ""},
        {"args": ["get-bucket-tagging"], "stdout": "None\n"},
    ]
    # WHEN
    run = sandbox("destroy.sh", "qa", rules=rules)
    # THEN
    assert run.code == 0, run.stderr
    assert "keeping s3://trade-processing-artifacts-111122223333-us-east-1-qa" in run.stderr
    assert not any(call[1] in ("rm", "delete-bucket") for call in run.aws_calls)


def test_destroy_when_aws_refuses_a_lookup_should_stop_instead_of_treating_it_as_absent(sandbox):
    # GIVEN
    rules = [
        {"args": ["get-caller-identity"], "stdout": f"{ACCOUNT}\n"},
        {"args": ["get-role"], "stdout": "arn\n"},
        {"args": ["describe-stack-set"], "exit": 254, "stderr": "An error occurred (AccessDenied) when calling DescribeStackSet"},
    ]
    # WHEN
    run = sandbox("destroy.sh", "qa", rules=rules)
    # THEN
    assert run.code == 1
    assert "AccessDenied" in run.stderr
    assert not any(call[1].startswith("delete") for call in run.aws_calls)


def test_deploy_parameters_when_compared_with_root_template_should_cover_every_parameter_once(sandbox):
    # GIVEN
    root_parameters = set(json.loads((REPO_ROOT / "templates" / "root.json").read_text())["Parameters"])
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

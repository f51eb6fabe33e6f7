"""One emulator and one stub Lambda host serve the whole session; each test uses its own names."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support import EmulatorProcess, StubLambdaHost

# Retry waits in the shared emulator are a hundredth of the definitions' (1 s -> 10 ms).
SHARED_RETRY_WAIT_SCALE = "0.01"


@pytest.fixture(scope="session")
def lambda_host() -> Iterator[StubLambdaHost]:
    host = StubLambdaHost()
    yield host
    host.stop()


@pytest.fixture(scope="session")
def emulator(lambda_host: StubLambdaHost) -> Iterator[EmulatorProcess]:
    process = EmulatorProcess(
        "--lambda-host-url", lambda_host.url, "--retry-wait-scale", SHARED_RETRY_WAIT_SCALE
    )
    yield process
    process.close_stdin_and_wait()


@pytest.fixture(scope="session")
def role_arn(emulator: EmulatorProcess) -> str:
    # moto's CreateFunction insists on a role that exists in its IAM.
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": ["lambda.amazonaws.com", "states.amazonaws.com"]},
                "Action": "sts:AssumeRole",
            }
        ],
    }
    return emulator.client("iam").create_role(
        RoleName="emulator-test", AssumeRolePolicyDocument=json.dumps(trust)
    )["Role"]["Arn"]


@pytest.fixture
def create_function(emulator: EmulatorProcess, role_arn: str) -> Callable[[str], None]:
    """Registers a container-image function, as the templates declare them."""

    def create(name: str) -> None:
        emulator.client("lambda").create_function(
            FunctionName=name,
            Role=role_arn,
            PackageType="Image",
            Timeout=30,
            Code={"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/trade-processing:test"},
            ImageConfig={"Command": [f"com.tradeprocessing.{name}.Handler::handleRequest"]},
        )

    return create


@pytest.fixture
def create_state_machine(
    emulator: EmulatorProcess, role_arn: str
) -> Callable[[str, dict[str, Any]], str]:
    def create(name: str, definition: dict[str, Any]) -> str:
        return emulator.client("stepfunctions").create_state_machine(
            name=name, definition=json.dumps(definition), roleArn=role_arn
        )["stateMachineArn"]

    return create

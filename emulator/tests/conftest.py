"""One emulator and one stub Lambda host serve the whole session; each test uses its own names."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support import Behaviour, EmulatorProcess, HostFunction, StubLambdaHost

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
    return emulator.role_arn()


@pytest.fixture
def create_function(emulator: EmulatorProcess) -> Callable[[str], None]:
    """Registers a container-image function, as the templates declare them."""
    return emulator.create_function


@pytest.fixture
def host_function(emulator: EmulatorProcess, lambda_host: StubLambdaHost) -> HostFunction:
    """Registers a function that the stub Lambda host answers with the given behaviour."""

    def create(name: str, behaviour: Behaviour) -> None:
        emulator.create_function(name)
        lambda_host.behaviours[name] = behaviour

    return create


@pytest.fixture
def create_state_machine(emulator: EmulatorProcess) -> Callable[[str, dict[str, Any]], str]:
    return emulator.create_state_machine

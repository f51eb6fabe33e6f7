"""An execution is described whole once it has ended (moto_patches._publish_execution_status_last)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import moto_patches
import pytest
from moto.stepfunctions.parser.asl.eval.program_state import ProgramEnded, ProgramError
from moto.stepfunctions.parser.backend.execution import BaseExecutionWorkerCommunication


class _RecordingExecution:
    """Stands for moto's Execution; notes the order in which the worker sets its fields."""

    def __init__(self, program_state: Any, output: Any = None) -> None:
        env = SimpleNamespace(
            program_state=lambda: program_state,
            states=SimpleNamespace(get_input=lambda: output),
        )
        object.__setattr__(self, "exec_worker", SimpleNamespace(env=env))
        object.__setattr__(self, "assigned", [])

    def __setattr__(self, name: str, value: Any) -> None:
        self.assigned.append(name)
        object.__setattr__(self, name, value)


@pytest.fixture(scope="module", autouse=True)
def patched() -> None:
    moto_patches._publish_execution_status_last()


def test_terminated_when_execution_succeeds_should_set_output_before_status() -> None:
    # GIVEN an execution whose program ended with an output
    execution = _RecordingExecution(ProgramEnded(), output={"tradeId": "T-1"})

    # WHEN its worker reports the end
    BaseExecutionWorkerCommunication(execution)._reflect_execution_status()

    # THEN a describe that sees SUCCEEDED also sees the output and the stop date
    assert execution.assigned[-1] == "exec_status"
    assert execution.exec_status.value == "SUCCEEDED"
    assert execution.output == {"tradeId": "T-1"}
    assert {"output", "stop_date"} <= set(execution.assigned[:-1])


def test_terminated_when_execution_fails_should_set_error_and_cause_before_status() -> None:
    # GIVEN an execution whose program failed
    failure = ProgramError(error={"error": "States.TaskFailed", "cause": "boom"})
    execution = _RecordingExecution(failure)

    # WHEN its worker reports the end
    BaseExecutionWorkerCommunication(execution)._reflect_execution_status()

    # THEN a describe that sees FAILED also sees the error and the cause
    assert execution.assigned[-1] == "exec_status"
    assert execution.exec_status.value == "FAILED"
    assert (execution.error, execution.cause) == ("States.TaskFailed", "boom")

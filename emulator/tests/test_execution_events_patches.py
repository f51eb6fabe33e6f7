"""Execution status change events on the default bus (execution_events_patches.py)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import pytest
from support import (
    EmulatorProcess,
    HostFunction,
    function_error,
    lambda_task,
    poll,
    unique,
)

STATUS_CHANGE = "Step Functions Execution Status Change"


def _catch_all_queue(emulator: EmulatorProcess, machine_arn: str) -> str:
    """A rule on the default bus sending the machine's lost executions to a new queue, as the templates do."""
    sqs = emulator.client("sqs")
    name = unique("executions")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    events = emulator.client("events")
    events.put_rule(
        Name=name,
        EventPattern=json.dumps(
            {
                "source": ["aws.states"],
                "detail-type": [STATUS_CHANGE],
                "detail": {
                    "status": ["FAILED", "TIMED_OUT", "ABORTED"],
                    "stateMachineArn": [machine_arn],
                },
            }
        ),
    )
    events.put_targets(Rule=name, Targets=[{"Id": "queue", "Arn": arn}])
    return url


def _messages(emulator: EmulatorProcess, url: str, expected: int) -> list[dict[str, Any]]:
    sqs = emulator.client("sqs")
    received: list[dict[str, Any]] = []

    def probe() -> bool:
        for message in sqs.receive_message(
            QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0
        ).get("Messages", []):
            received.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        return len(received) >= expected

    poll(probe, what=f"{expected} message(s) in {url}")
    return received


WatchedMachine = Callable[[dict[str, Any]], tuple[str, str]]


@pytest.fixture
def watched_machine(
    emulator: EmulatorProcess, create_state_machine: Callable[[str, dict[str, Any]], str]
) -> WatchedMachine:
    """A new state machine, and the queue its catch-all rule sends its lost executions to."""

    def create(definition: dict[str, Any]) -> tuple[str, str]:
        machine = create_state_machine(unique("status"), definition)
        return machine, _catch_all_queue(emulator, machine)

    return create


FAILING = {
    "StartAt": "Fail",
    "States": {"Fail": {"Type": "Fail", "Error": "Trade.Broken", "Cause": "on purpose"}},
}
WAITING = {"StartAt": "Wait", "States": {"Wait": {"Type": "Wait", "Seconds": 60, "End": True}}}
SUCCEEDING = {"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}}


def test_failed_execution_should_send_its_status_change_with_input_error_and_cause(
    emulator: EmulatorProcess, watched_machine: WatchedMachine
) -> None:
    # GIVEN a machine whose executions fail, and the catch-all rule for it
    machine, url = watched_machine(FAILING)
    trade_event = {
        "id": "e-1",
        "source": "trading.oms",
        "detail": {"sourceTradeId": "OMS-9", "name": "Zürich"},
    }

    # WHEN an execution fails
    started = emulator.start_execution(machine, json.dumps(trade_event))
    assert started.finished()["status"] == "FAILED"
    execution = started.arn

    # THEN the queue holds its status change, carrying the original input, the error and the cause
    [event] = _messages(emulator, url, 1)
    assert event["source"] == "aws.states"
    assert event["detail-type"] == STATUS_CHANGE
    assert event["resources"] == [execution]
    detail = event["detail"]
    assert detail["executionArn"] == execution
    assert detail["stateMachineArn"] == machine
    assert detail["status"] == "FAILED"
    assert detail["error"] == "Trade.Broken"
    assert detail["cause"] == "on purpose"
    assert detail["inputDetails"] == {"included": True}
    assert json.loads(detail["input"]) == trade_event
    assert detail["stopDate"] >= detail["startDate"]


def test_stopped_execution_should_send_an_aborted_status_change(
    emulator: EmulatorProcess, watched_machine: WatchedMachine
) -> None:
    # GIVEN a running execution
    machine, url = watched_machine(WAITING)
    execution = emulator.start_execution(machine, '{"trade": 1}')

    # WHEN an operator stops it
    execution.sfn.stop_execution(
        executionArn=execution.arn, error="Operator", cause="stopped by hand"
    )

    # THEN the queue holds an ABORTED status change with the input
    [event] = _messages(emulator, url, 1)
    assert event["detail"]["status"] == "ABORTED"
    assert json.loads(event["detail"]["input"]) == {"trade": 1}


def test_execution_stopped_while_a_parallel_branch_fails_on_should_end_aborted(
    emulator: EmulatorProcess,
    host_function: HostFunction,
    watched_machine: WatchedMachine,
) -> None:
    # GIVEN a Parallel state whose branch task is slow and then fails, retried
    slow = unique("status-slow")

    def slow_failure(payload: Any, attempt: int) -> Any:
        time.sleep(1.0)
        return function_error("Slow.Unavailable", "slow")(payload, attempt)

    host_function(slow, slow_failure)
    machine, url = watched_machine(
        {
            "StartAt": "Both",
            "States": {
                "Both": {
                    "Type": "Parallel",
                    "End": True,
                    "Branches": [
                        {
                            "StartAt": "Call",
                            "States": {
                                "Call": lambda_task(
                                    slow,
                                    "$",
                                    End=True,
                                    Retry=[
                                        {
                                            "ErrorEquals": ["Slow.Unavailable"],
                                            "MaxAttempts": 2,
                                            "IntervalSeconds": 1,
                                        }
                                    ],
                                )
                            },
                        }
                    ],
                }
            },
        }
    )
    started = emulator.start_execution(machine, '{"trade": 2}')
    sfn, execution = started.sfn, started.arn
    poll(lambda: any(e["type"] == "TaskStarted" for e in started.history()), what="task started")

    # WHEN an operator stops it while the branch is still running
    sfn.stop_execution(executionArn=execution, error="Operator", cause="stopped by hand")

    # THEN it is ABORTED at once and when its branch has failed, and the status change says ABORTED
    assert sfn.describe_execution(executionArn=execution)["status"] == "ABORTED"
    [event] = _messages(emulator, url, 1)
    assert event["detail"]["status"] == "ABORTED"
    assert sfn.describe_execution(executionArn=execution)["status"] == "ABORTED"


def test_succeeded_execution_should_send_nothing_to_the_catch_all(
    emulator: EmulatorProcess, watched_machine: WatchedMachine
) -> None:
    # GIVEN a succeeding and then a failing machine sharing one queue's rule pattern shape
    good, url = watched_machine(SUCCEEDING)

    # WHEN it succeeds
    assert emulator.start_execution(good).finished()["status"] == "SUCCEEDED"

    # THEN nothing arrives
    assert (
        emulator.client("sqs").receive_message(QueueUrl=url, WaitTimeSeconds=1).get("Messages", [])
        == []
    )


def test_failed_execution_with_input_over_248_kib_escaped_should_say_the_input_is_not_included(
    emulator: EmulatorProcess, watched_machine: WatchedMachine
) -> None:
    # GIVEN an input of 255,000 bytes: over 248 KiB (253,952 bytes) once escaped as JSON text
    machine, url = watched_machine(FAILING)

    # WHEN its execution fails
    emulator.start_execution(machine, json.dumps({"pad": "x" * 255_000})).finished()

    # THEN the status change still arrives, without the input and saying so
    [event] = _messages(emulator, url, 1)
    assert event["detail"]["input"] is None
    assert event["detail"]["inputDetails"] == {"included": False}

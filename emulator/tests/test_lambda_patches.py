"""Lambda Invoke routed to the Lambda host, as the API and as a Step Functions task see it."""

from __future__ import annotations

import json
import socket

import botocore.exceptions
import pytest
from support import (
    EmulatorProcess,
    HostFunction,
    StubLambdaHost,
    echoes,
    function_error,
    lambda_task,
)


def test_invoke_when_host_answers_should_pass_payload_both_ways(
    emulator: EmulatorProcess,
    lambda_host: StubLambdaHost,
    host_function: HostFunction,
) -> None:
    # GIVEN a function the host runs
    host_function("invoke-echo", echoes("echo"))
    event = {"tradeId": "TRD-1", "price": "190.25", "nested": {"list": [1, 2]}}

    # WHEN it is invoked through the Lambda API
    response = emulator.client("lambda").invoke(
        FunctionName="invoke-echo", Payload=json.dumps(event).encode()
    )

    # THEN the host got the payload and the caller gets the host's answer, without a function error
    assert lambda_host.calls_to("invoke-echo") == [event]
    assert "FunctionError" not in response
    assert json.loads(response["Payload"].read()) == {"stage": "echo", "received": event}


def test_invoke_when_handler_throws_should_report_function_error_with_the_error_payload(
    emulator: EmulatorProcess,
    lambda_host: StubLambdaHost,
    host_function: HostFunction,
) -> None:
    # GIVEN a function whose handler throws
    host_function("invoke-throws", function_error("com.example.BoomException", "boom"))

    # WHEN it is invoked through the Lambda API
    response = emulator.client("lambda").invoke(FunctionName="invoke-throws", Payload=b"{}")

    # THEN moto reports a function error (always as "Handled") with the exception as the payload
    assert response["FunctionError"] == "Handled"
    assert json.loads(response["Payload"].read())["errorType"] == "com.example.BoomException"


def test_invoke_when_host_answers_with_an_api_error_should_raise_that_error(
    emulator: EmulatorProcess, host_function: HostFunction
) -> None:
    # GIVEN a host that does not know the function
    host_function(
        "invoke-unknown-to-host",
        lambda payload, attempt: (
            404,
            {"X-Amzn-ErrorType": "ResourceNotFoundException"},
            {"Type": "User", "message": "no such handler"},
        ),
    )

    # WHEN it is invoked
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        emulator.client("lambda").invoke(FunctionName="invoke-unknown-to-host", Payload=b"{}")

    # THEN the caller sees the host's Lambda API error
    assert raised.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def _closed_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_lambda_task_when_host_unreachable_should_fail_with_lambda_service_exception() -> None:
    # GIVEN an emulator whose Lambda host is not listening
    process = EmulatorProcess("--lambda-host-url", f"http://127.0.0.1:{_closed_loopback_port()}")
    try:
        process.create_function("stranded")
        definition = {"StartAt": "Call", "States": {"Call": lambda_task("stranded", "$", End=True)}}
        machine = process.create_state_machine("stranded", definition)

        # WHEN a task invokes the function
        started = process.start_execution(machine)

        # THEN the task fails as on a Lambda service fault, which Retry policies treat as transient
        execution = started.finished()
        assert (execution["status"], execution["error"]) == ("FAILED", "Lambda.ServiceException")
        failures = [
            event["taskFailedEventDetails"]["error"]
            for event in started.history()
            if event["type"] == "TaskFailed"
        ]
        assert failures == ["Lambda.ServiceException"]
    finally:
        process.close_stdin_and_wait()

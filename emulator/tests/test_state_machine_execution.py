"""moto's Step Functions interpreter running definitions shaped like the trade state machine."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from support import (
    ACCOUNT,
    REGION,
    EmulatorProcess,
    StubLambdaHost,
    echoes,
    finished_execution,
    function_error,
    history,
    lambda_task,
)

TRANSIENT_LAMBDA_ERRORS = [
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
]


def _trade_definition(prefix: str, dead_letter_queue_url: str) -> dict[str, Any]:
    """Prepare -> Parallel(validate, enrich) -> Record, each Task caught into a dead-letter queue."""

    def caught(stage: str) -> list[dict[str, Any]]:
        return [
            {"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": f"DeadLetter{stage}"}
        ]

    def dead_letter(stage: str) -> dict[str, Any]:
        return {
            "Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage",
            "Parameters": {
                "QueueUrl": dead_letter_queue_url,
                "MessageBody": {
                    "stage": stage,
                    "error.$": "$.error.Error",
                    "cause.$": "$.error.Cause",
                    "executionId.$": "$.executionId",
                    "event.$": "$.event",
                },
            },
            "Next": "Failed",
        }

    return {
        "StartAt": "Prepare",
        "States": {
            "Prepare": {
                "Type": "Pass",
                "Next": "ValidateAndEnrich",
                "Parameters": {
                    "event.$": "$",
                    "executionId.$": "$$.Execution.Id",
                    "startedAt.$": "$$.Execution.StartTime",
                    "detailText.$": "States.JsonToString($.detail)",
                },
            },
            "ValidateAndEnrich": {
                "Type": "Parallel",
                "ResultPath": "$.stages",
                "Next": "Record",
                "Branches": [
                    # The templates name functions by ARN (Fn::GetAtt); the others by name.
                    {
                        "StartAt": "Validate",
                        "States": {
                            "Validate": lambda_task(
                                f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{prefix}-validator",
                                "$.event",
                                OutputPath="$.Payload",
                                End=True,
                            )
                        },
                    },
                    {
                        "StartAt": "Enrich",
                        "States": {
                            "Enrich": lambda_task(
                                f"{prefix}-enricher",
                                "$.event",
                                End=True,
                                ResultSelector={
                                    "enrichment.$": "$.Payload",
                                    "statusCode.$": "$.StatusCode",
                                },
                                OutputPath="$.enrichment",
                                Retry=[
                                    {
                                        "ErrorEquals": [
                                            "com.tradeprocessing.enricher.ReferenceDataUnavailableException"
                                        ],
                                        "IntervalSeconds": 1,
                                        "MaxAttempts": 3,
                                        "BackoffRate": 2.0,
                                        "MaxDelaySeconds": 5,
                                        "JitterStrategy": "FULL",
                                    }
                                ],
                            )
                        },
                    },
                ],
                "Catch": caught("validate"),
            },
            "Record": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "End": True,
                "Parameters": {
                    "FunctionName": f"{prefix}-recorder",
                    "Payload": {
                        "event.$": "$.event",
                        "executionId.$": "$.executionId",
                        "validation.$": "$.stages[0]",
                        "enrichment.$": "$.stages[1]",
                    },
                },
                "ResultSelector": {"record.$": "$.Payload"},
                "ResultPath": "$.result",
                "OutputPath": "$.result.record",
                "Retry": [
                    {
                        "ErrorEquals": TRANSIENT_LAMBDA_ERRORS,
                        "IntervalSeconds": 1,
                        "MaxAttempts": 2,
                        "BackoffRate": 2.0,
                    },
                    {
                        "ErrorEquals": [
                            "com.tradeprocessing.recorder.TradeStoreUnavailableException"
                        ],
                        "IntervalSeconds": 1,
                        "MaxAttempts": 2,
                        "BackoffRate": 2.0,
                        "MaxDelaySeconds": 3,
                        "JitterStrategy": "FULL",
                    },
                ],
                "Catch": caught("record"),
            },
            "DeadLettervalidate": dead_letter("validate"),
            "DeadLetterrecord": dead_letter("record"),
            "Failed": {
                "Type": "Fail",
                "Error": "TradeProcessingFailed",
                "Cause": "sent to the dead-letter queue",
            },
        },
    }


EVENT = {
    "version": "0",
    "id": "e-1",
    "detail-type": "TradeExecuted",
    "source": "trading.oms",
    "account": ACCOUNT,
    "time": "2026-11-25T09:30:15Z",
    "region": REGION,
    "resources": [],
    "detail": {"sourceTradeId": "OMS-1", "price": "190.25"},
}


def test_trade_definition_when_every_stage_answers_should_succeed_through_parallel_branches(
    emulator: EmulatorProcess,
    lambda_host: StubLambdaHost,
    create_function: Callable[[str], None],
    create_state_machine: Callable[[str, dict[str, Any]], str],
) -> None:
    # GIVEN three functions, the enricher failing once with its retryable error
    for stage in ("validator", "enricher", "recorder"):
        create_function(f"ok-{stage}")
    lambda_host.behaviours["ok-validator"] = echoes("validator")
    enricher_error = function_error(
        "com.tradeprocessing.enricher.ReferenceDataUnavailableException", "down"
    )
    lambda_host.behaviours["ok-enricher"] = lambda payload, attempt: (
        enricher_error(payload, attempt) if attempt == 1 else echoes("enricher")(payload, attempt)
    )
    lambda_host.behaviours["ok-recorder"] = echoes("recorder")
    queue_url = emulator.client("sqs").create_queue(QueueName="ok-dlq")["QueueUrl"]
    machine = create_state_machine("ok-trades", _trade_definition("ok", queue_url))
    sfn = emulator.client("stepfunctions")

    # WHEN an execution runs on the event
    execution_arn = sfn.start_execution(stateMachineArn=machine, input=json.dumps(EVENT))[
        "executionArn"
    ]
    execution = finished_execution(sfn, execution_arn)

    # THEN it succeeds with the recorder's answer to the assembled payload
    assert execution["status"] == "SUCCEEDED", execution
    output = json.loads(execution["output"])
    assert output["stage"] == "recorder"
    recorded = output["received"]
    assert recorded["event"] == EVENT
    assert recorded["executionId"] == execution_arn
    assert recorded["validation"] == {"stage": "validator", "received": EVENT}
    assert recorded["enrichment"] == {"stage": "enricher", "received": EVENT}
    # AND each branch got the event, the enricher twice (Retry), the recorder once
    assert lambda_host.calls_to("ok-validator") == [EVENT]
    assert lambda_host.calls_to("ok-enricher") == [EVENT, EVENT]
    assert len(lambda_host.calls_to("ok-recorder")) == 1
    # AND the history shows both branches inside the Parallel state
    events = history(sfn, execution_arn)
    types = [event["type"] for event in events]
    assert types[0] == "ExecutionStarted" and types[-1] == "ExecutionSucceeded"
    parallel_started = types.index("ParallelStateStarted")
    parallel_succeeded = types.index("ParallelStateSucceeded")
    branch_states = {
        event["stateEnteredEventDetails"]["name"]
        for event in events[parallel_started:parallel_succeeded]
        if event["type"] == "TaskStateEntered"
    }
    assert branch_states == {"Validate", "Enrich"}
    assert [e["taskFailedEventDetails"]["error"] for e in events if e["type"] == "TaskFailed"] == [
        "com.tradeprocessing.enricher.ReferenceDataUnavailableException"
    ]
    # AND the context object gave AWS-shaped values
    prepare_output = json.loads(
        next(e for e in events if e["type"] == "PassStateExited")["stateExitedEventDetails"][
            "output"
        ]
    )
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", prepare_output["startedAt"])
    assert json.loads(prepare_output["detailText"]) == EVENT["detail"]


def test_trade_definition_when_recorder_keeps_throwing_should_retry_then_catch_into_dead_letter_queue(
    emulator: EmulatorProcess,
    lambda_host: StubLambdaHost,
    create_function: Callable[[str], None],
    create_state_machine: Callable[[str, dict[str, Any]], str],
) -> None:
    # GIVEN a recorder that always throws its retryable error
    for stage in ("validator", "enricher", "recorder"):
        create_function(f"down-{stage}")
    lambda_host.behaviours["down-validator"] = echoes("validator")
    lambda_host.behaviours["down-enricher"] = echoes("enricher")
    lambda_host.behaviours["down-recorder"] = function_error(
        "com.tradeprocessing.recorder.TradeStoreUnavailableException", "table unavailable"
    )
    sqs = emulator.client("sqs")
    queue_url = sqs.create_queue(QueueName="down-dlq")["QueueUrl"]
    machine = create_state_machine("down-trades", _trade_definition("down", queue_url))
    sfn = emulator.client("stepfunctions")

    # WHEN an execution runs on the event
    execution_arn = sfn.start_execution(stateMachineArn=machine, input=json.dumps(EVENT))[
        "executionArn"
    ]
    execution = finished_execution(sfn, execution_arn)

    # THEN the recorder ran 1 + MaxAttempts times, then Catch sent the failure to the queue and failed
    assert len(lambda_host.calls_to("down-recorder")) == 3
    assert (execution["status"], execution["error"]) == ("FAILED", "TradeProcessingFailed")
    failures = [
        e["taskFailedEventDetails"]["error"]
        for e in history(sfn, execution_arn)
        if e["type"] == "TaskFailed"
    ]
    assert failures == ["com.tradeprocessing.recorder.TradeStoreUnavailableException"] * 3
    messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)["Messages"]
    assert len(messages) == 1
    dead_letter = json.loads(messages[0]["Body"])
    assert dead_letter["stage"] == "record"
    assert dead_letter["error"] == "com.tradeprocessing.recorder.TradeStoreUnavailableException"
    assert json.loads(dead_letter["cause"])["errorMessage"] == "table unavailable"
    assert dead_letter["executionId"] == execution_arn
    assert dead_letter["event"] == EVENT


def _retry_waits(events: list[dict[str, Any]]) -> list[float]:
    """Seconds from each TaskFailed to the next TaskScheduled: the Retry waits."""
    waits, failed_at = [], None
    for event in events:
        if event["type"] == "TaskFailed":
            failed_at = event["timestamp"]
        elif event["type"] == "TaskScheduled" and failed_at is not None:
            waits.append((event["timestamp"] - failed_at).total_seconds())
            failed_at = None
    return waits


def test_retry_waits_when_scaled_should_follow_the_backoff_at_the_given_fraction(
    lambda_host: StubLambdaHost,
) -> None:
    # GIVEN an emulator scaling Retry waits by 0.05, and a task retried twice after 10 s then 20 s
    process = EmulatorProcess("--lambda-host-url", lambda_host.url, "--retry-wait-scale", "0.05")
    try:
        role = process.client("iam").create_role(RoleName="r", AssumeRolePolicyDocument="{}")[
            "Role"
        ]["Arn"]
        process.client("lambda").create_function(
            FunctionName="scaled-retry",
            Role=role,
            PackageType="Image",
            Code={"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/trade-processing:test"},
        )
        lambda_host.behaviours["scaled-retry"] = function_error(
            "com.example.FlakyException", "flaky"
        )
        definition = {
            "StartAt": "Call",
            "States": {
                "Call": lambda_task(
                    "scaled-retry",
                    "$",
                    End=True,
                    Retry=[
                        {
                            "ErrorEquals": ["com.example.FlakyException"],
                            "IntervalSeconds": 10,
                            "MaxAttempts": 2,
                            "BackoffRate": 2.0,
                        }
                    ],
                )
            },
        }
        sfn = process.client("stepfunctions")
        machine = sfn.create_state_machine(
            name="scaled", definition=json.dumps(definition), roleArn=role
        )

        # WHEN the execution runs out of attempts
        execution_arn = sfn.start_execution(stateMachineArn=machine["stateMachineArn"], input="{}")[
            "executionArn"
        ]
        execution = finished_execution(sfn, execution_arn)

        # THEN it waited at least 0.5 s then 1 s (a sleep never ends early) and far less than 10 s and 20 s
        assert (execution["status"], execution["error"]) == ("FAILED", "com.example.FlakyException")
        first, second = _retry_waits(history(sfn, execution_arn))
        assert 0.5 - 0.01 <= first < 5
        assert 1.0 - 0.01 <= second < 10
    finally:
        process.close_stdin_and_wait()

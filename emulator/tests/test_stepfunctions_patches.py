"""The patches of stepfunctions_patches.py.

The first tests run definitions shaped like the trade state machine in the launcher. The others
run moto's patched classes in this process (no launcher): what they check (how an ended
execution is published, how often a definition is parsed, which client a Task gets) is not
visible through the API; every execution in the launcher runs through the same patches.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import lambda_patches
import pytest
import stepfunctions_patches
from botocore.exceptions import ClientError
from moto.stepfunctions.parser.asl.component.state.exec.state_task import lambda_eval_utils
from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import (
    state_task_service_sqs,
)
from moto.stepfunctions.parser.asl.eval.program_state import ProgramEnded, ProgramError
from moto.stepfunctions.parser.asl.parse.asl_parser import AmazonStateLanguageParser
from moto.stepfunctions.parser.backend.execution import BaseExecutionWorkerCommunication
from moto.stepfunctions.parser.backend.execution_worker import ExecutionWorker
from support import (
    ACCOUNT,
    REGION,
    EmulatorProcess,
    HostFunction,
    StubLambdaHost,
    echoes,
    function_error,
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
    host_function: HostFunction,
    create_state_machine: Callable[[str, dict[str, Any]], str],
) -> None:
    # GIVEN three functions, the enricher failing once with its retryable error
    enricher_error = function_error(
        "com.tradeprocessing.enricher.ReferenceDataUnavailableException", "down"
    )
    host_function("ok-validator", echoes("validator"))
    host_function(
        "ok-enricher",
        lambda payload, attempt: (
            enricher_error(payload, attempt)
            if attempt == 1
            else echoes("enricher")(payload, attempt)
        ),
    )
    host_function("ok-recorder", echoes("recorder"))
    queue_url = emulator.client("sqs").create_queue(QueueName="ok-dlq")["QueueUrl"]
    machine = create_state_machine("ok-trades", _trade_definition("ok", queue_url))

    # WHEN an execution runs on the event
    started = emulator.start_execution(machine, json.dumps(EVENT))
    execution, execution_arn = started.finished(), started.arn

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
    events = started.history()
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
    host_function: HostFunction,
    create_state_machine: Callable[[str, dict[str, Any]], str],
) -> None:
    # GIVEN a recorder that always throws its retryable error
    host_function("down-validator", echoes("validator"))
    host_function("down-enricher", echoes("enricher"))
    host_function(
        "down-recorder",
        function_error(
            "com.tradeprocessing.recorder.TradeStoreUnavailableException", "table unavailable"
        ),
    )
    sqs = emulator.client("sqs")
    queue_url = sqs.create_queue(QueueName="down-dlq")["QueueUrl"]
    machine = create_state_machine("down-trades", _trade_definition("down", queue_url))

    # WHEN an execution runs on the event
    started = emulator.start_execution(machine, json.dumps(EVENT))
    execution, execution_arn = started.finished(), started.arn

    # THEN the recorder ran 1 + MaxAttempts times, then Catch sent the failure to the queue and failed
    assert len(lambda_host.calls_to("down-recorder")) == 3
    assert (execution["status"], execution["error"]) == ("FAILED", "TradeProcessingFailed")
    failures = [
        e["taskFailedEventDetails"]["error"] for e in started.history() if e["type"] == "TaskFailed"
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
        process.create_function("scaled-retry")
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
        machine = process.create_state_machine("scaled", definition)

        # WHEN the execution runs out of attempts
        started = process.start_execution(machine)
        execution = started.finished()

        # THEN it waited at least 0.5 s then 1 s (a sleep never ends early) and far less than 10 s and 20 s
        assert (execution["status"], execution["error"]) == ("FAILED", "com.example.FlakyException")
        first, second = _retry_waits(started.history())
        assert 0.5 - 0.01 <= first < 5
        assert 1.0 - 0.01 <= second < 10
    finally:
        process.close_stdin_and_wait()


# --- in this process ------------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def patched_moto() -> None:
    stepfunctions_patches.apply(retry_wait_scale=1)
    # A task's Lambda client invokes through the routing to the (here absent) Lambda host.
    lambda_patches.apply(lambda_host_url=None)


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


DEFINITION = json.dumps(
    {
        "StartAt": "Prepare",
        "States": {
            "Prepare": {"Type": "Pass", "Parameters": {"event.$": "$"}, "Next": "Validate"},
            "Validate": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "validator", "Payload.$": "$.event"},
                "End": True,
            },
        },
    }
)


@pytest.fixture
def parse_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    moto_parse = AmazonStateLanguageParser.parse

    def counting_parse(definition: str) -> Any:
        calls.append(definition)
        return moto_parse(definition)

    monkeypatch.setattr(AmazonStateLanguageParser, "parse", staticmethod(counting_parse))
    stepfunctions_patches._parsed_program.cache_clear()
    return calls


def _worker(definition: str) -> ExecutionWorker:
    # _get_evaluation_entrypoint reads only the definition from the worker's details.
    worker = ExecutionWorker.__new__(ExecutionWorker)
    worker._evaluation_details = SimpleNamespace(
        state_machine_details=SimpleNamespace(definition=definition)
    )
    return worker


def test_entrypoint_when_many_executions_start_at_once_should_parse_the_definition_once(
    parse_calls: list[str],
) -> None:
    # GIVEN eight executions of one state machine starting together
    workers = [_worker(DEFINITION) for _ in range(8)]
    programs: list[Any] = []
    start = threading.Barrier(len(workers))

    def build(worker: ExecutionWorker) -> None:
        start.wait()
        programs.append(worker._get_evaluation_entrypoint())

    threads = [threading.Thread(target=build, args=(worker,)) for worker in workers]

    # WHEN each builds its program
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # THEN the definition was parsed once, and they all run that program
    assert parse_calls == [DEFINITION]
    assert len({id(program) for program in programs}) == 1
    assert set(programs[0].states.states) == {"Prepare", "Validate"}


def test_entrypoint_when_parsed_should_have_every_heap_key_set(parse_calls: list[str]) -> None:
    # GIVEN a parsed program
    from moto.stepfunctions.parser.asl.component.eval_component import EvalComponent

    program = _worker(DEFINITION)._get_evaluation_entrypoint()

    # WHEN its components are listed
    components = _components(program)

    # THEN every one already has its heap key, so no evaluation ever writes one
    evaluable = [component for component in components if isinstance(component, EvalComponent)]
    assert len(evaluable) > 5
    assert all(component._EvalComponent__heap_key is not None for component in evaluable)
    assert len({component.heap_key for component in evaluable}) == len(evaluable)


def _components(root: Any) -> list[Any]:
    from moto.stepfunctions.parser.asl.component.component import Component

    found: list[Any] = []
    pending, seen = [root], set()
    while pending:
        value = pending.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, Component):
            found.append(value)
            pending.extend(vars(value).values())
        elif isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, (list, tuple)):
            pending.extend(value)
    return found


def test_execution_worker_start_when_started_should_not_wait_for_the_thread_to_be_scheduled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN threading.Thread.start, which waits until the new thread holds the GIL, made unusable
    def waiting_start(self: threading.Thread) -> None:
        raise AssertionError("ExecutionWorker.start waited for a threading.Thread to start")

    monkeypatch.setattr(threading.Thread, "start", waiting_start)
    ran = threading.Event()
    worker = ExecutionWorker.__new__(ExecutionWorker)
    worker._execution_logic = ran.set  # type: ignore[method-assign]

    # WHEN the worker is started
    worker.start()

    # THEN the execution still runs, on a thread of its own
    assert ran.wait(5)


def test_pass_result_when_evaluated_twice_should_give_each_evaluation_its_own_value() -> None:
    # GIVEN a Pass state's Result, shared by every execution of the program
    from moto.stepfunctions.parser.asl.component.state.state_pass.result import Result

    literal = {"desk": "equities", "tags": ["a"]}
    result = Result(literal)
    stacks: list[list[Any]] = [[], []]

    # WHEN two executions evaluate it and the first changes its value in place, as ResultPath may
    for stack in stacks:
        result._eval_body(SimpleNamespace(stack=stack))
    stacks[0][0]["tags"].append("changed by the first execution")

    # THEN the second execution's value, and the component's, are untouched
    assert stacks[1][0] == {"desk": "equities", "tags": ["a"]}
    assert result.result_obj == {"desk": "equities", "tags": ["a"]}


def test_entrypoint_when_definition_changes_should_parse_the_new_text(
    parse_calls: list[str],
) -> None:
    # GIVEN a definition that has run, then an update of it
    updated = DEFINITION.replace("validator", "validator-v2")
    _worker(DEFINITION)._get_evaluation_entrypoint()

    # WHEN the updated definition runs
    program = _worker(updated)._get_evaluation_entrypoint()

    # THEN it is parsed and used, not the earlier parse
    assert parse_calls == [DEFINITION, updated]
    assert program.states.states["Validate"] is not None


def test_boto_client_for_when_tasks_call_one_service_should_reuse_one_client() -> None:
    # GIVEN the interpreter's Lambda and SQS task modules
    # WHEN tasks ask for clients, from many threads at once
    clients: list[Any] = []
    threads = [
        threading.Thread(
            target=lambda: clients.append(
                lambda_eval_utils.boto_client_for(region="us-east-1", service="lambda")
            )
        )
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    again = lambda_eval_utils.boto_client_for(
        region="us-east-1", service="lambda", state_credentials=None
    )

    # THEN every Lambda task in a region gets the same client
    assert len({id(client) for client in clients}) == 1
    assert again is clients[0]
    # AND another service or region gets its own
    sqs = state_task_service_sqs.boto_client_for(region="us-east-1", service="sqs")
    assert sqs is not again and sqs.meta.service_model.service_name == "sqs"
    assert (
        lambda_eval_utils.boto_client_for(region="eu-west-1", service="lambda").meta.region_name
        == "eu-west-1"
    )
    # AND the client keeps moto's settings: one attempt, no retries
    assert again.meta.config.retries["total_max_attempts"] == 1


def test_boto_client_for_when_a_task_calls_a_service_should_be_answered_in_this_process() -> None:
    # GIVEN no emulator server at all: only moto's backends in this process
    sqs = state_task_service_sqs.boto_client_for(region="ap-south-2", service="sqs")

    # WHEN a task's client calls SQS
    url = sqs.create_queue(QueueName="answered-in-process")["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="dead letter")

    # THEN moto's backend answered it: the message is in the queue
    from moto.sqs.models import sqs_backends

    queue = sqs_backends["123456789012"]["ap-south-2"].queues["answered-in-process"]
    assert [message.body for message in queue.messages] == ["dead letter"]


def test_boto_client_for_when_the_api_refuses_a_call_should_raise_its_client_error() -> None:
    # GIVEN a task's Lambda client, and no such function
    client = lambda_eval_utils.boto_client_for(region="ap-south-2", service="lambda")

    # WHEN a task invokes it
    with pytest.raises(ClientError) as refused:
        client.invoke(FunctionName="no-such-function", Payload=b"{}")

    # THEN it fails as the Lambda API does, which a state sees as Lambda.ResourceNotFoundException
    assert refused.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_answer_in_process_when_a_handler_faults_should_answer_a_service_exception(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN moto's dispatcher failing on a request, as a handler bug would
    from moto.core.models import botocore_stubber

    def fault(request: Any) -> Any:
        raise KeyError("state")

    monkeypatch.setattr(botocore_stubber, "process_request", fault)
    client = state_task_service_sqs.boto_client_for(region="ap-south-2", service="sqs")

    # WHEN a task calls through it
    with pytest.raises(ClientError) as failed:
        client.list_queues()

    # THEN the task gets a transient 500 ServiceException, as from moto's server
    assert failed.value.response["Error"]["Code"] == "ServiceException"
    assert failed.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert "KeyError" in failed.value.response["Error"]["Message"]


def test_extract_json_when_one_path_is_evaluated_many_times_should_compile_it_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN moto's JSONPath extraction, counting jsonpath_ng compilations
    from jsonpath_ng import ext
    from moto.stepfunctions.parser.asl.utils import json_path

    compiled: list[str] = []
    jsonpath_ng_parse = ext.parse

    def counting_parse(path: str) -> Any:
        compiled.append(path)
        return jsonpath_ng_parse(path)

    monkeypatch.setattr(json_path, "parse", counting_parse)
    stepfunctions_patches._compile_each_json_path_once()

    # WHEN one path is evaluated against many documents
    values = [
        json_path.extract_json("$.stages[1].Payload.id", {"stages": [{}, {"Payload": {"id": n}}]})
        for n in range(10)
    ]

    # THEN each document gives its own value, from one compilation
    assert values == list(range(10))
    assert compiled == ["$.stages[1].Payload.id"]


# --- the task's Lambda client, answered by moto's backend directly ---------------------------


def _create_function(name: str) -> None:
    iam = stepfunctions_patches.boto_client.boto_client_for(region="ap-south-2", service="iam")
    try:
        role = iam.create_role(RoleName="direct-invoke", AssumeRolePolicyDocument="{}")["Role"][
            "Arn"
        ]
    except ClientError:
        role = iam.get_role(RoleName="direct-invoke")["Role"]["Arn"]
    try:
        lambda_eval_utils.boto_client_for(region="ap-south-2", service="lambda").create_function(
            FunctionName=name, Role=role, PackageType="Image", Code={"ImageUri": "example/image:1"}
        )
    except ClientError as error:  # created by an earlier case
        assert error.response["Error"]["Code"] == "ResourceConflictException"


def _both_ways(function_name: str, **parameters: Any) -> tuple[Any, Any]:
    """The direct answer and the one through botocore and moto's dispatcher, for one call."""
    direct = lambda_eval_utils.boto_client_for(region="ap-south-2", service="lambda")
    through_botocore = direct._client

    def call(client: Any) -> Any:
        try:
            response = client.invoke(FunctionName=function_name, **parameters)
        except ClientError as error:
            return (
                "ClientError",
                error.response["Error"]["Code"],
                error.response["Error"]["Message"],
                error.response["ResponseMetadata"]["HTTPStatusCode"],
            )
        response.pop("ResponseMetadata", None)
        response["Payload"] = response["Payload"].read()
        return response

    return call(direct), call(through_botocore)


@pytest.mark.parametrize(
    "answer, parameters",
    [
        (('{"status":"ACCEPTED"}', False, "START\nEND\n"), {"Payload": '{"id":"e-1"}'}),
        (('{"status":"ACCEPTED"}', False, "START\nEND\n"), {"Payload": b"{}", "LogType": "Tail"}),
        (
            ('{"errorType":"java.lang.IllegalStateException","errorMessage":"boom"}', True, ""),
            {"Payload": "{}"},
        ),
    ],
)
def test_lambda_invoke_when_the_function_answers_should_match_the_api_answer(
    monkeypatch: pytest.MonkeyPatch, answer: tuple[str, bool, str], parameters: dict[str, Any]
) -> None:
    # GIVEN a function whose invocations answer as given
    from moto.awslambda.models import LambdaFunction

    _create_function("direct-answers")
    monkeypatch.setattr(LambdaFunction, "_invoke_lambda", lambda self, event=None: answer)

    # WHEN a task invokes it directly, and through botocore and moto's request dispatcher
    direct, through_api = _both_ways("direct-answers", **parameters)

    # THEN both give the same response
    assert direct == through_api
    assert direct["StatusCode"] == 200 and direct["Payload"] == answer[0].encode()


@pytest.mark.parametrize("function_name", ["direct-no-host", "no-such-function"])
def test_lambda_invoke_when_the_api_fails_should_raise_the_api_error(function_name: str) -> None:
    # GIVEN a function the host cannot run (no Lambda host here), and a function that does not exist
    _create_function("direct-no-host")

    # WHEN a task invokes it directly, and through botocore and moto's request dispatcher
    direct, through_api = _both_ways(function_name, Payload="{}")

    # THEN both raise the same client error (Lambda.ServiceException, Lambda.ResourceNotFoundException)
    assert direct[0] == "ClientError"
    assert direct == through_api

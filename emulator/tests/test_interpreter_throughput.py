"""The patches that keep moto's per-execution and per-request overhead off the hot path.

These run moto's patched classes in this process (no launcher): what they check, how often a
definition is parsed, which client a Task gets, how often a host is resolved, is not visible
through the API. The end-to-end behaviour of the same patches is covered by the other modules,
whose executions all run through them in the launcher.
"""

from __future__ import annotations

import json
import threading
import time
from types import SimpleNamespace
from typing import Any

import moto_patches
import pytest
from botocore.exceptions import ClientError
from moto.moto_server.werkzeug_app import DomainDispatcherApplication
from moto.stepfunctions.parser.asl.component.state.exec.state_task import lambda_eval_utils
from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import (
    state_task_service_sqs,
)
from moto.stepfunctions.parser.asl.parse.asl_parser import AmazonStateLanguageParser
from moto.stepfunctions.parser.backend.execution_worker import ExecutionWorker

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


@pytest.fixture(scope="module", autouse=True)
def patched_moto() -> None:
    moto_patches.apply(moto_patches.PatchSettings(lambda_host_url=None, retry_wait_scale=1))


@pytest.fixture
def parse_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    moto_parse = AmazonStateLanguageParser.parse

    def counting_parse(definition: str) -> Any:
        calls.append(definition)
        return moto_parse(definition)

    monkeypatch.setattr(AmazonStateLanguageParser, "parse", staticmethod(counting_parse))
    moto_patches._parsed_program.cache_clear()
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


def test_backend_for_host_when_asked_repeatedly_should_resolve_each_host_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN moto's server dispatcher, counting how often it lists its service packages
    import moto.backends

    listings: list[int] = []
    moto_listing = moto.backends.list_of_moto_modules

    def counting_listing() -> Any:
        listings.append(1)
        return moto_listing()

    monkeypatch.setattr(moto.backends, "list_of_moto_modules", counting_listing)
    dispatcher = DomainDispatcherApplication(create_app=lambda backend: None)

    # WHEN two hosts are each resolved many times
    lambda_backends = {
        dispatcher.get_backend_for_host("lambda.ap-south-2.amazonaws.com") for _ in range(20)
    }
    sqs_backends = {
        dispatcher.get_backend_for_host("sqs.ap-south-2.amazonaws.com") for _ in range(20)
    }

    # THEN each resolves to its service, with one lookup per host
    assert lambda_backends == {"awslambda"}
    assert sqs_backends == {"sqs"}
    assert len(listings) == 2


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
    moto_patches._compile_each_json_path_once()

    # WHEN one path is evaluated against many documents
    values = [
        json_path.extract_json("$.stages[1].Payload.id", {"stages": [{}, {"Payload": {"id": n}}]})
        for n in range(10)
    ]

    # THEN each document gives its own value, from one compilation
    assert values == list(range(10))
    assert compiled == ["$.stages[1].Payload.id"]


def test_request_threads_when_connections_come_one_after_another_should_reuse_one_thread() -> None:
    # GIVEN the emulator server's request threads, and a server that records who served what
    threads = moto_patches._RequestThreads()
    served: list[tuple[str, int]] = []
    done = threading.Semaphore(0)

    class RecordingServer:
        def process_request_thread(self, request: str, client_address: Any) -> None:
            served.append((request, threading.get_ident()))
            done.release()

    # WHEN connections arrive one at a time
    for n in range(5):
        threads.submit(RecordingServer(), f"connection-{n}", ("127.0.0.1", n))
        assert done.acquire(timeout=5)

    # THEN each was served, all by the one thread started for the first
    assert [request for request, _ in served] == [f"connection-{n}" for n in range(5)]
    assert len({thread for _, thread in served}) == 1


def test_request_threads_when_connections_overlap_should_serve_them_at_once() -> None:
    # GIVEN request threads and a server whose requests all wait for each other
    threads = moto_patches._RequestThreads()
    together = threading.Barrier(3, timeout=5)
    served: list[int] = []

    class WaitingServer:
        def process_request_thread(self, request: str, client_address: Any) -> None:
            together.wait()
            served.append(threading.get_ident())

    # WHEN three connections are open at once
    for n in range(3):
        threads.submit(WaitingServer(), f"connection-{n}", ("127.0.0.1", n))

    # THEN three threads serve them side by side (one thread would leave the barrier broken)
    deadline = time.monotonic() + 5
    while len(served) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(set(served)) == 3


# --- the task's Lambda client, answered by moto's backend directly ---------------------------


def _create_function(name: str) -> None:
    iam = moto_patches.boto_client.boto_client_for(region="ap-south-2", service="iam")
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

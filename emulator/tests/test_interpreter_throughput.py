"""The patches that keep moto's per-execution and per-request overhead off the hot path.

These run moto's patched classes in this process (no launcher): what they check, how often a
definition is parsed, which client a Task gets, how often a host is resolved, is not visible
through the API. The end-to-end behaviour of the same patches is covered by the other modules,
whose executions all run through them in the launcher.
"""

from __future__ import annotations

import json
import threading
from types import SimpleNamespace
from typing import Any

import pytest
from moto.moto_server.werkzeug_app import DomainDispatcherApplication
from moto.stepfunctions.parser.asl.component.state.exec.state_task import lambda_eval_utils
from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import state_task_service_sqs
from moto.stepfunctions.parser.asl.parse.asl_parser import AmazonStateLanguageParser
from moto.stepfunctions.parser.backend.execution_worker import ExecutionWorker

import moto_patches

DEFINITION = json.dumps({
    "StartAt": "Prepare",
    "States": {
        "Prepare": {"Type": "Pass", "Parameters": {"event.$": "$"}, "Next": "Validate"},
        "Validate": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                     "Parameters": {"FunctionName": "validator", "Payload.$": "$.event"}, "End": True},
    },
})


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
    worker._evaluation_details = SimpleNamespace(state_machine_details=SimpleNamespace(definition=definition))
    return worker


def test_entrypoint_when_one_definition_runs_many_times_should_parse_it_once(parse_calls: list[str]) -> None:
    # GIVEN five executions of one state machine
    workers = [_worker(DEFINITION) for _ in range(5)]

    # WHEN each builds its program
    programs = [worker._get_evaluation_entrypoint() for worker in workers]

    # THEN the definition was parsed once
    assert parse_calls == [DEFINITION]
    # AND each execution has its own program of the same states, sharing no component
    assert len({id(program) for program in programs}) == 5
    assert len({id(program.states) for program in programs}) == 5
    assert all(program.start_at.start_at_name == "Prepare" for program in programs)
    assert all(set(program.states.states) == {"Prepare", "Validate"} for program in programs)


def test_entrypoint_when_definition_changes_should_parse_the_new_text(parse_calls: list[str]) -> None:
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
    threads = [threading.Thread(target=lambda: clients.append(
        lambda_eval_utils.boto_client_for(region="us-east-1", service="lambda"))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    again = lambda_eval_utils.boto_client_for(region="us-east-1", service="lambda", state_credentials=None)

    # THEN every Lambda task in a region gets the same client
    assert len({id(client) for client in clients}) == 1
    assert again is clients[0]
    # AND another service or region gets its own, for its own endpoint
    sqs = state_task_service_sqs.boto_client_for(region="us-east-1", service="sqs")
    assert sqs is not again and sqs.meta.service_model.service_name == "sqs"
    assert lambda_eval_utils.boto_client_for(region="eu-west-1", service="lambda").meta.region_name == "eu-west-1"
    # AND the client keeps moto's settings: one attempt, no retries
    assert again.meta.config.retries["total_max_attempts"] == 1


def test_backend_for_host_when_asked_repeatedly_should_resolve_each_host_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
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
    lambda_backends = {dispatcher.get_backend_for_host("lambda.ap-south-2.amazonaws.com") for _ in range(20)}
    sqs_backends = {dispatcher.get_backend_for_host("sqs.ap-south-2.amazonaws.com") for _ in range(20)}

    # THEN each resolves to its service, with one lookup per host
    assert lambda_backends == {"awslambda"}
    assert sqs_backends == {"sqs"}
    assert len(listings) == 2


def test_extract_json_when_one_path_is_evaluated_many_times_should_compile_it_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
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
    values = [json_path.extract_json("$.stages[1].Payload.id", {"stages": [{}, {"Payload": {"id": n}}]})
              for n in range(10)]

    # THEN each document gives its own value, from one compilation
    assert values == list(range(10))
    assert compiled == ["$.stages[1].Payload.id"]

"""Step Functions adapted to the pipeline offline: moto's interpreter runs the definitions.

Two kinds of patches: what AWS does and moto's interpreter does not (execution names, an
execution described whole once ended, a JSON StartTime), with Retry waits scalable for tests;
and what keeps the interpreter's per-execution cost off the hot path (one parse per definition,
executions started without waiting, service integrations answered in process, JSONPath compiled
once). Installed by moto_patches.apply. Written against moto 5.2.5 (pinned in
tools/requirements.txt); tests/test_stepfunctions_patches.py fails if an upgrade moves a seam.
"""

from __future__ import annotations

import copy
import datetime
import functools
import io
import json
import logging
import sys
import threading
import time
import uuid
from types import SimpleNamespace
from typing import Any

from moto.stepfunctions.parser.asl.component.common.retry import retrier_decl
from moto.stepfunctions.parser.asl.parse.asl_parser import AmazonStateLanguageParser
from moto.stepfunctions.parser.asl.utils import boto_client
from moto.stepfunctions.parser.backend.execution_worker import ExecutionWorker
from moto.stepfunctions.parser.models import StepFunctionsParserBackend

LOG = logging.getLogger("emulator")


def apply(retry_wait_scale: float) -> None:
    """Installs every Step Functions patch; Retry waits last retry_wait_scale times their own."""
    _scale_retry_waits(retry_wait_scale)
    _name_unnamed_executions()
    _publish_execution_status_last()
    _serialise_execution_start_time()
    _parse_each_definition_once()
    _start_executions_without_waiting()
    _reuse_interpreter_clients()
    _compile_each_json_path_once()


# --- Step Functions Retry -------------------------------------------------------------------
# moto's RetrierDecl waits out IntervalSeconds x BackoffRate^n (capped by MaxDelaySeconds,
# jittered when JitterStrategy is FULL) with a real time.sleep. Tests of a Retry policy with
# production intervals would take minutes, so the sleep in that one module is scaled by a
# factor (1 = the definition's real waits). Only the wait changes: attempt counts, backoff
# growth and the history events are moto's own.


def _scale_retry_waits(scale: float) -> None:
    if scale < 0:
        raise ValueError(f"retry wait scale must be >= 0, got {scale}")
    retrier_decl.time = SimpleNamespace(sleep=lambda seconds: time.sleep(seconds * scale))


# --- Step Functions execution names ---------------------------------------------------------
# StartExecution's `name` is optional and AWS then names the execution with a UUID. moto's
# interpreter backend uses the absent name as is: the execution ARN ends in ":None",
# `$$.Execution.Id` and `$$.Execution.Name` carry that, and a second unnamed start with another
# input fails with ExecutionAlreadyExists (with the same input it returns the first execution).
# EventBridge targets never pass a name, so every delivery after the first would fail.


def _name_unnamed_executions() -> None:
    moto_start_execution = StepFunctionsParserBackend.start_execution

    def start_execution(
        self: StepFunctionsParserBackend,
        state_machine_arn: str,
        name: str | None = None,
        execution_input: str | None = None,
        trace_header: str | None = None,
    ) -> Any:
        return moto_start_execution(
            self, state_machine_arn, name or str(uuid.uuid4()), execution_input, trace_header
        )

    StepFunctionsParserBackend.start_execution = start_execution


# --- Step Functions execution end ----------------------------------------------------------
# moto's worker thread ends an execution by setting its status first and its output, error and
# cause after. A DescribeExecution served between the two (another server thread) sees SUCCEEDED
# with no output, or FAILED with no error: a 240 KB output takes long enough to serialise that a
# poller meets the gap. In AWS a finished execution is described whole. Here every field is set
# before the status, so whoever sees the final status sees the rest with it.


def _publish_execution_status_last() -> None:
    from moto.stepfunctions.parser.api import ExecutionStatus
    from moto.stepfunctions.parser.asl.eval.program_state import (
        ProgramEnded,
        ProgramError,
        ProgramStopped,
        ProgramTimedOut,
    )
    from moto.stepfunctions.parser.backend.execution import BaseExecutionWorkerCommunication

    def reflect_execution_status(self: BaseExecutionWorkerCommunication) -> None:
        execution = self.execution
        state = execution.exec_worker.env.program_state()
        if isinstance(state, ProgramEnded):
            execution.output = execution.exec_worker.env.states.get_input()
            status = ExecutionStatus.SUCCEEDED
        elif isinstance(state, ProgramStopped):
            status = ExecutionStatus.ABORTED
        elif isinstance(state, ProgramError):
            execution.error = state.error.get("error")
            execution.cause = state.error.get("cause")
            status = ExecutionStatus.FAILED
        elif isinstance(state, ProgramTimedOut):
            status = ExecutionStatus.TIMED_OUT
        else:
            raise RuntimeWarning(f"Execution ended with unsupported ProgramState {type(state)}")
        execution.stop_date = datetime.datetime.now(tz=datetime.UTC)
        execution.exec_status = status

    BaseExecutionWorkerCommunication._reflect_execution_status = reflect_execution_status


# --- Step Functions context object ----------------------------------------------------------
# moto puts the execution's start as a datetime object into `$$.Execution.StartTime`. A state
# that reads it stores that object in its output, and every later JSON rendering of the
# execution (DescribeExecution, GetExecutionHistory, the next state's input) fails with HTTP
# 500. AWS gives an ISO-8601 UTC string with milliseconds, which is what is set here.


def _serialise_execution_start_time() -> None:
    moto_environment = ExecutionWorker._get_evaluation_environment

    def get_evaluation_environment(self: ExecutionWorker) -> Any:
        env = moto_environment(self)
        execution = env.states.context_object.context_object_data["Execution"]
        start_time = execution.get("StartTime")
        if isinstance(start_time, datetime.datetime):
            utc = start_time.astimezone(datetime.UTC)
            execution["StartTime"] = (
                utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
            )
        return env

    ExecutionWorker._get_evaluation_environment = get_evaluation_environment


# --- Step Functions definition parsing ------------------------------------------------------
# moto's ExecutionWorker runs the ANTLR lexer, parser and preprocessor over the whole definition
# at the start of every execution (ExecutionWorker._get_evaluation_entrypoint); in pure Python
# that is about 30 ms of CPU for the trade state machine, and when ten executions start at once
# (one PutEvents batch) they parse side by side for seconds. The parse depends on the definition
# text alone, so it is done once per text, by the first execution that needs it while the others
# wait for it, and every execution of that text runs the same program. An updated definition is
# a new text, so a new parse; a definition that does not parse raises as before (the cache keeps
# only results).
#
# Sharing the program is how moto itself runs a Map state, whose iterations evaluate one
# component tree in several threads at once: the components are read, not written, during an
# evaluation, and what an execution changes lives in its own Environment. Two things are made
# safe for sharing across executions:
# - EvalComponent.heap_key (the component's key in the per-execution heap) is the one attribute
#   set during evaluation, lazily on first use; two executions setting it at once could each
#   store under a key the other then replaces. Every key is set once, right after the parse.
# - a Pass state's Result is pushed onto the execution's stack as the very object the component
#   holds, and a later ResultPath writes into its input in place: one execution's write would
#   show in the next one's Result. Each execution gets a copy of it (the other literals a
#   component pushes are strings, numbers, booleans and null).

_PARSED_DEFINITIONS_KEPT = 64
_parse_lock = threading.Lock()


@functools.lru_cache(maxsize=_PARSED_DEFINITIONS_KEPT)
def _parsed_program(definition: str) -> Any:
    program = AmazonStateLanguageParser.parse(definition)[0]
    _set_heap_keys(program)
    return program


def _shared_program(definition: str) -> Any:
    with _parse_lock:
        return _parsed_program(definition)


def _set_heap_keys(program: Any) -> None:
    from moto.stepfunctions.parser.asl.component.component import Component
    from moto.stepfunctions.parser.asl.component.eval_component import EvalComponent

    pending: list[Any] = [program]
    seen: set[int] = set()
    while pending:
        value = pending.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, EvalComponent):
            _ = value.heap_key
        if isinstance(value, Component):
            pending.extend(vars(value).values())
        elif isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, (list, tuple, set, frozenset)):
            pending.extend(value)


def _parse_each_definition_once() -> None:
    from moto.stepfunctions.parser.asl.component.state.state_pass.result import Result

    def get_evaluation_entrypoint(self: ExecutionWorker) -> Any:
        return _shared_program(self._evaluation_details.state_machine_details.definition)

    def push_a_copy_of_the_result(self: Result, env: Any) -> None:
        env.stack.append(copy.deepcopy(self.result_obj))

    ExecutionWorker._get_evaluation_entrypoint = get_evaluation_entrypoint
    Result._eval_body = push_a_copy_of_the_result


# --- Step Functions execution start ---------------------------------------------------------
# StartExecution (and so every PutEvents that EventBridge delivers to a state machine) returns
# only once ExecutionWorker.start has started the execution's thread, and threading.Thread.start
# waits until the new thread is running, which needs the GIL: with dozens of executions running
# that wait was 15-25 ms per execution, so a PutEvents of ten events took about 200 ms and
# publishing, not processing, set the pace. The thread is started here without that wait; the
# execution is registered, listed and described as RUNNING before StartExecution returns, as
# before, and its first state runs as soon as the thread gets the GIL.


def _start_executions_without_waiting() -> None:
    import _thread

    def start(self: ExecutionWorker) -> None:
        _thread.start_new_thread(_run_execution, (self,))

    ExecutionWorker.start = start


def _run_execution(worker: ExecutionWorker) -> None:
    try:
        worker._execution_logic()
    except BaseException:  # a Thread would report it through threading.excepthook
        LOG.exception("execution worker failed")


# --- Step Functions service integrations ----------------------------------------------------
# Each Task the interpreter runs (lambda:invoke, sqs:sendMessage, ...) calls this same server
# through a boto3 client that boto_client_for builds anew for that one call: a new botocore
# session, service model loading and endpoint resolution every time, then an HTTP request to
# this very process that takes a connection, a request thread and Werkzeug's parsing. Both are
# replaced:
# - one client per (region, service) is built and reused (moto passes fixed dummy credentials
#   and ignores the state's); botocore clients are thread safe once built, and building one is
#   serialised because boto3's default session is not;
# - the client's requests are answered in this process by moto's own request dispatcher, the
#   one moto's in-process (decorator) mode uses: botocore still serialises the call, and parses
#   the status, headers and body moto's handler returns, so an API error still reaches the
#   interpreter as the ClientError (Lambda.ServiceException, ...) that Retry and Catch match.
#   A fault in a handler, which moto's server would answer with HTTP 500, is answered as a 500
#   ServiceException. Nothing these clients send leaves the process.
# The modules that imported boto_client_for by name are rebound too.


def _answer_in_process(request: Any, **_: Any) -> Any:
    from botocore.awsrequest import AWSResponse
    from moto.core.botocore_stubber import MockRawResponse
    from moto.core.models import botocore_stubber

    try:
        answer = botocore_stubber.process_request(request)
    except Exception as error:  # moto's server turns these into a 500 as well
        LOG.exception("emulator fault answering %s %s", request.method, request.url)
        answer = _service_exception(500, f"{type(error).__name__}: {error}")
    if answer is None:
        answer = _service_exception(404, f"the emulator serves no {request.url}")
    status, headers, body = answer
    return AWSResponse(request.url, status, headers, MockRawResponse(body))


def _service_exception(status: int, message: str) -> tuple[int, dict[str, str], str]:
    return (
        status,
        {"Content-Type": "application/json", "x-amzn-ErrorType": "ServiceException"},
        json.dumps({"__type": "ServiceException", "message": message}),
    )


class _InProcessLambdaClient:
    """A task's Lambda client whose Invoke goes straight to moto's Lambda backend.

    Invoke is the call every lambda:invoke task makes, and on the way through botocore and
    moto's request dispatcher (serialise, sign, match ~200 URL patterns, set up the response
    class, parse the answer back) it cost several times the invocation itself: a quarter of the
    emulator's CPU on a run of 1,000 trades. This does what LambdaResponse.invoke does with the
    backend's answer and returns what botocore would parse from it: StatusCode, FunctionError,
    LogResult (with LogType Tail) and Payload as a stream; an API error is raised as botocore's
    ClientError with the same code, message and status, a fault as a 500 ServiceException.
    Every other operation goes through the botocore client it wraps.
    """

    _MAX_PAYLOAD = 6_000_000

    def __init__(self, client: Any):
        self._client = client
        self.meta = client.meta

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def invoke(
        self,
        FunctionName: str,
        Payload: Any = None,
        Qualifier: str | None = None,  # noqa: N803
        InvocationType: str | None = None,
        LogType: str | None = None,  # noqa: N803
        ClientContext: str | None = None,
    ) -> dict[str, Any]:  # noqa: N803
        from moto.awslambda.models import lambda_backends
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.core.exceptions import JsonRESTError

        request_headers = {
            "x-amz-invocation-type": InvocationType or "RequestResponse",
            "x-amz-log-type": LogType or "None",
        }
        if ClientContext:
            request_headers["x-amz-client-context"] = ClientContext
        response_headers: dict[str, str] = {}
        body = Payload.decode("utf-8") if isinstance(Payload, bytes) else Payload
        try:
            backend = lambda_backends[DEFAULT_ACCOUNT_ID][self.meta.region_name]
            payload = backend.invoke(
                FunctionName, Qualifier, body, request_headers, response_headers
            )
        except JsonRESTError as error:
            raise self._client_error(error.code, error.error_type, error.message) from None
        except Exception as error:  # as _answer_in_process: a fault is the service's
            LOG.exception("emulator fault invoking %s", FunctionName)
            raise self._client_error(
                500, "ServiceException", f"{type(error).__name__}: {error}"
            ) from None
        if isinstance(payload, str):
            payload = payload.encode("utf-8")
        if sys.getsizeof(payload) > self._MAX_PAYLOAD:
            response_headers["x-amz-function-error"] = "Unhandled"
            payload = json.dumps(
                {
                    "errorMessage": "Response payload size exceeded maximum allowed payload size (6291556 bytes).",
                    "errorType": "Function.ResponseSizeTooLarge",
                }
            ).encode("utf-8")
        response: dict[str, Any] = {
            "StatusCode": {"Event": 202, "DryRun": 204}.get(
                request_headers["x-amz-invocation-type"], 200
            )
        }
        if "x-amz-function-error" in response_headers:
            response["FunctionError"] = response_headers["x-amz-function-error"]
        if LogType == "Tail" and "x-amz-log-result" in response_headers:
            response["LogResult"] = response_headers["x-amz-log-result"]
        from botocore.response import StreamingBody

        response["Payload"] = StreamingBody(io.BytesIO(payload), len(payload))
        return response

    @staticmethod
    def _client_error(status: int, code: str, message: str) -> Any:
        from botocore.exceptions import ClientError

        return ClientError(
            {
                "Error": {"Code": code, "Message": message},
                "ResponseMetadata": {
                    "RequestId": str(uuid.uuid4()),
                    "HTTPStatusCode": status,
                    "HTTPHeaders": {"x-amzn-errortype": code},
                    "RetryAttempts": 0,
                },
            },
            "Invoke",
        )


def _reuse_interpreter_clients() -> None:
    import boto3

    # The preprocessor imports every state and service integration module, so after this import
    # every module that bound boto_client_for by name is in sys.modules.
    import moto.stepfunctions.parser.asl.parse.preprocessor  # noqa: F401
    from botocore.config import Config
    from moto.stepfunctions.parser.asl.component.common.timeouts.timeout import TimeoutSeconds

    moto_boto_client_for = boto_client.boto_client_for
    if getattr(moto_boto_client_for, "answers_in_process", False):  # apply() is idempotent
        return
    clients: dict[tuple[str, str], Any] = {}
    lock = threading.Lock()

    def boto_client_for(region: str, service: str, state_credentials: Any = None) -> Any:
        key = (region, service)
        client = clients.get(key)
        if client is None:
            with lock:
                client = clients.get(key)
                if client is None:
                    client = boto3.client(
                        aws_access_key_id="ak",
                        aws_secret_access_key="sk",
                        region_name=region,
                        service_name=service,
                        config=Config(
                            parameter_validation=False,
                            retries={"max_attempts": 0, "total_max_attempts": 1},
                            connect_timeout=TimeoutSeconds.DEFAULT_TIMEOUT_SECONDS,
                            read_timeout=TimeoutSeconds.DEFAULT_TIMEOUT_SECONDS,
                        ),
                    )
                    client.meta.events.register_first("before-send", _answer_in_process)
                    if service == "lambda":
                        client = _InProcessLambdaClient(client)
                    clients[key] = client
        return client

    boto_client_for.answers_in_process = True  # type: ignore[attr-defined]
    for name, module in list(sys.modules.items()):
        if (
            name.startswith("moto.stepfunctions.parser")
            and getattr(module, "boto_client_for", None) is moto_boto_client_for
        ):
            module.boto_client_for = boto_client_for


# --- Step Functions JSONPath ----------------------------------------------------------------
# moto compiles a state's JSONPath (InputPath, "Payload.$", ResultSelector, ResultPath, ...)
# with jsonpath_ng's parse on every evaluation, and that parse builds a new ply parser each time
# (about 0.4 ms), dozens of times per execution. A compiled expression depends only on its text
# and is not changed by find, update or update_or_create, so each text is compiled once and the
# expression shared; the two modules that call parse (extraction and ResultPath) are rebound.

_COMPILED_JSON_PATHS_KEPT = 1024


def _compile_each_json_path_once() -> None:
    from moto.stepfunctions.parser.asl.component.common.path import result_path
    from moto.stepfunctions.parser.asl.utils import json_path

    for module in (json_path, result_path):
        if not hasattr(module.parse, "cache_info"):  # apply() is idempotent
            module.parse = functools.lru_cache(maxsize=_COMPILED_JSON_PATHS_KEPT)(module.parse)

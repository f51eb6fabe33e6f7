"""The adaptations of moto 5.2.x that running the pipeline offline needs.

Each patch replaces one narrow seam of moto and says which behaviour it adapts and why; the
rest is moto as released. They are written against moto 5.2.5 (pinned in
tools/requirements.txt); tests/ fails if an upgrade moves a seam.
"""

from __future__ import annotations

import base64
import copy
import datetime
import functools
import io
import json
import logging
import queue
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from moto.awslambda.exceptions import LambdaClientError
from moto.awslambda.models import LambdaFunction
from moto.core.utils import iso_8601_datetime_without_milliseconds, utcfromtimestamp
from moto.events.models import Rule
from moto.stepfunctions.parser.asl.component.common.retry import retrier_decl
from moto.stepfunctions.parser.asl.parse.asl_parser import AmazonStateLanguageParser
from moto.stepfunctions.parser.asl.utils import boto_client
from moto.stepfunctions.parser.backend.execution_worker import ExecutionWorker
from moto.stepfunctions.parser.models import StepFunctionsParserBackend

LOG = logging.getLogger("emulator")

# Lambda's own ceiling; the local host is not held to the function's configured Timeout
# (a JVM cold start on a busy machine is no fault of the code under test).
_LAMBDA_HOST_READ_TIMEOUT_SECONDS = 900


@dataclass(frozen=True)
class PatchSettings:
    """What the patches need from the launcher's configuration."""

    lambda_host_url: str | None
    retry_wait_scale: float


class LambdaHostException(LambdaClientError):
    """The Lambda host could not run the invocation: surfaces as a Lambda API error.

    Step Functions turns a Lambda API error into `Lambda.<ErrorCode>` (for example
    `Lambda.ServiceException`), one of the transient errors the definition's Retry policies list.
    """

    def __init__(self, status: int, error_type: str, message: str):
        super().__init__(error_type, message)
        self.code = status


def apply(settings: PatchSettings) -> None:
    """Installs every patch; called once, before the server accepts requests."""
    _route_lambda_invocations_to_host(settings.lambda_host_url)
    _deliver_events_to_state_machines()
    _scale_retry_waits(settings.retry_wait_scale)
    _name_unnamed_executions()
    _publish_execution_status_last()
    _serialise_execution_start_time()
    _parse_each_definition_once()
    _start_executions_without_waiting()
    _reuse_interpreter_clients()
    _route_requests_by_known_hosts()
    _compile_each_json_path_once()
    _serve_connections_from_reused_threads()
    # The rehearsal of deploy/*.sh (CloudFormation, stack sets, ECR, DynamoDB replicas).
    import deployment_patches

    deployment_patches.apply()
    # AWS's size limits, execution status change events, test-only fault injection (ADR 0027).
    import execution_events_patches  # noqa: E401 (their own modules)
    import fault_injection
    import limits_patches

    limits_patches.apply()
    execution_events_patches.apply()
    fault_injection.apply()


# --- Lambda ---------------------------------------------------------------------------------
# moto runs a function by starting a Docker container in LambdaFunction._invoke_lambda, and
# every invocation passes through it: the Invoke API and Step Functions' lambda:invoke task
# alike (the interpreter calls Invoke on this same server over HTTP). There is no Docker here,
# so this one method is replaced by a POST to a local process that serves the Lambda Invoke API
# and runs the real handlers. The method's contract is kept: it returns
# (payload, errored, logs); moto then answers Invoke with `X-Amz-Function-Error: Handled` when
# `errored`, and Step Functions raises the payload's `errorType` as the state's error, so
# Retry/Catch match the handler's exception class as in AWS.


def _route_lambda_invocations_to_host(lambda_host_url: str | None) -> None:
    def invoke_on_lambda_host(self: LambdaFunction, event: Any = None) -> tuple[str, bool, str]:
        if not lambda_host_url:
            raise LambdaHostException(
                500,
                "ServiceException",
                "No Lambda host is configured (--lambda-host-url / EMULATOR_LAMBDA_HOST_URL)",
            )
        url = "{}/2015-03-31/functions/{}/invocations".format(
            lambda_host_url.rstrip("/"), urllib.parse.quote(self.function_name, safe="")
        )
        request = urllib.request.Request(
            url,
            data=_payload_bytes(event),
            method="POST",
            headers={"Content-Type": "application/json", "X-Amz-Log-Type": "Tail"},
        )
        try:
            with urllib.request.urlopen(
                request, timeout=_LAMBDA_HOST_READ_TIMEOUT_SECONDS
            ) as response:
                body = response.read().decode("utf-8")
                function_error = response.headers.get("X-Amz-Function-Error")
                logs = _tail_logs(response.headers.get("X-Amz-Log-Result"))
        except urllib.error.HTTPError as error:
            raise _api_error_from_host(error) from None
        except (urllib.error.URLError, OSError) as error:
            raise LambdaHostException(
                500, "ServiceException", f"Lambda host {lambda_host_url} unreachable: {error}"
            ) from None
        LOG.debug("invoked %s: function error %s", self.function_name, function_error)
        return body, function_error is not None, logs

    LambdaFunction._invoke_lambda = invoke_on_lambda_host


def _payload_bytes(event: Any) -> bytes:
    # LambdaFunction.invoke hands over the parsed JSON body, or the string "{}" when the
    # request had none; either way the host gets the JSON document the caller sent.
    if event is None or event == "{}":
        return b"{}"
    return json.dumps(event).encode("utf-8")


def _tail_logs(encoded: str | None) -> str:
    if not encoded:
        return ""
    try:
        return base64.b64decode(encoded).decode("utf-8", errors="replace")
    except ValueError:
        return ""


def _api_error_from_host(error: urllib.error.HTTPError) -> LambdaHostException:
    # The host answers API-level failures (unknown function, throttling) as Lambda does:
    # a status code, and the error type in `X-Amzn-ErrorType` or the JSON body.
    raw = error.read().decode("utf-8", errors="replace")
    error_type = (error.headers.get("X-Amzn-ErrorType") or "").split(":")[0]
    message = raw
    try:
        document = json.loads(raw)
        error_type = error_type or document.get("__type") or document.get("Type") or ""
        message = document.get("message") or document.get("Message") or raw
    except (ValueError, AttributeError):
        pass
    return LambdaHostException(error.code, error_type or "ServiceException", message)


# --- EventBridge ----------------------------------------------------------------------------
# moto's Rule.send_to_targets delivers to CloudWatch Logs, archives, SQS, event buses and API
# destinations only, and raises NotImplementedError for any other target, which fails the
# whole PutEvents call. Here a rule's Step Functions targets start an execution whose input is
# the event as EventBridge delivers it to a target; the other targets still go to moto. A
# target's DeadLetterConfig, RetryPolicy and RoleArn are kept by PutTargets but not acted on:
# a StartExecution that fails is logged, not retried or dead-lettered. A DISABLED rule delivers
# nothing (moto would still deliver).

_EVENT_FIELDS = (
    "version",
    "id",
    "detail-type",
    "source",
    "account",
    "time",
    "region",
    "resources",
    "detail",
)


def _deliver_events_to_state_machines() -> None:
    moto_send_to_targets = Rule.send_to_targets

    def send_to_targets(
        self: Rule, original_event: dict[str, Any], transform_input: bool = True
    ) -> None:
        if self.state == "DISABLED" or not self.event_pattern.matches_event(original_event):
            return
        state_machine_targets = [t for t in self.targets if _is_state_machine_arn(t["Arn"])]
        other_targets = [t for t in self.targets if not _is_state_machine_arn(t["Arn"])]
        for target in state_machine_targets:
            _start_execution(target, _delivered_event(original_event))
        if other_targets:
            # A shallow copy keeps the rule object that PutTargets mutates untouched, so a
            # concurrent PutTargets never sees a filtered target list.
            rule_for_moto = copy.copy(self)
            rule_for_moto.targets = other_targets
            moto_send_to_targets(rule_for_moto, original_event, transform_input)

    Rule.send_to_targets = send_to_targets


def _is_state_machine_arn(arn: str) -> bool:
    parts = arn.split(":", 6)
    return len(parts) == 7 and parts[2] == "states" and parts[5] == "stateMachine"


def _delivered_event(original_event: dict[str, Any]) -> dict[str, Any]:
    # moto keeps `time` as epoch seconds and adds `ingestion-time`; a target receives the
    # nine envelope fields with `time` as ISO-8601 UTC to the second.
    event = {field: copy.deepcopy(original_event.get(field)) for field in _EVENT_FIELDS}
    event_time = original_event.get("time")
    if isinstance(event_time, (int, float)) or (
        isinstance(event_time, str) and _is_number(event_time)
    ):
        event["time"] = iso_8601_datetime_without_milliseconds(utcfromtimestamp(float(event_time)))
    if event["resources"] is None:
        event["resources"] = []
    return event


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _start_execution(target: dict[str, Any], event: dict[str, Any]) -> None:
    from moto.stepfunctions.responses import get_backend

    arn = target["Arn"]
    _, _, _, region, account, _, _ = arn.split(":", 6)
    if "Input" in target:
        execution_input = target["Input"]
    else:
        if "InputPath" in target or "InputTransformer" in target:
            LOG.warning(
                "target %s: InputPath/InputTransformer are not emulated; the input is the whole event",
                target["Id"],
            )
        execution_input = json.dumps(event)
    try:
        execution = get_backend(account, region).start_execution(
            arn, execution_input=execution_input
        )
        LOG.info("rule target %s started %s", target["Id"], execution.exec_arn)
    except Exception:  # delivery is asynchronous in AWS: PutEvents succeeds all the same
        LOG.exception("rule target %s: StartExecution on %s failed", target["Id"], arn)


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
        execution.stop_date = datetime.datetime.now(tz=datetime.timezone.utc)
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
            utc = start_time.astimezone(datetime.timezone.utc)
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


# --- Request routing ------------------------------------------------------------------------
# moto's server picks the service of every request in DomainDispatcherApplication
# .get_application, under one lock that all request threads share. get_backend_for_host lists
# moto's package directory (an os.listdir and an os.path.isdir per service, about 200) and then
# tries every service's URL pattern against the host the request was inferred to address
# ("lambda.us-east-1.amazonaws.com"). With the interpreter calling this server for every Task,
# that lookup was the largest single cost of the emulator and serialised all requests. Its answer
# depends only on the host string (the package directory and the patterns are fixed once moto is
# imported), so it is remembered per host; a host no service claims is remembered as such (moto
# prints its "Unable to find appropriate backend" hint once, not per request).


def _route_requests_by_known_hosts() -> None:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    moto_get_backend_for_host = DomainDispatcherApplication.get_backend_for_host
    backends_by_host: dict[str | None, Any] = {}

    def get_backend_for_host(self: DomainDispatcherApplication, host: str | None) -> Any:
        try:
            return backends_by_host[host]
        except KeyError:
            backend = moto_get_backend_for_host(self, host)
            backends_by_host[host] = backend
            return backend

    DomainDispatcherApplication.get_backend_for_host = get_backend_for_host


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


# --- Server request threads -----------------------------------------------------------------
# moto's server is Werkzeug's ThreadedWSGIServer: its single accept loop starts a new thread for
# every connection, and Werkzeug closes every connection after one response, so every request
# pays a Thread.start in that loop. Thread.start returns only once the new thread holds the GIL,
# which under load (the interpreter's own threads running dozens of executions) took 10-40 ms
# (measured), so the one accept loop admitted only a few dozen connections a second and every
# client of the emulator queued behind it. Here a connection is handed to a thread that has finished an earlier one, and
# a new thread is started only when none is idle, so the threads grow to the peak number of
# concurrent requests and are then reused. Each connection is still served by
# process_request_thread exactly as before, one thread per connection while it lasts.


class _RequestThreads:
    """Daemon threads serving accepted connections; never fewer than the busiest moment needed."""

    def __init__(self) -> None:
        self._connections: queue.SimpleQueue[tuple[Any, Any, Any]] = queue.SimpleQueue()
        self._idle = 0
        self._lock = threading.Lock()
        self._started = 0

    def submit(self, server: Any, request: Any, client_address: Any) -> None:
        with self._lock:
            start_thread = self._idle == 0
            if start_thread:
                self._started += 1
                name = f"moto-request-{self._started}"
            else:
                self._idle -= 1
        self._connections.put((server, request, client_address))
        if start_thread:
            threading.Thread(target=self._serve, name=name, daemon=True).start()

    def _serve(self) -> None:
        while True:
            server, request, client_address = self._connections.get()
            # Handles and logs its own errors and always closes the connection.
            server.process_request_thread(request, client_address)
            with self._lock:
                self._idle += 1


def _serve_connections_from_reused_threads() -> None:
    from werkzeug.serving import ThreadedWSGIServer

    if getattr(
        ThreadedWSGIServer.process_request, "reuses_threads", False
    ):  # apply() is idempotent
        return
    threads = _RequestThreads()

    def process_request(self: ThreadedWSGIServer, request: Any, client_address: Any) -> None:
        threads.submit(self, request, client_address)

    process_request.reuses_threads = True  # type: ignore[attr-defined]
    ThreadedWSGIServer.process_request = process_request

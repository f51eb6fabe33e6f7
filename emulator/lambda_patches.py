"""Lambda adapted to the pipeline offline: every invocation runs on the Lambda host.

Installed by moto_patches.apply. Written against moto 5.2.5 (pinned in tools/requirements.txt);
tests/test_lambda_patches.py fails if an upgrade moves the seam.
"""

from __future__ import annotations

import base64
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from moto.awslambda.exceptions import LambdaClientError
from moto.awslambda.models import LambdaFunction

LOG = logging.getLogger("emulator")

# Lambda's own ceiling; the local host is not held to the function's configured Timeout
# (a JVM cold start on a busy machine is no fault of the code under test).
_LAMBDA_HOST_READ_TIMEOUT_SECONDS = 900


class LambdaHostException(LambdaClientError):
    """The Lambda host could not run the invocation: surfaces as a Lambda API error.

    Step Functions turns a Lambda API error into `Lambda.<ErrorCode>` (for example
    `Lambda.ServiceException`), one of the transient errors the definition's Retry policies list.
    """

    def __init__(self, status: int, error_type: str, message: str):
        super().__init__(error_type, message)
        self.code = status


def apply(lambda_host_url: str | None) -> None:
    """Routes every invocation to the Lambda host at lambda_host_url (None: every one fails)."""
    _route_lambda_invocations_to_host(lambda_host_url)


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

"""Test doubles and helpers: the launcher as a subprocess, a stub Lambda host, bounded polling."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import boto3

LAUNCHER = Path(__file__).resolve().parents[1] / "moto_launcher.py"
REGION = "us-east-1"
ACCOUNT = "123456789012"
STARTUP_BOUND_SECONDS = 60
EXECUTION_BOUND_SECONDS = 30


class EmulatorProcess:
    """moto_launcher.py run as the JVM runs it: stdin and stdout are pipes, stderr to a file."""

    def __init__(self, *args: str, env: dict[str, str] | None = None):
        # Open as long as the process it collects from; closed with this object.
        self._stderr = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, str(LAUNCHER), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env={**os.environ, **(env or {})},
            text=True,
        )
        self._role_arn: str | None = None
        self.ready = json.loads(self._read_ready_line())
        self.endpoint: str = self.ready["endpoint"]

    def _read_ready_line(self) -> str:
        readable, _, _ = select.select([self.process.stdout], [], [], STARTUP_BOUND_SECONDS)
        if not readable:
            self.kill()
            raise AssertionError(f"no ready line within {STARTUP_BOUND_SECONDS}s: {self.stderr()}")
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError(f"launcher exited before its ready line: {self.stderr()}")
        return line

    def client(self, service: str, region: str = REGION) -> Any:
        return boto3.client(
            service,
            endpoint_url=self.endpoint,
            region_name=region,
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )

    def role_arn(self) -> str:
        """A role Lambda and Step Functions may assume, created on first use.

        moto's CreateFunction and CreateStateMachine insist on a role that exists in its IAM.
        """
        if self._role_arn is None:
            trust = {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": ["lambda.amazonaws.com", "states.amazonaws.com"]},
                        "Action": "sts:AssumeRole",
                    }
                ],
            }
            self._role_arn = self.client("iam").create_role(
                RoleName="emulator-test", AssumeRolePolicyDocument=json.dumps(trust)
            )["Role"]["Arn"]
        return self._role_arn

    def create_function(self, name: str) -> None:
        """Registers a container-image function, as the templates declare them."""
        self.client("lambda").create_function(
            FunctionName=name,
            Role=self.role_arn(),
            PackageType="Image",
            Timeout=30,
            Code={"ImageUri": f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/trade-processing:test"},
            ImageConfig={"Command": [f"com.tradeprocessing.{name}.Handler::handleRequest"]},
        )

    def create_state_machine(self, name: str, definition: dict[str, Any]) -> str:
        return self.client("stepfunctions").create_state_machine(
            name=name, definition=json.dumps(definition), roleArn=self.role_arn()
        )["stateMachineArn"]

    def start_execution(self, machine_arn: str, execution_input: str = "{}") -> Execution:
        sfn = self.client("stepfunctions")
        arn = sfn.start_execution(stateMachineArn=machine_arn, input=execution_input)
        return Execution(sfn, arn["executionArn"])

    def stderr(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read()

    def close_stdin_and_wait(self, timeout: float = 20) -> int:
        self.process.stdin.close()
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


Behaviour = Callable[[dict[str, Any], int], tuple[int, dict[str, str], Any]]
# Registers a function under a name that the stub Lambda host answers with the behaviour.
HostFunction = Callable[[str, Behaviour], None]


def returns(body: Any) -> Behaviour:
    return lambda payload, attempt: (200, {}, body)


def echoes(stage: str) -> Behaviour:
    return lambda payload, attempt: (200, {}, {"stage": stage, "received": payload})


def function_error(error_type: str, message: str) -> Behaviour:
    """What the Java runtime answers when a handler throws: the exception as the payload."""
    body = {"errorMessage": message, "errorType": error_type, "stackTrace": []}
    return lambda payload, attempt: (200, {"X-Amz-Function-Error": "Unhandled"}, body)


@dataclass
class StubLambdaHost:
    """A loopback server speaking the Lambda Invoke API, one behaviour per function name."""

    behaviours: dict[str, Behaviour] = field(default_factory=dict)
    calls: list[tuple[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        host = self
        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                # /2015-03-31/functions/{name}/invocations
                parts = self.path.split("/")
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                name, payload = parts[3], json.loads(raw)
                with lock:
                    host.calls.append((name, payload))
                    attempt = sum(1 for called, _ in host.calls if called == name)
                status, headers, body = host.behaviours[name](payload, attempt)
                data = json.dumps(body).encode("utf-8")
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def calls_to(self, name: str) -> list[Any]:
        return [payload for called, payload in self.calls if called == name]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def poll(
    probe: Callable[[], Any],
    bound_seconds: float = EXECUTION_BOUND_SECONDS,
    what: str = "condition",
) -> Any:
    """Returns probe()'s first truthy result, polling until the bound."""
    deadline = time.monotonic() + bound_seconds
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not reached within {bound_seconds}s")
        time.sleep(0.05)


def finished_execution(sfn: Any, execution_arn: str) -> dict[str, Any]:
    def probe() -> dict[str, Any] | None:
        description = sfn.describe_execution(executionArn=execution_arn)
        return None if description["status"] == "RUNNING" else description

    return poll(probe, what=f"end of {execution_arn}")


def history(sfn: Any, execution_arn: str) -> list[dict[str, Any]]:
    return sfn.get_execution_history(executionArn=execution_arn, maxResults=1000)["events"]


@dataclass(frozen=True)
class Execution:
    """A started execution, and the Step Functions client that started it."""

    sfn: Any
    arn: str

    def finished(self) -> dict[str, Any]:
        """DescribeExecution's answer once the execution has ended."""
        return finished_execution(self.sfn, self.arn)

    def history(self) -> list[dict[str, Any]]:
        return history(self.sfn, self.arn)


def unique(stem: str) -> str:
    """A name no earlier test used on the shared emulator."""
    return f"{stem}-{uuid.uuid4().hex[:8]}"


def lambda_task(function_name: str, payload_path: str, **fields: Any) -> dict[str, Any]:
    return {
        "Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": function_name, "Payload.$": payload_path},
        **fields,
    }

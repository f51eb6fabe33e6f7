#!/usr/bin/env python3
"""Runs moto in server mode as the pipeline's local AWS, adapted by moto_patches.

Starts moto on a free loopback port, points moto's own service-to-service calls at that port,
turns on the Step Functions interpreter, prints one JSON line on stdout when it accepts
requests and runs until SIGTERM, SIGINT or the end of stdin (a parent that dies closes the
pipe, so no emulator outlives the JVM or test that started it). See README.md beside it.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
import urllib.request
from collections.abc import Sequence

LOG = logging.getLogger("emulator")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    env = os.environ
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--host",
        default=env.get("EMULATOR_HOST", "127.0.0.1"),
        help="address to bind (default 127.0.0.1; env EMULATOR_HOST)",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=int(env.get("EMULATOR_PORT", "0")),
        help="port to bind; 0 picks a free one (default 0; env EMULATOR_PORT)",
    )
    parser.add_argument(
        "--lambda-host-url",
        default=env.get("EMULATOR_LAMBDA_HOST_URL"),
        help="base URL of the process serving the Lambda Invoke API "
        "(env EMULATOR_LAMBDA_HOST_URL); without it every invocation "
        "fails with Lambda.ServiceException",
    )
    parser.add_argument(
        "--retry-wait-scale",
        type=float,
        default=float(env.get("EMULATOR_RETRY_WAIT_SCALE", "1")),
        help="factor applied to Step Functions Retry waits, >= 0 "
        "(default 1 = real waits; env EMULATOR_RETRY_WAIT_SCALE)",
    )
    parser.add_argument(
        "--ignore-stdin",
        action="store_true",
        default=env.get("EMULATOR_IGNORE_STDIN", "").lower() == "true",
        help="keep running when stdin closes (env EMULATOR_IGNORE_STDIN=true)",
    )
    parser.add_argument(
        "--log-level",
        default=env.get("EMULATOR_LOG_LEVEL", "WARNING"),
        help="stderr log level; INFO shows every request (env EMULATOR_LOG_LEVEL)",
    )
    args = parser.parse_args(argv)
    if args.retry_wait_scale < 0:
        parser.error("--retry-wait-scale must be >= 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        stream=sys.stderr,
        level=args.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    # werkzeug gives its request log level INFO unless told otherwise.
    logging.getLogger("werkzeug").setLevel(args.log_level.upper())
    # Loopback traffic (moto calling itself, moto calling the Lambda host) must never go
    # through a proxy configured for the outside world.
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = ",".join(
        filter(None, [os.environ.get("NO_PROXY", ""), "localhost", "127.0.0.1", "::1"])
    )

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    if not args.ignore_stdin:
        threading.Thread(
            target=_wait_for_stdin_eof, args=(stop,), name="stdin-watch", daemon=True
        ).start()

    # moto is imported once the environment above is in place (some of its settings are read at
    # import), and not at all for --help or a usage error.
    import moto_patches
    from moto.server import ThreadedMotoServer

    moto_patches.apply(
        moto_patches.PatchSettings(
            lambda_host_url=args.lambda_host_url, retry_wait_scale=args.retry_wait_scale
        )
    )

    server = ThreadedMotoServer(ip_address=args.host, port=args.port, verbose=False)
    server.start()
    _, port = server.get_host_and_port()
    # moto's own calls back into its server (moto.settings.moto_server_port, default 5000) go to
    # http://localhost:$MOTO_PORT; it reads the variable on every call, so setting it before the
    # first request is enough. (The Step Functions interpreter's calls are answered in process by
    # stepfunctions_patches and need no port.)
    os.environ["MOTO_PORT"] = str(port)
    endpoint = f"http://{_url_host(args.host)}:{port}"
    _enable_state_machine_execution(endpoint)

    print(json.dumps({"endpoint": endpoint, "port": port, "pid": os.getpid()}), flush=True)
    # The ready line is the only stdout line a parent ever reads; moto's own occasional print()s
    # (an unknown service's host name, for one) go to stderr with the logs.
    sys.stdout = sys.stderr
    LOG.info(
        "emulator ready at %s (lambda host %s, retry wait scale %s)",
        endpoint,
        args.lambda_host_url,
        args.retry_wait_scale,
    )
    while not stop.wait(timeout=0.25):
        pass
    LOG.info("stopping emulator at %s", endpoint)
    server.stop()
    return 0


def _url_host(bind_host: str) -> str:
    if bind_host in ("", "0.0.0.0"):
        return "127.0.0.1"
    if bind_host == "::":
        return "[::1]"
    return f"[{bind_host}]" if ":" in bind_host else bind_host


def _enable_state_machine_execution(endpoint: str) -> None:
    # Without this moto only records executions and never runs a definition. moto keeps state
    # machines created before and after the switch in two different backends, so it is set
    # before the ready line, that is before any state machine can exist.
    request = urllib.request.Request(
        f"{endpoint}/moto-api/config",
        data=json.dumps({"stepfunctions": {"execute_state_machine": True}}).encode("utf-8"),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status not in (200, 201):
            raise RuntimeError(f"moto refused its config: HTTP {response.status}")


def _wait_for_stdin_eof(stop: threading.Event) -> None:
    # Reads the raw descriptor: a daemon thread blocked inside sys.stdin's buffered reader would
    # hold its lock and abort the interpreter's shutdown after a signal.
    try:
        while os.read(0, 4096):
            pass
    except OSError:
        pass
    stop.set()


if __name__ == "__main__":
    sys.exit(main())

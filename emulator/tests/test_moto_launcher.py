"""The launcher's contract with the process that starts it: ready line, free port, clean stop."""

from __future__ import annotations

import signal
import socket

import moto_launcher
import pytest
from support import EmulatorProcess


def _accepts_connections(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_ready_line_when_started_twice_should_report_distinct_free_loopback_ports(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN the shared emulator is already running
    # WHEN a second one starts
    second = EmulatorProcess()
    try:
        # THEN each ready line names its own loopback endpoint, port and process
        for process in (emulator, second):
            assert set(process.ready) == {"endpoint", "port", "pid"}
            assert isinstance(process.ready["port"], int) and process.ready["port"] > 0
            assert process.ready["endpoint"] == f"http://127.0.0.1:{process.ready['port']}"
            assert process.ready["pid"] == process.process.pid
        assert second.ready["port"] != emulator.ready["port"]
        # AND the endpoint serves the AWS APIs
        queue_url = second.client("sqs").create_queue(QueueName="ready-check")["QueueUrl"]
        assert queue_url.endswith("/123456789012/ready-check")
    finally:
        second.close_stdin_and_wait()


def test_launcher_when_stdin_closes_should_exit_zero_print_nothing_more_and_free_its_port() -> None:
    # GIVEN a running emulator
    process = EmulatorProcess()
    port = process.ready["port"]
    assert _accepts_connections(port)

    # WHEN its parent closes stdin (as it does when it exits or dies)
    exit_code = process.close_stdin_and_wait()

    # THEN it stops cleanly, its ready line was the only stdout line, and the port is free
    assert exit_code == 0, process.stderr()
    assert process.process.stdout.read() == ""
    assert not _accepts_connections(port)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_launcher_when_signalled_should_exit_zero(signum: signal.Signals) -> None:
    # GIVEN a running emulator
    process = EmulatorProcess()

    # WHEN it receives the signal
    process.process.send_signal(signum)

    # THEN it exits cleanly within the bound, without waiting for stdin to close
    try:
        assert process.process.wait(timeout=20) == 0, process.stderr()
    finally:
        process.kill()


def test_parse_args_without_flags_or_env_should_use_loopback_free_port_and_real_retry_waits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN no EMULATOR_* variable
    for name in (
        "EMULATOR_HOST",
        "EMULATOR_PORT",
        "EMULATOR_LAMBDA_HOST_URL",
        "EMULATOR_RETRY_WAIT_SCALE",
        "EMULATOR_IGNORE_STDIN",
        "EMULATOR_LOG_LEVEL",
    ):
        monkeypatch.delenv(name, raising=False)

    # WHEN the command line is empty
    args = moto_launcher.parse_args([])

    # THEN the defaults apply
    assert (
        args.host,
        args.port,
        args.lambda_host_url,
        args.retry_wait_scale,
        args.ignore_stdin,
    ) == ("127.0.0.1", 0, None, 1.0, False)


def test_parse_args_with_env_and_flags_should_prefer_flags(monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN settings in the environment
    monkeypatch.setenv("EMULATOR_LAMBDA_HOST_URL", "http://127.0.0.1:1111")
    monkeypatch.setenv("EMULATOR_RETRY_WAIT_SCALE", "0.5")
    monkeypatch.setenv("EMULATOR_IGNORE_STDIN", "true")

    # WHEN one of them is also given as a flag
    args = moto_launcher.parse_args(["--retry-wait-scale", "0.25"])

    # THEN the flag wins and the others come from the environment
    assert (args.lambda_host_url, args.retry_wait_scale, args.ignore_stdin) == (
        "http://127.0.0.1:1111",
        0.25,
        True,
    )


def test_parse_args_with_negative_retry_wait_scale_should_be_refused() -> None:
    # GIVEN / WHEN / THEN a negative scale is a usage error
    with pytest.raises(SystemExit) as refused:
        moto_launcher.parse_args(["--retry-wait-scale", "-1"])
    assert refused.value.code == 2

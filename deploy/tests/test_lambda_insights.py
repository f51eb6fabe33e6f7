"""The pinned fetch of the Lambda Insights extension: checksum rules, download failures and the
extraction of the package's /opt tree (on RPMs built by rpm_builder, served from loopback)."""

from __future__ import annotations

import hashlib
import http.server
import os
import socket
import stat
import threading
from pathlib import Path

import pytest
from rpm_builder import Member, rpm_bytes

AGENT = b"#!/bin/sh\necho agent\n"
EXTENSION_PACKAGE = [
    Member("./opt/extensions/cloudwatch_lambda_agent", AGENT, 0o100755),
    Member("./opt/cloudwatch/cloudwatch_lambda_agent.toml", b"[agent]\n"),
    Member("./usr/share/doc/lambda-insights/README", b"not for the image\n"),
]


def write_rpm(path: Path, members: list[Member]) -> Path:
    path.write_bytes(rpm_bytes(members))
    return path


@pytest.fixture
def served_file(tmp_path: Path):
    """Serves one file over HTTP on loopback; yields a function that returns its URL."""
    served: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            body = served.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def serve(name: str, body: bytes) -> str:
        served[f"/{name}"] = body
        return f"http://127.0.0.1:{server.server_address[1]}/{name}"

    yield serve
    server.shutdown()
    server.server_close()


def unreachable_lock(tmp_path: Path, sha256: str) -> Path:
    """A lock file whose URL is a closed loopback port, pinning `sha256` (empty: none)."""
    lock_file = tmp_path / "lambda-insights.lock"
    lock_file.write_text(
        f"VERSION=1\nURL=http://127.0.0.1:{closed_loopback_port()}/x.rpm\nSHA256={sha256}\n"
    )
    return lock_file


def closed_loopback_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lock(url: str, sha256: str = "") -> dict[str, str]:
    return {"VERSION": "1.0.0.0-test", "URL": url, "SHA256": sha256}


def test_extract_rpm_when_package_has_the_extension_should_write_its_opt_tree_only(
    insights, tmp_path
):
    # GIVEN
    rpm = write_rpm(tmp_path / "insights.rpm", EXTENSION_PACKAGE)
    out = tmp_path / "lambda-insights"
    # WHEN
    written = insights.extract_rpm(rpm, out)
    # THEN
    assert written == [
        "opt/cloudwatch/cloudwatch_lambda_agent.toml",
        "opt/extensions/cloudwatch_lambda_agent",
    ]
    agent = out / "opt/extensions/cloudwatch_lambda_agent"
    assert agent.read_bytes() == AGENT
    assert stat.S_IMODE(agent.stat().st_mode) == 0o755
    assert (
        stat.S_IMODE((out / "opt/cloudwatch/cloudwatch_lambda_agent.toml").stat().st_mode) == 0o644
    )
    assert not (out / "usr").exists()


def test_extract_rpm_when_run_twice_should_replace_the_previous_tree(insights, tmp_path):
    # GIVEN
    out = tmp_path / "lambda-insights"
    (out / "opt/extensions").mkdir(parents=True)
    (out / "opt/extensions/left-over").write_text("old")
    rpm = write_rpm(tmp_path / "insights.rpm", EXTENSION_PACKAGE)
    # WHEN
    insights.extract_rpm(rpm, out)
    # THEN
    assert sorted(p.name for p in (out / "opt/extensions").iterdir()) == ["cloudwatch_lambda_agent"]


def test_extract_rpm_when_a_member_climbs_out_should_refuse_and_write_nothing(insights, tmp_path):
    # GIVEN
    rpm = write_rpm(
        tmp_path / "evil.rpm", [Member("./opt/../../etc/passwd", b"x"), *EXTENSION_PACKAGE]
    )
    out = tmp_path / "lambda-insights"
    # WHEN
    with pytest.raises(insights.InsightsError, match="unsafe path"):
        insights.extract_rpm(rpm, out)
    # THEN
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["evil.rpm"]


def test_extract_rpm_when_package_has_no_extension_should_refuse(insights, tmp_path):
    # GIVEN
    rpm = write_rpm(tmp_path / "other.rpm", [Member("./opt/cloudwatch/only-config.toml", b"x")])
    # WHEN / THEN
    with pytest.raises(insights.InsightsError, match="nothing under /opt/extensions/"):
        insights.extract_rpm(rpm, tmp_path / "out")


def test_extract_rpm_when_extension_is_not_executable_should_refuse(insights, tmp_path):
    # GIVEN
    rpm = write_rpm(tmp_path / "noexec.rpm", [Member("./opt/extensions/agent", AGENT, 0o100644)])
    # WHEN / THEN
    with pytest.raises(insights.InsightsError, match="not executable"):
        insights.extract_rpm(rpm, tmp_path / "out")


def test_extract_rpm_when_file_is_not_an_rpm_should_say_so(insights, tmp_path):
    # GIVEN
    junk = tmp_path / "page.rpm"
    junk.write_text("<Error><Code>PermanentRedirect</Code></Error>")
    # WHEN / THEN
    with pytest.raises(insights.InsightsError, match="not a readable RPM"):
        insights.extract_rpm(junk, tmp_path / "out")


@pytest.mark.parametrize(
    ("pinned", "given", "message"),
    [
        ("", None, "no SHA-256 to check"),
        ("", "abc", "LAMBDA_INSIGHTS_SHA256 is not 64 hexadecimal digits"),
        ("a" * 64, "b" * 64, "differs from the SHA-256 pinned"),
        ("A" * 63, None, "lambda-insights.lock is not 64 hexadecimal digits"),
    ],
)
def test_expected_sha256_when_checksum_missing_or_inconsistent_should_refuse(
    insights, pinned, given, message
):
    # WHEN / THEN
    with pytest.raises(insights.InsightsError, match=message):
        insights.expected_sha256(pinned, given)


@pytest.mark.parametrize(
    ("pinned", "given"), [("a" * 64, None), ("", "A" * 64), ("a" * 64, "a" * 64)]
)
def test_expected_sha256_when_one_checksum_is_known_should_use_it(insights, pinned, given):
    # WHEN / THEN
    assert insights.expected_sha256(pinned, given) == "a" * 64


def test_fetch_when_download_matches_the_checksum_should_extract_it(
    insights, tmp_path, served_file
):
    # GIVEN
    body = rpm_bytes(EXTENSION_PACKAGE)
    url = served_file("insights.rpm", body)
    # WHEN
    written = insights.fetch(tmp_path / "out", hashlib.sha256(body).hexdigest(), lock(url))
    # THEN
    assert "opt/extensions/cloudwatch_lambda_agent" in written
    assert os.access(tmp_path / "out/opt/extensions/cloudwatch_lambda_agent", os.X_OK)


def test_fetch_when_download_differs_from_the_pinned_checksum_should_refuse_it(
    insights, tmp_path, served_file
):
    # GIVEN
    body = rpm_bytes(EXTENSION_PACKAGE)
    url = served_file("insights.rpm", body)
    # WHEN
    with pytest.raises(insights.InsightsError) as refused:
        insights.fetch(tmp_path / "out", None, lock(url, sha256="0" * 64))
    # THEN
    assert f"SHA-256 of the downloaded extension is {hashlib.sha256(body).hexdigest()}" in str(
        refused.value
    )
    assert not (tmp_path / "out").exists()


def test_fetch_when_the_bucket_is_unreachable_should_fail_clearly_with_exit_code_2(
    insights, tmp_path, capsys
):
    # GIVEN
    lock_file = unreachable_lock(tmp_path, sha256=f"{'a' * 64}")
    # WHEN
    code = insights.main(["fetch", "--lock", str(lock_file), "--out", str(tmp_path / "out")])
    # THEN
    assert code == 2
    assert "cannot run offline" in capsys.readouterr().err


def test_main_when_no_checksum_is_pinned_or_given_should_refuse_before_downloading(
    insights, tmp_path, capsys, monkeypatch
):
    # GIVEN
    monkeypatch.delenv("LAMBDA_INSIGHTS_SHA256", raising=False)
    lock_file = unreachable_lock(tmp_path, sha256="")
    # WHEN
    code = insights.main(["fetch", "--lock", str(lock_file), "--out", str(tmp_path / "out")])
    # THEN
    assert code == 1
    assert "LAMBDA_INSIGHTS_SHA256=<64 hex digits>" in capsys.readouterr().err


def test_read_lock_when_reading_the_project_lock_should_pin_a_versioned_arm64_package(insights):
    # WHEN
    values = insights.read_lock()
    # THEN
    assert values["URL"].startswith("https://lambda-insights-extension-arm64.")
    assert values["URL"].endswith(
        f"/amazon_linux/lambda-insights-extension-arm64.{values['VERSION']}.rpm"
    )
    assert values["SHA256"] == "" or len(values["SHA256"]) == 64

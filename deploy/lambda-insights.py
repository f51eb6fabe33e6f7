#!/usr/bin/env python3
"""Fetch, check and extract the Lambda Insights extension for the function images (ADR 0014).

Image functions take no layers, so each image carries the extension under /opt. AWS ships it for
container images as an RPM; this script downloads the release pinned in lambda-insights.lock,
refuses it unless its SHA-256 is the pinned one (or, while none is pinned, the one the operator
gives), and extracts the RPM's /opt tree into the directory Jib adds to the image
(deploy/build/lambda-insights/opt, the parent pom's lambda.insights.directory).

    lambda-insights.py fetch [--sha256 HEX] [--out DIR]   # what `make images` runs
    lambda-insights.py extract RPM --out DIR             # extraction alone (tests, a local copy)

Exit codes: 0 done; 1 wrong input (bad or missing checksum, not an RPM, unsafe paths);
2 the download failed (no network: this step cannot run offline).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOCK_FILE = HERE / "lambda-insights.lock"
DEFAULT_OUT = HERE / "build" / "lambda-insights"
DOWNLOAD_TIMEOUT_SECONDS = 60
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")
# What the image needs from the package: the agent and its configuration (the agent panics at
# init without /opt/cloudwatch), nothing outside /opt.
REQUIRED_MEMBERS = ("opt/extensions/",)


class InsightsError(Exception):
    """A refusal with the message the operator sees."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


def read_lock(path: Path = LOCK_FILE) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise InsightsError(f"{path}: not KEY=VALUE: {line!r}")
        values[key.strip()] = value.strip()
    for key in ("VERSION", "URL", "SHA256"):
        if key not in values:
            raise InsightsError(f"{path}: {key} is missing")
    return values


def expected_sha256(pinned: str, given: str | None) -> str:
    """The checksum to hold the download to: the pinned one, which a given one must equal."""
    pinned = pinned.lower()
    given = given.strip().lower() if given else ""
    for name, value in (
        ("SHA256 in lambda-insights.lock", pinned),
        ("LAMBDA_INSIGHTS_SHA256", given),
    ):
        if value and not SHA256_PATTERN.match(value):
            raise InsightsError(f"{name} is not 64 hexadecimal digits: {value!r}")
    if pinned and given and pinned != given:
        raise InsightsError(
            f"LAMBDA_INSIGHTS_SHA256 ({given}) differs from the SHA-256 pinned in "
            f"lambda-insights.lock ({pinned}); drop it or fix the lock file"
        )
    if not pinned and not given:
        raise InsightsError(
            "no SHA-256 to check the Lambda Insights extension against: lambda-insights.lock "
            "pins none yet. Give the checksum you trust as LAMBDA_INSIGHTS_SHA256=<64 hex digits> "
            "(docs/deploy.md, 'The Lambda Insights extension'), or record it in the lock file."
        )
    return pinned or given


def download(url: str, target: Path) -> None:
    try:
        with (
            urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_SECONDS) as response,
            open(target, "wb") as out,
        ):
            shutil.copyfileobj(response, out)
    except (urllib.error.URLError, OSError, ValueError) as e:
        reason = getattr(e, "reason", e)
        raise InsightsError(
            f"could not download the Lambda Insights extension from {url}: {reason}. "
            "This step needs network access to AWS's S3 bucket; it cannot run offline.",
            exit_code=2,
        ) from e


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _safe_relative(name: str) -> Path:
    """An archive member's path below the extraction root; absolute or '..' paths are refused."""
    cleaned = name[2:] if name.startswith("./") else name.lstrip("/")
    relative = Path(cleaned)
    if not cleaned or relative.is_absolute() or ".." in relative.parts:
        raise InsightsError(f"refusing archive member with an unsafe path: {name!r}")
    return relative


def extract_rpm(rpm_path: Path, out_dir: Path) -> list[str]:
    """Extract the RPM's /opt tree into out_dir (out_dir/opt/...); returns the files written."""
    try:
        import rpmfile  # pinned in tools/requirements.txt
    except ImportError as e:  # pragma: no cover - the project venv has it
        raise InsightsError("the rpmfile package is missing: run `make venv`") from e

    staging = Path(tempfile.mkdtemp(prefix="lambda-insights-", dir=out_dir.parent))
    written: list[str] = []
    try:
        try:
            archive = rpmfile.open(str(rpm_path))
        except Exception as e:  # rpmfile raises bare assertion/struct errors on junk input
            raise InsightsError(f"{rpm_path} is not a readable RPM: {e}") from e
        with archive:
            try:
                members = archive.getmembers()
            except Exception as e:  # a damaged or truncated payload
                raise InsightsError(f"{rpm_path} has an unreadable payload: {e}") from e
            for member in members:
                relative = _safe_relative(member.name)
                if relative.parts[0] != "opt":
                    continue
                if member.issymlink:
                    raise InsightsError(f"refusing symbolic link in the package: {member.name}")
                target = staging / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.extractfile(member) as source, open(target, "wb") as sink:
                    shutil.copyfileobj(source, sink)
                os.chmod(target, member.mode & 0o755 or 0o644)
                written.append(relative.as_posix())
        for required in REQUIRED_MEMBERS:
            if not any(name.startswith(required) for name in written):
                raise InsightsError(f"{rpm_path} has nothing under /{required}: not the extension")
        for name in written:
            if name.startswith("opt/extensions/") and not os.access(staging / name, os.X_OK):
                raise InsightsError(f"/{name} is not executable in the package")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        staging.rename(out_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return sorted(written)


def fetch(out_dir: Path, given_sha256: str | None, lock: dict[str, str]) -> list[str]:
    expected = expected_sha256(lock["SHA256"], given_sha256)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lambda-insights-download-") as tmp:
        rpm_path = Path(tmp) / f"lambda-insights-extension-arm64.{lock['VERSION']}.rpm"
        print(f"lambda-insights: fetching {lock['URL']}", file=sys.stderr)
        download(lock["URL"], rpm_path)
        actual = sha256_of(rpm_path)
        if actual != expected:
            raise InsightsError(
                f"SHA-256 of the downloaded extension is {actual}, expected {expected}: refusing it"
            )
        return extract_rpm(rpm_path, out_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    fetch_cmd = sub.add_parser("fetch", help="download, check and extract the pinned release")
    fetch_cmd.add_argument("--sha256", default=os.environ.get("LAMBDA_INSIGHTS_SHA256"))
    fetch_cmd.add_argument("--out", type=Path, default=DEFAULT_OUT)
    fetch_cmd.add_argument("--lock", type=Path, default=LOCK_FILE)
    extract_cmd = sub.add_parser("extract", help="extract the /opt tree of a local RPM")
    extract_cmd.add_argument("rpm", type=Path)
    extract_cmd.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        if args.command == "fetch":
            lock = read_lock(args.lock)
            files = fetch(args.out, args.sha256, lock)
            version = lock["VERSION"]
        else:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            files = extract_rpm(args.rpm, args.out)
            version = "local package"
    except InsightsError as e:
        print(f"lambda-insights: error: {e}", file=sys.stderr)
        return e.exit_code
    print(
        f"lambda-insights: {version} extracted to {args.out}: {', '.join(files)}", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

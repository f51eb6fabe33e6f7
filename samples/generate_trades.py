#!/usr/bin/env python3
"""Writes COUNT run-local input lines to stdout: the sample events of trades.jsonl, repeated.

Each repetition renames the trade ids (suffix -r<N>), so every repetition records new trades
while the sample's duplicate and replay still duplicate and replay within it. Every other line
(the malformed one, those EventBridge refuses, ids of another form) is copied unchanged, and the
time placeholders such as {{now-PT2H}} are copied too: run-local resolves them when it reads the
file, so a generated file shows the same outcomes on any day it is run. Used to measure
`make run-local` on large inputs without committing large files:

    python3 samples/generate_trades.py 1000 > target/trades-1000.jsonl
    make run-local INPUT=target/trades-1000.jsonl
"""

import json
import pathlib
import sys

ID_FIELDS = ("tradeId", "ExecID", "confirmationRef")


def renamed(line: str, repetition: int) -> str:
    try:
        entry = json.loads(line)
    except ValueError:
        return line  # the malformed sample line stays malformed
    if not isinstance(entry, dict):
        return line
    detail = entry.get("Detail")
    as_text = isinstance(detail, str)
    if as_text:
        detail = json.loads(detail)
    ids = [
        field
        for field in ID_FIELDS
        if isinstance(detail, dict) and isinstance(detail.get(field), str)
    ]
    if not ids:
        return line
    for field in ids:
        detail[field] = f"{detail[field]}-r{repetition}"
    entry["Detail"] = json.dumps(detail, ensure_ascii=False) if as_text else detail
    return json.dumps(entry, ensure_ascii=False)


def main() -> int:
    if len(sys.argv) != 2 or not sys.argv[1].isdigit():
        print(__doc__, file=sys.stderr)
        return 2
    count = int(sys.argv[1])
    samples = [
        line
        for line in (pathlib.Path(__file__).parent / "trades.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.strip()
    ]
    for index in range(count):
        print(renamed(samples[index % len(samples)], index // len(samples)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

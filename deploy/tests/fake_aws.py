#!/usr/bin/env python3
"""A scripted stand-in for the AWS CLI, put first on PATH as `aws` by the deploy tests.

Each call is appended to $FAKE_AWS_LOG as a JSON list of its arguments. The answer comes from
the first rule of $FAKE_AWS_RULES (a JSON list) whose "args" all occur among the arguments and
whose "times" (if any) is not used up: {"args": [...], "stdout": "", "stderr": "", "exit": 0,
"times": n}. A call that no rule matches fails with exit code 99, so an unexpected command
shows up as a failure of the script under test."""

import json
import os
import sys
from pathlib import Path


def main() -> int:
    args = sys.argv[1:]
    log = Path(os.environ["FAKE_AWS_LOG"])
    with log.open("a", encoding="utf-8") as f:
        f.write(json.dumps(args) + "\n")
    rules_path = Path(os.environ["FAKE_AWS_RULES"])
    rules = json.loads(rules_path.read_text(encoding="utf-8"))
    for rule in rules:
        if rule.get("times") == 0:
            continue
        if all(token in args for token in rule["args"]):
            if "times" in rule:
                rule["times"] -= 1
                rules_path.write_text(json.dumps(rules), encoding="utf-8")
            sys.stdout.write(rule.get("stdout", ""))
            sys.stderr.write(rule.get("stderr", ""))
            return rule.get("exit", 0)
    sys.stderr.write(f"fake aws: no rule for: {' '.join(args)}\n")
    return 99


if __name__ == "__main__":
    sys.exit(main())

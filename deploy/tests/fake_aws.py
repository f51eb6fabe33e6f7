#!/usr/bin/env python3
"""A scripted stand-in for the AWS CLI, put first on PATH as `aws` by the deploy tests.

Each call is appended to $FAKE_AWS_LOG as a JSON list of its arguments. The answer comes from
the first rule of $FAKE_AWS_RULES (a JSON list) whose "args" all occur among the arguments and
whose "times" (if any) is not used up: {"args": [...], "stdout": "", "stderr": "", "exit": 0,
"times": n}. A rule may give the service's answer instead of the printed one, as "json": the
call's --query is then applied to it (JMESPath, as the CLI does) and the result printed in the
call's --output format (text or json), so that a query the script gets wrong shows. A rule
with "state": <name> keeps that answer in a file of $FAKE_AWS_STATE (across runs of a test):
with "save": {"option": <name>, "key": <key>} the call stores the JSON value of its option as
{<key>: value}; without, it answers what was stored last (its "json" until then). A call that
no rule matches fails with exit code 99, so an unexpected command shows up as a failure of the
script under test."""

import json
import os
import sys
from pathlib import Path


def option(args: list[str], name: str) -> str | None:
    return args[args.index(name) + 1] if name in args else None


def text(value) -> str:
    """The CLI's text output for the shapes the deploy scripts query: a scalar, a row, rows."""

    def cell(item) -> str:
        if isinstance(item, (dict, list)):
            raise ValueError(f"fake aws: no text form for {item!r}")
        return "None" if item is None else str(item)

    if isinstance(value, list):
        if all(isinstance(row, list) for row in value) and value:
            return "".join("\t".join(cell(item) for item in row) + "\n" for row in value)
        return "\t".join(cell(item) for item in value) + "\n"
    return cell(value) + "\n"


def printed(answer, args: list[str]) -> str:
    query = option(args, "--query")
    if query:
        import jmespath  # only here: most calls answer printed text, and every call is a new process

        result = jmespath.search(query, answer)
    else:
        result = answer
    if option(args, "--output") == "text":
        return text(result)
    return json.dumps(result, indent=4) + "\n"


def state_answer(rule: dict, args: list[str]):
    path = Path(os.environ["FAKE_AWS_STATE"]) / f"{rule['state']}.json"
    if "save" in rule:
        value = json.loads(option(args, rule["save"]["option"]))
        path.write_text(json.dumps({rule["save"]["key"]: value}), encoding="utf-8")
        return None
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else rule["json"]


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
            answer = state_answer(rule, args) if "state" in rule else rule.get("json")
            if answer is not None:
                sys.stdout.write(printed(answer, args))
            else:
                sys.stdout.write(rule.get("stdout", ""))
            sys.stderr.write(rule.get("stderr", ""))
            return rule.get("exit", 0)
    sys.stderr.write(f"fake aws: no rule for: {' '.join(args)}\n")
    return 99


if __name__ == "__main__":
    sys.exit(main())

"""Test-only fault injection: a fraction of chosen API calls answered with an AWS error.

Off unless EMULATOR_FAULTS holds a JSON document, for example

    {"seed": 7, "report": "/tmp/faults.jsonl", "rules": [
      {"service": "dynamodb", "operation": "PutItem", "rate": 0.1,
       "errors": ["ProvisionedThroughputExceededException", "InternalServerError"]},
      {"service": "ssm", "operation": "GetParameter", "rate": 0.05, "errors": ["ThrottlingException"]}]}

Each call of a listed operation fails with probability `rate`, with one of `errors` (chosen in
turn), before moto does anything, so nothing is written: the caller sees the error exactly as it
would from AWS (status code, `__type`) and its own retry policy decides what happens next.
Every injected fault is appended to `report` as one JSON line, so a test can count them.
Statuses and codes: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/CommonErrors.html
and API_PutItem.html (ProvisionedThroughputExceededException 400, ThrottlingException 400,
InternalServerError 500), https://docs.aws.amazon.com/systems-manager/latest/APIReference/CommonErrors.html
(ThrottlingException 400).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
from typing import Any

ENVIRONMENT_VARIABLE = "EMULATOR_FAULTS"

_STATUS = {"InternalServerError": 500, "ServiceUnavailable": 503, "InternalFailure": 500}


def apply(configuration: str | None = None) -> None:
    text = configuration if configuration is not None else os.environ.get(ENVIRONMENT_VARIABLE)
    if not text:
        return
    settings = json.loads(text)
    rng = random.Random(settings.get("seed", 0))
    lock = threading.Lock()
    report = settings.get("report")
    for rule in settings.get("rules", []):
        _install(rule, rng, lock, report)


def _handler_class(service: str) -> Any:
    if service == "dynamodb":
        from moto.dynamodb.responses import DynamoHandler

        return DynamoHandler
    if service == "ssm":
        from moto.ssm.responses import SimpleSystemManagerResponse

        return SimpleSystemManagerResponse
    raise ValueError(f"fault injection: unsupported service {service}")


def _install(
    rule: dict[str, Any], rng: random.Random, lock: threading.Lock, report: str | None
) -> None:
    from moto.core.exceptions import JsonRESTError

    handler = _handler_class(rule["service"])
    method_name = re.sub(r"(?<!^)(?=[A-Z])", "_", rule["operation"]).lower()
    moto_method = getattr(handler, method_name)
    rate = float(rule["rate"])
    errors = itertools.cycle(rule["errors"])

    def failing(self: Any, *args: Any, **kwargs: Any) -> Any:
        with lock:
            fail = rng.random() < rate
            error = next(errors) if fail else None
        if error is None:
            return moto_method(self, *args, **kwargs)
        if report:
            with lock, open(report, "a", encoding="utf-8") as out:
                out.write(
                    json.dumps(
                        {"service": rule["service"], "operation": rule["operation"], "error": error}
                    )
                    + "\n"
                )
        fault = JsonRESTError(error, f"injected fault: {error}")
        fault.code = _STATUS.get(error, 400)
        raise fault

    setattr(handler, method_name, failing)

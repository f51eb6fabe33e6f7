"""AWS's billing and sizing rules that turn a run's measurements into billed units.

Every rule cites the AWS page it follows; tools/tests/test_cost_rules.py checks each one on cases
worked out by hand from those pages.
"""

import base64
import json
import math
from decimal import Decimal

# --- DynamoDB item size -------------------------------------------------------------------------
# https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
# An item's size is the sum of its attribute names and values: a string is its UTF-8 bytes, a
# number about 1 byte per two significant digits plus 1, a binary its raw bytes, a null or Boolean
# 1 byte, a list or map 3 bytes plus its elements plus 1 byte per element; every name counts its
# UTF-8 bytes. One write request unit writes up to 1 KB.


def _utf8(text: str) -> int:
    return len(text.encode("utf-8"))


def number_size(text: str) -> int:
    """Bytes of a DynamoDB number: leading and trailing zeros trimmed, 1 byte per 2 digits, +1."""
    digits = Decimal(text).as_tuple().digits
    significant = "".join(str(d) for d in digits).strip("0") or "0"
    return math.ceil(len(significant) / 2) + 1


def value_size(value: dict) -> int:
    """Bytes of one typed attribute value ({"S": ...}, {"N": ...}, {"M": {...}}, ...)."""
    (kind, content), *rest = value.items()
    if rest:
        raise ValueError(f"an attribute value has one type, got {sorted(value)}")
    if kind == "S":
        return _utf8(content)
    if kind == "N":
        return number_size(content)
    if kind == "B":
        return len(base64.b64decode(content))
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "SS":
        return sum(_utf8(member) for member in content)
    if kind == "NS":
        return sum(number_size(member) for member in content)
    if kind == "BS":
        return sum(len(base64.b64decode(member)) for member in content)
    if kind == "L":
        return 3 + sum(value_size(member) + 1 for member in content)
    if kind == "M":
        return 3 + sum(_utf8(name) + value_size(member) + 1 for name, member in content.items())
    raise ValueError(f"unknown DynamoDB type {kind}")


def item_size(item: dict) -> int:
    """Bytes of an item in DynamoDB's typed JSON: each attribute's name plus its value."""
    return sum(_utf8(name) + value_size(value) for name, value in item.items())


def write_units(size_bytes: int) -> int:
    """Write request units of a standard write: 1 per KB (1,024 bytes) or part of one, at least 1.

    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/capacity-mode.html
    """
    return max(1, math.ceil(size_bytes / 1024))


def index_entry(item: dict, table_keys: list[str], index: dict) -> dict | None:
    """The entry a global secondary index holds for an item, or None when the item lacks one of the
    index's key attributes (a sparse index writes nothing for it).

    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html: an index holds the
    table's key attributes, its own keys and the projected attributes (ALL: every attribute).
    """
    index_keys = [key["AttributeName"] for key in index["KeySchema"]]
    if any(key not in item for key in index_keys):
        return None
    projection = index["Projection"]
    kind = projection["ProjectionType"]
    if kind == "ALL":
        return dict(item)
    kept = set(table_keys) | set(index_keys)
    if kind == "INCLUDE":
        kept |= set(projection.get("NonKeyAttributes", []))
    return {name: value for name, value in item.items() if name in kept}


# --- Step Functions -----------------------------------------------------------------------------
# https://aws.amazon.com/step-functions/pricing/: Standard counts a state transition each time a
# step of the workflow is executed, retries included. In an execution history every state entered
# has one *StateEntered event, and a retried task is scheduled again inside the same state.


def billed_transitions(events: list[dict]) -> int:
    """State transitions a Standard execution is billed for: states entered plus task retries."""
    entered = sum(1 for event in events if event["type"].endswith("StateEntered"))
    task_entries = sum(1 for event in events if event["type"] == "TaskStateEntered")
    scheduled = sum(1 for event in events if event["type"] == "TaskScheduled")
    return entered + max(0, scheduled - task_entries)


def retries(events: list[dict]) -> int:
    task_entries = sum(1 for event in events if event["type"] == "TaskStateEntered")
    scheduled = sum(1 for event in events if event["type"] == "TaskScheduled")
    return max(0, scheduled - task_entries)


def express_billed_ms(duration_ms: float) -> int:
    """Express duration, rounded up to the nearest 100 ms (https://aws.amazon.com/step-functions/pricing/)."""
    return max(100, math.ceil(duration_ms / 100) * 100)


def express_billed_mb(
    definition_bytes: int, largest_state_bytes: int, parallel_branches: int
) -> int:
    """Express memory billed in 64-MB chunks; the pricing page estimates the memory used as
    50 MB + definition size + execution data size x number of Parallel or Map steps."""
    used_mb = 50 + (definition_bytes + largest_state_bytes * max(1, parallel_branches)) / (
        1024 * 1024
    )
    return math.ceil(used_mb / 64) * 64


# --- Step Functions execution log ---------------------------------------------------------------
# https://docs.aws.amazon.com/step-functions/latest/dg/cloudwatch-log-level.html: ALL logs every
# history event; ERROR the failures (the event types ending in Failed, TimedOut or Aborted, and
# FailStateEntered); FATAL only the failed, timed-out or aborted execution; OFF nothing.
# https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html: with IncludeExecutionData
# false the events are logged without their input and output.

FATAL_EVENTS = {"ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted"}
LOG_LEVELS = ("ALL", "ERROR", "FATAL", "OFF")
EXECUTION_DATA_FIELDS = {"input", "output", "parameters"}


def logged(event_type: str, level: str) -> bool:
    if level == "ALL":
        return True
    if level == "ERROR":
        return event_type == "FailStateEntered" or event_type.endswith(
            ("Failed", "TimedOut", "Aborted")
        )
    if level == "FATAL":
        return event_type in FATAL_EVENTS
    if level == "OFF":
        return False
    raise ValueError(f"unknown log level {level}")


def epoch_millis(iso: str) -> int:
    from datetime import datetime

    return int(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000)


def log_record(event: dict, execution_arn: str, include_data: bool) -> str:
    """The CloudWatch Logs record Step Functions writes for a history event: its id, type, details
    (the event's *EventDetails), previous event id, timestamp (epoch millis as a string),
    execution ARN and redrive count, as in the log examples of the cw-logs page."""
    details = {}
    for name, value in event.items():
        if name.endswith("EventDetails") and isinstance(value, dict):
            details = {
                key: member
                for key, member in value.items()
                if include_data or key not in EXECUTION_DATA_FIELDS
            }
    record = {
        "id": str(event["id"]),
        "type": event["type"],
        "details": details,
        "previous_event_id": str(event.get("previousEventId", 0)),
        "event_timestamp": str(epoch_millis(event.get("timestamp", "1970-01-01T00:00:00Z"))),
        "execution_arn": execution_arn,
        "redrive_count": "0",
    }
    return json.dumps(record, separators=(",", ":"), ensure_ascii=False)


def log_bytes(events: list[dict], execution_arn: str, level: str, include_data: bool) -> int:
    """UTF-8 bytes the execution log ingests for one execution at a level and data choice."""
    return sum(
        _utf8(log_record(event, execution_arn, include_data))
        for event in events
        if logged(event["type"], level)
    )


# --- Lambda -------------------------------------------------------------------------------------
# https://aws.amazon.com/lambda/pricing/: duration is rounded up to the nearest 1 ms and billed
# per GB-second of configured memory; image functions were always billed for their INIT phase, and
# since 1 August 2025 every function is.


def lambda_gb_seconds(duration_ms: float, memory_mb: int) -> float:
    return math.ceil(duration_ms) / 1000 * memory_mb / 1024


# --- Lambda application log level ---------------------------------------------------------------
# https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html: with the
# JSON log format Lambda sends an application log line only when its "level" is at or above the
# function's ApplicationLogLevel; a line whose "level" is missing or invalid is assigned INFO. The
# Embedded Metric Format documents the functions print carry no "level", so they count as INFO.

APPLICATION_LOG_LEVELS = ("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL")


def line_level(line: bytes) -> str:
    """The level Lambda assigns to one line a function wrote."""
    try:
        record = json.loads(line)
    except ValueError:
        return "INFO"
    level = str(record.get("level", "")).upper() if isinstance(record, dict) else ""
    if level == "WARNING":
        level = "WARN"
    return level if level in APPLICATION_LOG_LEVELS else "INFO"


def kept_at(level: str, threshold: str) -> bool:
    """Whether a line of `level` reaches CloudWatch Logs at ApplicationLogLevel `threshold`."""
    return APPLICATION_LOG_LEVELS.index(level) >= APPLICATION_LOG_LEVELS.index(threshold)


# --- EventBridge --------------------------------------------------------------------------------
# https://aws.amazon.com/eventbridge/pricing/: each 64 KB chunk of a published event is billed as
# one event.


def eventbridge_events(entry_bytes: int) -> int:
    return max(1, math.ceil(entry_bytes / (64 * 1024)))

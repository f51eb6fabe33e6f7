"""Turns the raw measurements of a run (run-local --measurements DIR) into target/cost/measurements.json:
per execution, what each service was asked to do, as AWS counts it (rules.py).

    python -m cost.measure --raw target/cost/raw --templates templates --output target/cost/measurements.json
"""

import argparse
import json
import pathlib
import statistics
from collections import Counter

from cost import rules

LOG_CHOICES = [(level, data) for level in ("ALL", "ERROR", "FATAL") for data in (True, False)] + [
    ("OFF", False)
]


def _lines(path: pathlib.Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def _summary(values: list[float]) -> dict:
    if not values:
        return {"count": 0, "mean": 0.0, "p50": 0.0, "p90": 0.0, "max": 0.0}
    ordered = sorted(values)
    return {
        "count": len(values),
        "mean": round(statistics.fmean(values), 3),
        "p50": round(statistics.median(values), 3),
        "p90": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))], 3),
        "max": round(ordered[-1], 3),
    }


def _duration_ms(events: list[dict]) -> float:
    start = rules.epoch_millis(events[0]["timestamp"])
    end = rules.epoch_millis(events[-1]["timestamp"])
    return float(end - start)


def _largest_state_bytes(events: list[dict]) -> int:
    largest = 0
    for event in events:
        for name, value in event.items():
            if name.endswith("EventDetails") and isinstance(value, dict):
                for key in ("input", "output"):
                    if isinstance(value.get(key), str):
                        largest = max(largest, len(value[key].encode("utf-8")))
    return largest


def warm_from(executions: list[dict]) -> int:
    """Epoch millis from which the pipeline was warm: the end of the first execution to succeed.

    A local run starts every function's containers at once on a shared machine, where each takes
    tens of seconds to initialise; the executions started before any execution could succeed
    waited for them (some past a task's timeout). In AWS a cold start is a share of invocations
    priced on its own (assumptions.json), so those waits are not part of a warm execution's
    duration.
    """
    ends = [
        rules.epoch_millis(e["events"][-1]["timestamp"])
        for e in executions
        if e["status"] == "SUCCEEDED"
    ]
    return min(ends) if ends else 0


def step_functions(executions: list[dict], definition_bytes: int) -> dict:
    transitions = [rules.billed_transitions(e["events"]) for e in executions]
    warm_start = warm_from(executions)
    warm = [e for e in executions if rules.epoch_millis(e["events"][0]["timestamp"]) >= warm_start]
    durations = [_duration_ms(e["events"]) for e in warm]
    all_durations = [_duration_ms(e["events"]) for e in executions]
    event_bytes = [
        len(e["events"][0]["executionStartedEventDetails"]["input"].encode("utf-8"))
        for e in executions
    ]
    billed_ms = [rules.express_billed_ms(d) for d in durations]
    billed_mb = [
        rules.express_billed_mb(definition_bytes, _largest_state_bytes(e["events"]), 2)
        for e in executions
    ]
    logs = {}
    for level, data in LOG_CHOICES:
        per_execution = [
            rules.log_bytes(e["events"], e["executionArn"], level, data) for e in executions
        ]
        logs[f"{level}/{'with' if data else 'without'} data"] = round(
            statistics.fmean(per_execution), 1
        )
    return {
        "executions": len(executions),
        "statuses": dict(Counter(e["status"] for e in executions)),
        "historyEventsPerExecution": round(
            statistics.fmean(len(e["events"]) for e in executions), 2
        ),
        "billedTransitionsPerExecution": round(statistics.fmean(transitions), 3),
        "billedTransitionsHistogram": {str(k): v for k, v in sorted(Counter(transitions).items())},
        "retriesPerExecution": round(
            statistics.fmean(rules.retries(e["events"]) for e in executions), 4
        ),
        "executionDurationMs": _summary(durations),
        "executionDurationMsAll": _summary(all_durations),
        "executionsBeforeWarm": len(executions) - len(warm),
        "expressBilledMsMean": round(statistics.fmean(billed_ms), 1),
        "expressBilledMbMax": max(billed_mb),
        "definitionBytes": definition_bytes,
        "largestStateBytes": max(_largest_state_bytes(e["events"]) for e in executions),
        "eventBytes": _summary(event_bytes),
        "eventBridgeEventsPerExecution": round(
            statistics.fmean(rules.eventbridge_events(b) for b in event_bytes), 3
        ),
        "executionLogBytesPerExecution": logs,
    }


def dynamodb(items: list[dict], table: dict, executions: int, replays: int) -> dict:
    table_keys = [key["AttributeName"] for key in table["keySchema"]]
    sizes = [rules.item_size(item) for item in items]
    indexes = {}
    for index in table.get("globalSecondaryIndexes", []):
        entries = [rules.index_entry(item, table_keys, index) for item in items]
        entry_sizes = [rules.item_size(entry) for entry in entries if entry is not None]
        indexes[index["IndexName"]] = {
            "projection": index["Projection"]["ProjectionType"],
            "entries": len(entry_sizes),
            "entryBytes": _summary(entry_sizes),
            "writeUnitsPerExecution": round(
                sum(rules.write_units(s) for s in entry_sizes) / executions, 4
            ),
            # The same index projecting keys only: what a narrower projection would write.
            "writeUnitsPerExecutionKeysOnly": round(
                sum(
                    rules.write_units(rules.item_size(entry))
                    for entry in (
                        rules.index_entry(
                            item,
                            table_keys,
                            {**index, "Projection": {"ProjectionType": "KEYS_ONLY"}},
                        )
                        for item in items
                    )
                    if entry is not None
                )
                / executions,
                4,
            ),
        }
    table_units = sum(rules.write_units(s) for s in sizes)
    # A replay's conditional PutItem fails on the existing record; it is counted at that record's
    # size, as the write that was attempted.
    mean_units = table_units / len(sizes) if sizes else 0
    return {
        "itemsWritten": len(items),
        "replayedWrites": replays,
        "itemBytes": _summary(sizes),
        "tableWriteUnitsPerExecution": round((table_units + replays * mean_units) / executions, 4),
        "replicatedBytesPerExecution": round(sum(sizes) / executions, 1),
        "indexes": indexes,
    }


def lambda_functions(invocations: list[dict], function_logs: dict, executions: int) -> dict:
    functions = {}
    for name in sorted({i["function"] for i in invocations}):
        mine = [i for i in invocations if i["function"] == name]
        warm = [i["durationMs"] for i in mine if i["initMs"] is None]
        cold = [i for i in mine if i["initMs"] is not None]
        log = function_logs.get(name, {"bytes": 0, "lines": 0})
        functions[name] = {
            "memoryMb": mine[0]["memoryMb"],
            "invocations": len(mine),
            "invocationsPerExecution": round(len(mine) / executions, 4),
            "outcomes": dict(Counter(i["outcome"] for i in mine)),
            "warmDurationMs": _summary(warm),
            "warmGbSecondsMean": round(
                statistics.fmean(rules.lambda_gb_seconds(d, mine[0]["memoryMb"]) for d in warm)
                if warm
                else 0.0,
                6,
            ),
            # The typical warm invocation: the mean of this run is pulled up by invocations that
            # waited for a core (docs/cost.md, "What was measured").
            "warmGbSecondsMedian": round(
                rules.lambda_gb_seconds(statistics.median(warm), mine[0]["memoryMb"])
                if warm
                else 0.0,
                6,
            ),
            "coldStarts": len(cold),
            "initMs": _summary([i["initMs"] for i in cold]),
            "firstInvocationMs": _summary([i["durationMs"] for i in cold]),
            "logBytesPerInvocation": round(log["bytes"] / len(mine), 1),
            "logBytesPerInvocationByLevel": {
                level: round(kept / len(mine), 1)
                for level, kept in log.get("bytesByLevel", {}).items()
            },
            "logLinesPerInvocation": round(log["lines"] / len(mine), 2),
        }
    return functions


def function_log_levels(logs: pathlib.Path, function_logs: dict) -> dict:
    """Adds to each function's log figures the bytes Lambda would send to CloudWatch Logs at each
    ApplicationLogLevel, from the lines its containers wrote at INFO (rules.kept_at)."""
    for function, figures in function_logs.items():
        by_level = dict.fromkeys(rules.APPLICATION_LOG_LEVELS, 0)
        for path in sorted(logs.glob(f"{function}-*.log")):
            if not path.name[len(function) + 1 : -len(".log")].isdigit():
                continue
            for line in path.read_bytes().splitlines(keepends=True):
                level = rules.line_level(line)
                for threshold in by_level:
                    if rules.kept_at(level, threshold):
                        by_level[threshold] += len(line)
        figures["bytesByLevel"] = by_level
    return function_logs


def measure(raw: pathlib.Path, logs: pathlib.Path | None = None) -> dict:
    run = json.loads((raw / "run.json").read_text(encoding="utf-8"))
    if logs is not None:
        function_log_levels(logs, run["functionLogs"])
    executions = _lines(raw / "executions.jsonl")
    if not executions:
        raise SystemExit(f"{raw}: no executions were measured")
    items = _lines(raw / "items.jsonl")
    invocations = _lines(raw / "invocations.jsonl")
    replays = len(executions) - len(items) if len(executions) > len(items) else 0
    return {
        "measuredAt": run["measuredAt"],
        "stateMachineType": run["stateMachine"]["type"],
        "outcomes": run["outcomes"],
        "deadLetterQueueDepths": run["deadLetterQueueDepths"],
        "stepFunctions": step_functions(executions, run["stateMachine"]["definitionBytes"]),
        "dynamodb": dynamodb(items, run["table"], len(executions), replays),
        "lambda": lambda_functions(invocations, run["functionLogs"], len(executions)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--raw", type=pathlib.Path, required=True)
    parser.add_argument("--output", type=pathlib.Path, required=True)
    parser.add_argument(
        "--input", default="", help="the run's input file, recorded with the figures"
    )
    parser.add_argument(
        "--logs",
        type=pathlib.Path,
        help="the run's container logs (<function>-<n>.log), to price each function log level",
    )
    args = parser.parse_args()
    measurements = measure(args.raw, args.logs)
    measurements["input"] = args.input
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(measurements, indent=2) + "\n", encoding="utf-8")
    print(f"measurements: {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

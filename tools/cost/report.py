"""Prices a run's measurements (measure.py) and regenerates docs/cost.md from tools/cost/cost.md.in.

    python -m cost.report --measurements target/cost/measurements.json --prices cost/prices-us-east-1.json \\
        --assumptions cost/assumptions.json --template cost/cost.md.in --output ../docs/cost.md
"""

import argparse
import json
import pathlib

from cost.measure import LOG_CHOICES

MILLION = 1_000_000
TYPES = ("STANDARD", "EXPRESS")


def _function_key(name: str) -> str:
    """lambda-validator-local -> validator."""
    return name.split("-")[1]


FUNCTION_LOG_LEVELS = ("DEBUG", "INFO", "WARN", "ERROR")
DEFAULT_FUNCTION_LOG_LEVEL = "INFO"


def _cold_path_seconds(fns: dict, assumptions: dict) -> float:
    """Cold-start seconds on one execution's path: the validator and the enricher run in parallel,
    then the recorder."""
    seconds = assumptions["coldStartSeconds"]["value"]
    return max(seconds.get("validator", 0.0), seconds.get("enricher", 0.0)) + seconds.get(
        "recorder", 0.0
    )


def function_log_bytes(f: dict, level: str) -> float:
    """Bytes a function sends to CloudWatch Logs per invocation at an ApplicationLogLevel."""
    return f.get("logBytesPerInvocationByLevel", {}).get(level, f["logBytesPerInvocation"])


def lines_per_million(
    m: dict,
    prices: dict,
    assumptions: dict,
    workflow: str,
    log_choice: str,
    function_level: str = DEFAULT_FUNCTION_LOG_LEVEL,
) -> list[dict]:
    """The cost lines of a million trades (executions) for a workflow type, an execution-log choice
    and a function log level."""
    p = {name: entry["price"] for name, entry in prices["prices"].items()}
    sfn, ddb, fns = m["stepFunctions"], m["dynamodb"], m["lambda"]
    lines = []

    def add(item, quantity, unit, price, note=""):
        lines.append(
            {
                "item": item,
                "quantity": quantity,
                "unit": unit,
                "cost": quantity * price,
                "note": note,
            }
        )

    if workflow == "STANDARD":
        add(
            "Step Functions Standard state transitions",
            sfn["billedTransitionsPerExecution"] * MILLION,
            "transitions",
            p["stepFunctionsStandardTransition"],
        )
    else:
        add(
            "Step Functions Express requests", MILLION, "requests", p["stepFunctionsExpressRequest"]
        )
        # Warm executions at their billed mean, and the cold starts' share of executions waiting
        # for their path's cold starts.
        billed_ms = (
            sfn["expressBilledMsMean"]
            + assumptions["coldStartShare"]["value"] * _cold_path_seconds(fns, assumptions) * 1000
        )
        gb_seconds = billed_ms / 1000 * sfn["expressBilledMbMax"] / 1024 * MILLION
        add(
            "Step Functions Express duration",
            gb_seconds,
            "GB-s",
            p["stepFunctionsExpressGbSecond"],
            f"{billed_ms:.0f} ms billed on average x {sfn['expressBilledMbMax']} MB",
        )
    requests = sum(f["invocationsPerExecution"] for f in fns.values()) * MILLION
    add("Lambda requests", requests, "requests", p["lambdaRequest"])
    warm = (
        sum(
            f["invocationsPerExecution"] * f.get("warmGbSecondsMedian", f["warmGbSecondsMean"])
            for f in fns.values()
        )
        * MILLION
    )
    add("Lambda duration, warm", warm, "GB-s", p["lambdaArmGbSecond"])
    share = assumptions["coldStartShare"]["value"]
    cold = (
        sum(
            f["invocationsPerExecution"]
            * share
            * assumptions["coldStartSeconds"]["value"][_function_key(name)]
            * f["memoryMb"]
            / 1024
            for name, f in fns.items()
        )
        * MILLION
    )
    add(
        "Lambda cold starts (INIT and first invocation)",
        cold,
        "GB-s",
        p["lambdaArmGbSecond"],
        f"{share:.0%} of invocations",
    )
    index_units = sum(i["writeUnitsPerExecution"] for i in ddb["indexes"].values())
    add(
        "DynamoDB writes, table",
        ddb["tableWriteUnitsPerExecution"] * MILLION,
        "WRU",
        p["dynamodbWriteRequestUnit"],
    )
    add("DynamoDB writes, indexes", index_units * MILLION, "WRU", p["dynamodbWriteRequestUnit"])
    replicas = assumptions["replicaRegions"]["value"]
    add(
        "DynamoDB replicated writes, table (eu-west-1)",
        ddb["tableWriteUnitsPerExecution"] * replicas * MILLION,
        "rWRU",
        p["dynamodbReplicatedWriteRequestUnit"],
    )
    add(
        "DynamoDB writes, replica's indexes (eu-west-1)",
        index_units * replicas * MILLION,
        "WRU",
        p["dynamodbWriteRequestUnit"],
    )
    add(
        "Replication transfer to eu-west-1",
        ddb["replicatedBytesPerExecution"] * replicas * MILLION / 1e9,
        "GB",
        p["interRegionTransferGb"],
    )
    add(
        "EventBridge custom events",
        sfn["eventBridgeEventsPerExecution"] * MILLION,
        "events",
        p["eventBridgeCustomEvent"],
    )
    add(
        "EventBridge archive",
        sfn["eventBytes"]["mean"] * MILLION / 1e9,
        "GB",
        p["eventBridgeArchiveGb"],
    )
    function_log = sum(
        function_log_bytes(f, function_level) * f["invocationsPerExecution"] for f in fns.values()
    )
    add(
        f"Function logs ({function_level})",
        function_log * MILLION / 1e9,
        "GB",
        p["cloudWatchLogsIngestedGb"],
    )
    add(
        f"Execution log ({log_choice})",
        sfn["executionLogBytesPerExecution"][log_choice] * MILLION / 1e9,
        "GB",
        p["cloudWatchLogsIngestedGb"],
    )
    dead_letters = sum(m["deadLetterQueueDepths"].values()) / sfn["executions"]
    add("SQS dead-letter messages", dead_letters * MILLION, "requests", p["sqsRequest"])
    return lines


def total(lines: list[dict]) -> float:
    return sum(line["cost"] for line in lines)


def _money(value: float) -> str:
    return f"${value:,.2f}"


def _quantity(value: float, unit: str) -> str:
    if value >= 1000:
        return f"{value:,.0f} {unit}"
    return f"{value:,.2f} {unit}"


def render(m: dict, prices: dict, assumptions: dict, template: str, command: str) -> str:
    sfn, ddb = m["stepFunctions"], m["dynamodb"]
    default_log = "ALL/with data"
    standard = lines_per_million(m, prices, assumptions, "STANDARD", default_log)
    express = lines_per_million(m, prices, assumptions, "EXPRESS", default_log)
    rows = [
        "| item | Standard: quantity | Standard | Express: quantity | Express |",
        "|---|---|---|---|---|",
    ]
    items = list(
        dict.fromkeys([line["item"] for line in standard] + [line["item"] for line in express])
    )
    by_item = {
        (t, line["item"]): line for t, lines in (("S", standard), ("E", express)) for line in lines
    }
    for item in items:
        cells = [item]
        for t in ("S", "E"):
            line = by_item.get((t, item))
            cells += (
                [_quantity(line["quantity"], line["unit"]), _money(line["cost"])]
                if line
                else ["", ""]
            )
        rows.append("| " + " | ".join(cells) + " |")
    rows.append(
        f"| **total per million trades** | | **{_money(total(standard))}** | | **{_money(total(express))}** |"
    )

    levels = [
        "| execution log (`StateMachineLogLevel` / `StateMachineLogExecutionData`) | bytes per trade |"
        " log per million trades | Standard total | Express total |",
        "|---|---|---|---|---|",
    ]
    for level, data in LOG_CHOICES:
        choice = f"{level}/{'with' if data else 'without'} data"
        log_line = [
            line
            for line in lines_per_million(m, prices, assumptions, "EXPRESS", choice)
            if line["item"].startswith("Execution log")
        ][0]
        parameters = (
            f"`{level}` / `{'true' if data else 'false'}`" if level != "OFF" else "`OFF` / either"
        )
        levels.append(
            f"| {parameters} | {sfn['executionLogBytesPerExecution'][choice]:,.0f} | {_money(log_line['cost'])} | "
            f"{_money(total(lines_per_million(m, prices, assumptions, 'STANDARD', choice)))} | "
            f"{_money(total(lines_per_million(m, prices, assumptions, 'EXPRESS', choice)))} |"
        )

    fns = [
        "| function | invocations per trade | warm duration mean / p50 / p90, ms | cold starts in the run, init ms (mean)"
        " | log bytes per invocation |",
        "|---|---|---|---|---|",
    ]
    for name, f in m["lambda"].items():
        w = f["warmDurationMs"]
        fns.append(
            f"| {_function_key(name)} | {f['invocationsPerExecution']:.2f} | {w['mean']:.1f} / {w['p50']:.1f} /"
            f" {w['p90']:.1f} | {f['coldStarts']}, {f['initMs']['mean']:,.0f} | {f['logBytesPerInvocation']:,.0f} |"
        )

    indexes = [
        "| written to | entries per trade | entry bytes mean / max | WRU per trade | WRU per trade if keys only |",
        "|---|---|---|---|---|",
        f"| table | {ddb['itemsWritten'] / sfn['executions']:.3f} (+ {ddb['replayedWrites']} replayed writes) |"
        f" {ddb['itemBytes']['mean']:,.0f} / {ddb['itemBytes']['max']:,} | {ddb['tableWriteUnitsPerExecution']:.3f} | |",
    ]
    for name, i in ddb["indexes"].items():
        indexes.append(
            f"| index `{name}` ({i['projection']}) | {i['entries'] / sfn['executions']:.3f} |"
            f" {i['entryBytes']['mean']:,.0f} / {i['entryBytes']['max']:,} | {i['writeUnitsPerExecution']:.3f} |"
            f" {i['writeUnitsPerExecutionKeysOnly']:.3f} |"
        )

    price_rows = ["| price | figure | unit | source | confirmed |", "|---|---|---|---|---|"]
    for name, entry in prices["prices"].items():
        price_rows.append(
            f"| `{name}` | {entry['price']:g} | {entry['unit']} | {entry['source']} | {entry['confirmed']} |"
        )

    cheap_log = "ERROR/without data"
    function_levels = [
        "| `FunctionLogLevel` | bytes per trade | function logs per million trades | Standard total"
        " (execution log `ALL` with data) | Express total (execution log `ERROR` without data) |",
        "|---|---|---|---|---|",
    ]
    for level in FUNCTION_LOG_LEVELS:
        per_trade = sum(
            function_log_bytes(f, level) * f["invocationsPerExecution"]
            for f in m["lambda"].values()
        )
        express_lines = lines_per_million(m, prices, assumptions, "EXPRESS", cheap_log, level)
        log_cost = [line for line in express_lines if line["item"].startswith("Function logs")][0]
        function_levels.append(
            f"| `{level}`{' (default)' if level == DEFAULT_FUNCTION_LOG_LEVEL else ''} |"
            f" {per_trade:,.0f} | {_money(log_cost['cost'])} |"
            f" {_money(total(lines_per_million(m, prices, assumptions, 'STANDARD', default_log, level)))} |"
            f" {_money(total(express_lines))} |"
        )
    express_info = total(lines_per_million(m, prices, assumptions, "EXPRESS", cheap_log, "INFO"))
    express_warn = total(lines_per_million(m, prices, assumptions, "EXPRESS", cheap_log, "WARN"))
    standard_cheap = total(lines_per_million(m, prices, assumptions, "STANDARD", cheap_log, "WARN"))
    fns_all = m["lambda"].values()
    warm_mean = (
        sum(f["invocationsPerExecution"] * f["warmGbSecondsMean"] for f in fns_all)
        * MILLION
        * prices["prices"]["lambdaArmGbSecond"]["price"]
    )
    cheapest_express = min(
        (
            total(
                lines_per_million(
                    m, prices, assumptions, "EXPRESS", f"{lv}/{'with' if d else 'without'} data"
                )
            ),
            f"{lv}/{'with' if d else 'without'} data",
        )
        for lv, d in LOG_CHOICES
    )
    values = {
        "COMMAND": command,
        "MEASURED_AT": m["measuredAt"],
        "PRICES_READ_ON": prices["readOn"],
        "INPUT": m.get("input", ""),
        "EXECUTIONS": str(sfn["executions"]),
        "OUTCOMES": ", ".join(
            f"{count} {status.lower()}" for status, count in sorted(m["outcomes"].items())
        ),
        "TRANSITIONS": f"{sfn['billedTransitionsPerExecution']:g}",
        "HISTORY_EVENTS": f"{sfn['historyEventsPerExecution']:g}",
        "RETRIES": f"{sfn['retriesPerExecution']:g}",
        "EXECUTION_MS": f"{sfn['executionDurationMs']['mean']:,.0f} / {sfn['executionDurationMs']['p50']:,.0f} / "
        f"{sfn['executionDurationMs']['p90']:,.0f}",
        "EXPRESS_MS": f"{sfn['expressBilledMsMean']:,.0f}",
        "EXPRESS_MB": str(sfn["expressBilledMbMax"]),
        "EVENT_BYTES": f"{sfn['eventBytes']['mean']:,.0f}",
        "LARGEST_STATE": f"{sfn['largestStateBytes']:,}",
        "PER_MILLION_TABLE": "\n".join(rows),
        "LOG_LEVEL_TABLE": "\n".join(levels),
        "FUNCTION_TABLE": "\n".join(fns),
        "DYNAMODB_TABLE": "\n".join(indexes),
        "PRICE_TABLE": "\n".join(price_rows),
        "STANDARD_TOTAL": _money(total(standard)),
        "EXPRESS_TOTAL": _money(total(express)),
        "EXPRESS_CHEAPEST": f"{_money(cheapest_express[0])} ({cheapest_express[1]})",
        "COLD_SHARE": f"{assumptions['coldStartShare']['value']:.0%}",
        "FUNCTION_LOG_LEVEL_TABLE": "\n".join(function_levels),
        "EXPRESS_INFO": _money(express_info),
        "EXPRESS_WARN": _money(express_warn),
        "WITHIN_TEN": "within the $10 target"
        if round(express_warn, 2) <= 10
        else "over the $10 target",
        "STANDARD_CHEAPEST": _money(standard_cheap),
        "EXECUTION_MS_ALL": f"{sfn['executionDurationMsAll']['mean']:,.0f} / "
        f"{sfn['executionDurationMsAll']['p50']:,.0f} / {sfn['executionDurationMsAll']['max']:,.0f}",
        "BEFORE_WARM": str(sfn["executionsBeforeWarm"]),
        "COLD_PATH_MS": f"{_cold_path_seconds(m['lambda'], assumptions) * 1000:,.0f}",
        "WARM_AT_MEAN": _money(warm_mean),
    }
    text = template
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    if "{{" in text:
        raise ValueError(
            "the template has a placeholder the report does not fill: "
            + text[text.index("{{") :][:40]
        )
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measurements", type=pathlib.Path, required=True)
    parser.add_argument("--prices", type=pathlib.Path, required=True)
    parser.add_argument("--assumptions", type=pathlib.Path, required=True)
    parser.add_argument("--template", type=pathlib.Path, required=True)
    parser.add_argument("--output", type=pathlib.Path, required=True)
    parser.add_argument("--command", default="make cost")
    args = parser.parse_args()
    measurements = json.loads(args.measurements.read_text(encoding="utf-8"))
    prices = json.loads(args.prices.read_text(encoding="utf-8"))
    assumptions = json.loads(args.assumptions.read_text(encoding="utf-8"))
    text = render(
        measurements, prices, assumptions, args.template.read_text(encoding="utf-8"), args.command
    )
    args.output.write_text(text, encoding="utf-8")
    for workflow in TYPES:
        for level, data in LOG_CHOICES:
            choice = f"{level}/{'with' if data else 'without'} data"
            print(
                f"{workflow:8} {choice:20} {_money(total(lines_per_million(measurements, prices, assumptions, workflow, choice))):>10} per million trades"
            )
    print(f"regenerated {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

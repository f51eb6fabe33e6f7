"""Capacity at market open: what the default deployment sustains, which limit throttles first, and
what a burst does, from the quotas (quotas-us-east-1.json), the templates' reserved concurrency
and retry policies, and the durations `make cost` measured.

    python -m capacity.model --quotas capacity/quotas-us-east-1.json --templates ../templates \\
        --measurements ../target/cost/measurements.json --template capacity/capacity.md.in \\
        --output ../docs/capacity.md
"""

import argparse
import json
import math
import pathlib

FUNCTIONS = ("validator", "enricher", "recorder")
THROTTLE_ERROR = "Lambda.TooManyRequestsException"
STORE_ERROR = "com.tradeprocessing.recorder.TradeStoreUnavailableException"


# --- inputs -------------------------------------------------------------------------------------


def reserved_concurrency(templates: pathlib.Path) -> dict:
    root = json.loads((templates / "root.json").read_text(encoding="utf-8"))
    return {
        name: int(root["Parameters"][f"{name.capitalize()}ReservedConcurrency"]["Default"])
        for name in FUNCTIONS
    }


def throttle_retries(templates: pathlib.Path) -> dict:
    """Each task's Retry rule for Lambda's throttling error: attempts, interval, rate, cap."""
    orchestration = json.loads((templates / "orchestration.json").read_text(encoding="utf-8"))
    definition = orchestration["Resources"]["TradeStateMachine"]["Properties"]["Definition"]
    states = {}

    def walk(scope):
        for name, state in scope["States"].items():
            states[name] = state
            for branch in state.get("Branches", []):
                walk(branch)

    walk(definition)
    retries = {}
    for function, task in (
        ("validator", "Validate"),
        ("enricher", "Enrich"),
        ("recorder", "Record"),
    ):
        rule = next(r for r in states[task]["Retry"] if THROTTLE_ERROR in r["ErrorEquals"])
        retries[function] = {
            "maxAttempts": rule["MaxAttempts"],
            "interval": rule["IntervalSeconds"],
            "rate": rule["BackoffRate"],
            "maxDelay": rule.get("MaxDelaySeconds", math.inf),
            "jitter": rule.get("JitterStrategy", "NONE"),
        }
    return retries


def store_retry(templates: pathlib.Path) -> dict:
    """The Record task's Retry rule for a throttled table write (the recorder's
    TradeStoreUnavailableException), in the shape of throttle_retries' rules."""
    orchestration = json.loads((templates / "orchestration.json").read_text(encoding="utf-8"))
    definition = orchestration["Resources"]["TradeStateMachine"]["Properties"]["Definition"]
    record = definition["States"]["Record"]
    rule = next(r for r in record["Retry"] if STORE_ERROR in r["ErrorEquals"])
    return {
        "maxAttempts": rule["MaxAttempts"],
        "interval": rule["IntervalSeconds"],
        "rate": rule["BackoffRate"],
        "maxDelay": rule.get("MaxDelaySeconds", math.inf),
        "jitter": rule.get("JitterStrategy", "NONE"),
    }


def workload(measurements: pathlib.Path | None, fallback: pathlib.Path) -> dict:
    """Durations (s) per function, transitions per execution and WRU per trade per written target."""
    if measurements is not None and measurements.is_file():
        m = json.loads(measurements.read_text(encoding="utf-8"))
        durations = {
            name.split("-")[1]: f["warmDurationMs"]["mean"] / 1000
            for name, f in m["lambda"].items()
        }
        writes = {"table": m["dynamodb"]["tableWriteUnitsPerExecution"]}
        writes |= {
            name: i["writeUnitsPerExecution"] for name, i in m["dynamodb"]["indexes"].items()
        }
        return {
            "source": f"make cost measurements of {m['measuredAt']} (warm mean durations)",
            "durations": durations,
            "transitions": m["stepFunctions"]["billedTransitionsPerExecution"],
            "writes": writes,
        }
    f = json.loads(fallback.read_text(encoding="utf-8"))
    return {
        "source": f["source"] + " (no make cost measurements found)",
        "durations": {name: ms / 1000 for name, ms in f["durationMs"].items()},
        "transitions": f["transitionsPerExecution"],
        "writes": f["writeUnitsPerTrade"],
    }


# --- sustainable rates --------------------------------------------------------------------------


def limits(q: dict, concurrency: dict, w: dict, workflow: str, publisher_batch: int) -> list[dict]:
    """Every limit as the trades per second it allows when sustained, lowest first."""
    v = {name: entry["value"] for name, entry in q["quotas"].items()}
    rows = []
    for function in FUNCTIONS:
        rows.append(
            {
                "limit": f"{function} reserved concurrency ({concurrency[function]}) / {w['durations'][function] * 1000:.1f} ms",
                "parameter": f"{function.capitalize()}ReservedConcurrency (root.json)",
                "tradesPerSecond": concurrency[function] / w["durations"][function],
            }
        )
    if workflow == "STANDARD":
        rows.append(
            {
                "limit": "Step Functions StartExecution refill, Standard",
                "parameter": "Service Quotas",
                "tradesPerSecond": v["stepFunctionsStandardStartExecutionRefill"],
            }
        )
        rows.append(
            {
                "limit": f"Step Functions state transitions refill / {w['transitions']:g} per trade",
                "parameter": "Service Quotas",
                "tradesPerSecond": v["stepFunctionsStandardStateTransitionRefill"]
                / w["transitions"],
            }
        )
    else:
        rows.append(
            {
                "limit": "Step Functions StartExecution refill, Express",
                "parameter": "Service Quotas",
                "tradesPerSecond": v["stepFunctionsExpressStartExecutionRefill"],
            }
        )
    rows.append(
        {
            "limit": f"EventBridge PutEvents ({publisher_batch} entries a request)",
            "parameter": "Service Quotas",
            "tradesPerSecond": v["eventBridgePutEvents"] * publisher_batch,
        }
    )
    rows.append(
        {
            "limit": "EventBridge target invocations",
            "parameter": "Service Quotas",
            "tradesPerSecond": v["eventBridgeInvocations"],
        }
    )
    for target, units in w["writes"].items():
        if units <= 0:
            continue
        rows.append(
            {
                "limit": f"DynamoDB on-demand initial writes, {target} ({units:.2f} WRU a trade)",
                "parameter": "pre-warm (warm throughput) or traffic history",
                "tradesPerSecond": v["dynamodbOnDemandInitialWrites"] / units,
            }
        )
    return sorted(rows, key=lambda row: row["tradesPerSecond"])


# --- the burst ----------------------------------------------------------------------------------


def backoff_mean(retry: dict, retry_number: int) -> float:
    """Mean wait before retry n (1-based): interval x rate^(n-1), capped; FULL jitter halves it on
    average (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html)."""
    delay = min(retry["maxDelay"], retry["interval"] * retry["rate"] ** (retry_number - 1))
    return delay / 2 if retry["jitter"] == "FULL" else delay


def throttled_stage(arrivals: list[float], capacity: float, retry: dict, dt: float) -> dict:
    """A fluid model of one Lambda task under throttling: each step, the attempts due (new trades
    and retries) share `capacity` invocations per step; the rest are throttled and retried after
    the mean back-off until MaxAttempts, then caught (the stage's dead-letter queue)."""
    steps = len(arrivals)
    due = [[0.0] * (retry["maxAttempts"] + 1) for _ in range(steps + 1000)]
    done = [0.0] * (steps + 1000)
    dead = 0.0
    waited = 0.0
    for t in range(len(due)):
        if t < steps:
            due[t][1] += arrivals[t]
        attempts = sum(due[t])
        if attempts <= 0:
            continue
        served = min(1.0, capacity / attempts)
        done[t] = attempts * served
        for attempt in range(1, retry["maxAttempts"] + 1):
            failed = due[t][attempt] * (1 - served)
            if failed <= 0:
                continue
            if attempt == retry["maxAttempts"]:
                dead += failed
            else:
                wait = backoff_mean(retry, attempt)
                later = t + max(1, round(wait / dt))
                if later < len(due):
                    due[later][attempt + 1] += failed
                    waited += failed * wait
    return {"out": done, "deadLetters": dead, "retryWaitSeconds": waited}


def burst(
    q: dict,
    concurrency: dict,
    w: dict,
    retries: dict,
    workflow: str,
    rate: float,
    seconds: int,
    dt: float = 0.1,
    store: dict | None = None,
) -> dict:
    """What a burst of `rate` trades/s for `seconds` does. `store`: the Record task's retry of a
    throttled table write (store_retry); when given, the recorder's writes are also capped by the
    table's initial on-demand write rate, a write throttled after every retry ending in the
    recorder's dead-letter queue like a throttled invocation."""
    v = {name: entry["value"] for name, entry in q["quotas"].items()}
    steps = int(seconds / dt)
    total = rate * seconds
    result = {"workflow": workflow, "rate": rate, "seconds": seconds, "trades": total}
    if workflow == "STANDARD":
        # StartExecution is a token bucket; EventBridge retries what it throttles (24 h, 185
        # attempts, exponential back-off), which is modelled as a backlog drained at the refill.
        bucket = v["stepFunctionsStandardStartExecutionBucket"]
        refill = v["stepFunctionsStandardStartExecutionRefill"]
        tokens, backlog, started, t, peak = bucket, 0.0, [], 0, 0.0
        while t < steps or backlog > 1e-6:
            tokens = min(bucket, tokens + refill * dt)
            demand = backlog + (rate * dt if t < steps else 0.0)
            go = min(tokens, demand)
            tokens -= go
            backlog = demand - go
            peak = max(peak, backlog)
            started.append(go)
            t += 1
        drain_seconds = t * dt
        result |= {
            "startedPerSecond": refill,
            "peakBacklog": peak,
            "lastStartSeconds": drain_seconds,
            "lastStartDelaySeconds": drain_seconds - seconds,
            "withinRetryWindow": drain_seconds - seconds < v["eventBridgeRetryHours"] * 3600,
        }
        arrivals = started
    else:
        result |= {
            "startedPerSecond": min(rate, v["stepFunctionsExpressStartExecutionRefill"]),
            "peakBacklog": 0.0,
            "lastStartDelaySeconds": 0.0,
            "withinRetryWindow": True,
        }
        arrivals = [rate * dt] * steps
    stages = {}
    for function in ("validator", "enricher"):
        capacity = concurrency[function] / w["durations"][function] * dt
        stages[function] = throttled_stage(arrivals, capacity, retries[function], dt)
    # The Parallel state ends when both branches have; the recorder sees the slower branch's flow.
    recorded_in = [
        min(a, b)
        for a, b in zip(stages["validator"]["out"], stages["enricher"]["out"], strict=True)
    ]
    stages["recorder"] = throttled_stage(
        recorded_in,
        concurrency["recorder"] / w["durations"]["recorder"] * dt,
        retries["recorder"],
        dt,
    )
    table_limit = min(
        (v["dynamodbOnDemandInitialWrites"] / units for units in w["writes"].values() if units > 0),
        default=math.inf,
    )
    written = stages["recorder"]["out"]
    table_dead = 0.0
    if store is not None and math.isfinite(table_limit):
        table = throttled_stage(written, table_limit * dt, store, dt)
        written, table_dead = table["out"], table["deadLetters"]
        stages["recorder"]["retryWaitSeconds"] += table["retryWaitSeconds"]
    result["deadLetters"] = {name: stage["deadLetters"] for name, stage in stages.items()}
    result["deadLetters"]["recorder"] += table_dead
    result["tableThrottledDeadLetters"] = table_dead
    result["recorded"] = sum(written)
    result["meanRetryWaitSeconds"] = sum(s["retryWaitSeconds"] for s in stages.values()) / total
    return result


# --- report -------------------------------------------------------------------------------------


def _rate(value: float) -> str:
    return "unbounded" if math.isinf(value) else f"{value:,.0f}"


def express_reading(b: dict) -> str:
    """What the Express burst table says, in words: which stages could not keep up."""
    overflowing = [name for name, count in b["deadLetters"].items() if count >= 1]
    if not overflowing:
        return (
            "Express starts every execution at once, so nothing waits in EventBridge, and with these "
            "durations, reserved concurrencies and the table's initial write rate every stage keeps "
            "up: no trade stays throttled after its last attempt."
        )
    causes = [
        f"the {name}'s reserved concurrency"
        for name in overflowing
        if b["deadLetters"][name] - (b["tableThrottledDeadLetters"] if name == "recorder" else 0)
        >= 1
    ]
    if b["tableThrottledDeadLetters"] >= 1:
        causes.append("the table's initial on-demand write rate")
    return (
        "Express starts every execution at once, so nothing waits in EventBridge: "
        + " and ".join(causes)
        + " cannot take a five-minute overload that the state machine's few retries (seconds) "
        "cannot absorb; the trades that stay throttled after the last attempt end in the "
        + ", ".join(overflowing)
        + " dead-letter "
        + ("queue" if len(overflowing) == 1 else "queues")
        + ", from which they must be redriven."
    )


def render(
    q,
    concurrency,
    w,
    retries,
    template: str,
    publisher_batch: int,
    burst_rate: float,
    burst_seconds: int,
    store: dict | None = None,
) -> str:
    values = {"QUOTAS_READ_ON": q["readOn"], "WORKLOAD_SOURCE": w["source"]}
    for workflow in ("STANDARD", "EXPRESS"):
        rows = ["| limit | trades/s sustained | raise with |", "|---|---|---|"]
        for row in limits(q, concurrency, w, workflow, publisher_batch):
            rows.append(
                f"| {row['limit']} | {_rate(row['tradesPerSecond'])} | {row['parameter']} |"
            )
        values[f"{workflow}_LIMITS"] = "\n".join(rows)
        first = limits(q, concurrency, w, workflow, publisher_batch)[0]
        values[f"{workflow}_FIRST"] = (
            f"{first['limit']}: {_rate(first['tradesPerSecond'])} trades/s"
        )
        b = burst(q, concurrency, w, retries, workflow, burst_rate, burst_seconds, store=store)
        if workflow == "EXPRESS":
            values["EXPRESS_BURST_READING"] = express_reading(b)
        values[f"{workflow}_BURST"] = "\n".join(
            [
                "| figure | value |",
                "|---|---|",
                f"| trades published | {b['trades']:,.0f} ({burst_rate:,.0f}/s for {burst_seconds} s) |",
                f"| executions started per second at most | {b['startedPerSecond']:,.0f} |",
                f"| peak backlog held by EventBridge's retries | {b['peakBacklog']:,.0f} events |",
                f"| last execution starts after the burst ends | {b['lastStartDelaySeconds'] / 60:,.1f} min |",
                f"| within EventBridge's retry window (24 h, 185 attempts) | {'yes' if b['withinRetryWindow'] else 'no'} |",
                f"| recorded | {b['recorded']:,.0f} |",
                *[
                    f"| to the {name} dead-letter queue (throttled after every retry) | {count:,.0f} |"
                    for name, count in b["deadLetters"].items()
                ],
                f"| of them, table writes throttled after every retry (recorder) | {b['tableThrottledDeadLetters']:,.0f} |",
                f"| mean wait in Step Functions retries per trade | {b['meanRetryWaitSeconds']:.2f} s |",
            ]
        )
    values["CONCURRENCY"] = ", ".join(f"{name} {concurrency[name]}" for name in FUNCTIONS)
    values["DURATIONS"] = ", ".join(
        f"{name} {w['durations'][name] * 1000:.1f} ms" for name in FUNCTIONS
    )
    values["RETRIES"] = "; ".join(
        f"{name}: {r['maxAttempts']} attempts, {r['interval']} s x {r['rate']:g} up to {r['maxDelay']:g} s, {r['jitter']} jitter"
        for name, r in retries.items()
    )
    quota_rows = ["| quota | value | unit | source | confirmed |", "|---|---|---|---|---|"]
    for name, entry in q["quotas"].items():
        quota_rows.append(
            f"| `{name}` | {entry['value']:,} | {entry['unit']} | {entry['source']} | {entry['confirmed']} |"
        )
    values["QUOTA_TABLE"] = "\n".join(quota_rows)
    text = template
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    if "{{" in text:
        raise ValueError("unfilled placeholder: " + text[text.index("{{") :][:40])
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quotas", type=pathlib.Path, required=True)
    parser.add_argument("--templates", type=pathlib.Path, required=True)
    parser.add_argument("--measurements", type=pathlib.Path)
    parser.add_argument(
        "--fallback", type=pathlib.Path, default=pathlib.Path("capacity/durations-fallback.json")
    )
    parser.add_argument("--template", type=pathlib.Path, required=True)
    parser.add_argument("--output", type=pathlib.Path, required=True)
    parser.add_argument("--publisher-batch", type=int, default=10)
    parser.add_argument("--burst-rate", type=float, default=2000)
    parser.add_argument("--burst-seconds", type=int, default=300)
    args = parser.parse_args()
    q = json.loads(args.quotas.read_text(encoding="utf-8"))
    concurrency = reserved_concurrency(args.templates)
    retries = throttle_retries(args.templates)
    store = store_retry(args.templates)
    w = workload(args.measurements, args.fallback)
    text = render(
        q,
        concurrency,
        w,
        retries,
        args.template.read_text(encoding="utf-8"),
        args.publisher_batch,
        args.burst_rate,
        args.burst_seconds,
        store,
    )
    args.output.write_text(text, encoding="utf-8")
    for workflow in ("STANDARD", "EXPRESS"):
        first = limits(q, concurrency, w, workflow, args.publisher_batch)[0]
        b = burst(
            q, concurrency, w, retries, workflow, args.burst_rate, args.burst_seconds, store=store
        )
        print(
            f"{workflow}: sustains {_rate(first['tradesPerSecond'])} trades/s, first limit: {first['limit']}; "
            f"burst: backlog {b['peakBacklog']:,.0f}, last start +{b['lastStartDelaySeconds'] / 60:.1f} min, "
            f"dead letters {', '.join(f'{k} {v:,.0f}' for k, v in b['deadLetters'].items())}"
        )
    print(f"regenerated {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

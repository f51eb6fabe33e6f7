"""The capacity model of tools/capacity: limits, the token bucket with EventBridge's retries, the
state machine's retries under Lambda throttling, and the inputs read from the templates."""

import json
import pathlib

import pytest
from capacity import model

ROOT = pathlib.Path(__file__).parents[2]
QUOTAS = json.loads((ROOT / "tools" / "capacity" / "quotas-us-east-1.json").read_text())
WORKLOAD = {
    "source": "test",
    "durations": {"validator": 0.010, "enricher": 0.020, "recorder": 0.050},
    "transitions": 6,
    "writes": {"table": 2.0, "by-status-date": 2.0},
}
CONCURRENCY = {"validator": 50, "enricher": 50, "recorder": 50}
RETRY = {"maxAttempts": 3, "interval": 1, "rate": 2.0, "maxDelay": 8, "jitter": "FULL"}
RETRIES = {name: RETRY for name in model.FUNCTIONS}


def test_every_quota_hasASourceAndHowItWasConfirmed():
    for name, quota in QUOTAS["quotas"].items():
        assert quota["source"].startswith("https://"), name
        assert quota["confirmed"], name
        assert quota["value"] > 0, name


def test_inputs_fromTheTemplates_shouldBeTheDefaultsAndTheThrottleRetries():
    concurrency = model.reserved_concurrency(ROOT / "templates")
    retries = model.throttle_retries(ROOT / "templates")
    root = json.loads((ROOT / "templates" / "root.json").read_text())
    assert concurrency["recorder"] == int(
        root["Parameters"]["RecorderReservedConcurrency"]["Default"]
    )
    assert set(retries) == set(model.FUNCTIONS)
    assert all(r["maxAttempts"] >= 1 for r in retries.values())


def test_limits_standard_shouldPutTheLowestFirst():
    rows = model.limits(QUOTAS, CONCURRENCY, WORKLOAD, "STANDARD", 10)
    assert (
        rows[0]["tradesPerSecond"]
        == QUOTAS["quotas"]["stepFunctionsStandardStartExecutionRefill"]["value"]
    )
    assert [r["tradesPerSecond"] for r in rows] == sorted(r["tradesPerSecond"] for r in rows)


def test_limits_express_recorderConcurrencyOverDuration():
    rows = model.limits(QUOTAS, CONCURRENCY, WORKLOAD, "EXPRESS", 10)
    assert rows[0]["limit"].startswith("recorder")
    assert rows[0]["tradesPerSecond"] == pytest.approx(50 / 0.050)


def test_limits_quotaRaised_shouldMoveTheFirstLimit():
    raised = json.loads(json.dumps(QUOTAS))
    raised["quotas"]["stepFunctionsStandardStartExecutionRefill"]["value"] = 100_000
    rows = model.limits(raised, CONCURRENCY, WORKLOAD, "STANDARD", 10)
    assert "StartExecution" not in rows[0]["limit"]


def test_backoff_mean_fullJitterHalvesTheCappedDelay():
    assert [model.backoff_mean(RETRY, n) for n in (1, 2, 3, 4, 5)] == [0.5, 1.0, 2.0, 4.0, 4.0]
    assert model.backoff_mean({**RETRY, "jitter": "NONE"}, 2) == 2.0


def test_throttled_stage_underCapacity_shouldLoseNothing():
    stage = model.throttled_stage([10.0] * 100, 20.0, RETRY, 0.1)
    assert stage["deadLetters"] == 0
    assert sum(stage["out"]) == pytest.approx(1000.0)


def test_throttled_stage_sustainedOverload_shouldDeadLetterWhatRetriesCannotAbsorb():
    stage = model.throttled_stage([30.0] * 3000, 10.0, RETRY, 0.1)
    assert sum(stage["out"]) + stage["deadLetters"] == pytest.approx(90_000.0)
    # Capacity is 100 a second for 300 s: at most about 30,000 served, the rest dead-lettered.
    assert sum(stage["out"]) == pytest.approx(30_000.0, rel=0.05)
    assert stage["deadLetters"] > 55_000


def test_burst_standard_shouldQueueInEventBridgeAndLoseNothingAtTheRecorder():
    result = model.burst(
        QUOTAS, {**CONCURRENCY, "recorder": 500}, WORKLOAD, RETRIES, "STANDARD", 2000, 300
    )
    refill = QUOTAS["quotas"]["stepFunctionsStandardStartExecutionRefill"]["value"]
    bucket = QUOTAS["quotas"]["stepFunctionsStandardStartExecutionBucket"]["value"]
    assert result["peakBacklog"] == pytest.approx(600_000 - bucket - refill * 300, rel=0.01)
    assert result["lastStartDelaySeconds"] == pytest.approx(
        result["peakBacklog"] / refill, rel=0.01
    )
    assert result["withinRetryWindow"]
    assert sum(result["deadLetters"].values()) == pytest.approx(0, abs=1)


def test_burst_express_shouldStartEverythingAndDeadLetterTheRecorderOverflow():
    result = model.burst(QUOTAS, CONCURRENCY, WORKLOAD, RETRIES, "EXPRESS", 2000, 300)
    assert result["peakBacklog"] == 0
    assert result["recorded"] == pytest.approx(1000 * 300, rel=0.05)  # 50 / 50 ms
    assert result["deadLetters"]["recorder"] == pytest.approx(
        600_000 - result["recorded"], rel=0.01
    )


STORE = {"maxAttempts": 5, "interval": 2, "rate": 2.0, "maxDelay": 30, "jitter": "FULL"}


def test_store_retry_fromTheTemplates_shouldBeTheRecordTasksRetryOfAThrottledWrite():
    assert model.store_retry(ROOT / "templates") == STORE


def test_burst_express_tableBelowTheBurstRate_shouldDeadLetterTheWritesTheRetriesCannotAbsorb():
    # GIVEN functions that keep up and a table taking 4,000 / 2.5 = 1,600 trades/s
    workload = {**WORKLOAD, "writes": {"table": 2.5}}
    concurrency = {name: 1000 for name in model.FUNCTIONS}
    # WHEN
    result = model.burst(QUOTAS, concurrency, workload, RETRIES, "EXPRESS", 2000, 300, store=STORE)
    # THEN the writes the retries cannot absorb end in the recorder's dead-letter queue
    assert result["deadLetters"]["validator"] == pytest.approx(0, abs=1)
    assert result["deadLetters"]["enricher"] == pytest.approx(0, abs=1)
    assert result["tableThrottledDeadLetters"] > 1000
    assert result["deadLetters"]["recorder"] == pytest.approx(result["tableThrottledDeadLetters"])
    assert result["recorded"] + result["deadLetters"]["recorder"] == pytest.approx(
        600_000, rel=0.01
    )
    assert result["recorded"] < 1600 * 300 * 1.1


def test_burst_express_tableAboveTheBurstRate_shouldWriteEverything():
    concurrency = {name: 1000 for name in model.FUNCTIONS}
    result = model.burst(QUOTAS, concurrency, WORKLOAD, RETRIES, "EXPRESS", 1000, 300, store=STORE)
    assert result["tableThrottledDeadLetters"] == pytest.approx(0, abs=1)
    assert result["recorded"] == pytest.approx(300_000, rel=0.01)


def test_express_reading_nothingDeadLettered_shouldSayEveryStageKeepsUp():
    reading = model.express_reading(
        {
            "deadLetters": {"validator": 0, "enricher": 0, "recorder": 0},
            "tableThrottledDeadLetters": 0,
        }
    )
    assert "every stage keeps up" in reading


def test_express_reading_tableThrottled_shouldNameTheTableAndTheRecordersQueue():
    reading = model.express_reading(
        {
            "deadLetters": {"validator": 0, "enricher": 0, "recorder": 5000},
            "tableThrottledDeadLetters": 5000,
        }
    )
    assert "the table's initial on-demand write rate" in reading
    assert "reserved concurrency" not in reading
    assert "recorder dead-letter queue," in reading

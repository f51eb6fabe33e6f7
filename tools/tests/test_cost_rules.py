"""The billing and sizing rules of tools/cost, each on a case worked out by hand from its AWS page."""

import json
import pathlib

import pytest
from cost import report, rules

HAPPY_PATH = [
    "ExecutionStarted", "PassStateEntered", "PassStateExited", "ParallelStateEntered",
    "ParallelStateStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskStateEntered",
    "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "TaskSucceeded",
    "TaskStateExited", "ParallelStateSucceeded", "ParallelStateExited", "TaskStateEntered",
    "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "SucceedStateEntered",
    "SucceedStateExited", "ExecutionSucceeded",
]  # fmt: skip


def events(types):
    return [
        {"id": n, "type": t, "previousEventId": n - 1, "timestamp": "2026-12-06T08:00:00.000Z"}
        for n, t in enumerate(types, 1)
    ]


@pytest.mark.parametrize(
    ("item", "size"),
    [
        ({"id": {"S": "abc"}}, 2 + 3),
        ({"name": {"S": "é"}}, 4 + 2),  # UTF-8 bytes, not characters
        ({"n": {"N": "123.45"}}, 1 + 3 + 1),  # 5 significant digits: 3 bytes, + 1
        ({"n": {"N": "100"}}, 1 + 1 + 1),  # trailing zeros trimmed
        ({"n": {"N": "0.001"}}, 1 + 1 + 1),  # leading zeros trimmed
        ({"b": {"B": "AAEC"}}, 1 + 3),  # raw bytes of the base64 value
        ({"f": {"BOOL": False}, "z": {"NULL": True}}, 1 + 1 + 1 + 1),
        ({"m": {"M": {"a": {"S": "x"}}}}, 1 + 3 + (1 + 1 + 1)),  # map: 3 + name + value + 1 each
        ({"l": {"L": [{"S": "ab"}, {"BOOL": True}]}}, 1 + 3 + (2 + 1) + (1 + 1)),
        ({"e": {"M": {}}}, 1 + 3),
        ({"s": {"SS": ["ab", "c"]}}, 1 + 3),
    ],
)
def test_item_size_followsDynamoDbRules(item, size):
    assert rules.item_size(item) == size


@pytest.mark.parametrize(
    ("size", "units"), [(0, 1), (1, 1), (1024, 1), (1025, 2), (2048, 2), (3000, 3)]
)
def test_write_units_onePerKilobyteRoundedUp(size, units):
    assert rules.write_units(size) == units


INDEX = {
    "IndexName": "by-status-date",
    "KeySchema": [{"AttributeName": "statusDate"}, {"AttributeName": "recordedAt"}],
    "Projection": {"ProjectionType": "ALL"},
}
ITEM = {
    "tradeId": {"S": "TRD-1"},
    "statusDate": {"S": "ACCEPTED#2026-12-06"},
    "recordedAt": {"S": "2026-12-06T08:00:00Z"},
    "payload": {"S": "x" * 2000},
}


def test_index_entry_itemWithoutIndexKey_shouldWriteNothing():
    item = {name: value for name, value in ITEM.items() if name != "statusDate"}
    assert rules.index_entry(item, ["tradeId"], INDEX) is None


def test_index_entry_projections_shouldKeepWhatTheyProject():
    keys_only = {**INDEX, "Projection": {"ProjectionType": "KEYS_ONLY"}}
    include = {
        **INDEX,
        "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["payload"]},
    }
    assert rules.index_entry(ITEM, ["tradeId"], INDEX) == ITEM
    assert set(rules.index_entry(ITEM, ["tradeId"], keys_only)) == {
        "tradeId",
        "statusDate",
        "recordedAt",
    }
    assert rules.index_entry(ITEM, ["tradeId"], include) == ITEM
    assert rules.write_units(rules.item_size(rules.index_entry(ITEM, ["tradeId"], keys_only))) == 1


def test_billed_transitions_happyPath_shouldBeSixStatesEntered():
    assert rules.billed_transitions(events(HAPPY_PATH)) == 6


def test_billed_transitions_retriedTask_shouldCountTheRetry():
    retried = HAPPY_PATH[:7] + ["TaskFailed", "TaskScheduled", "TaskStarted"] + HAPPY_PATH[7:]
    assert rules.billed_transitions(events(retried)) == 7
    assert rules.retries(events(retried)) == 1


@pytest.mark.parametrize(
    ("ms", "billed"), [(1, 100), (100, 100), (100.5, 200), (101, 200), (1850, 1900)]
)
def test_express_billed_ms_roundsUpToHundredMilliseconds(ms, billed):
    assert rules.express_billed_ms(ms) == billed


def test_express_billed_mb_in64MbChunks():
    assert rules.express_billed_mb(5_383, 2_077, 2) == 64
    assert rules.express_billed_mb(5_383, 8 * 1024 * 1024, 2) == 128  # 50 MB + 16 MB of state


@pytest.mark.parametrize(
    ("event_type", "all_", "error", "fatal", "off"),
    [
        ("TaskSucceeded", True, False, False, False),
        ("TaskFailed", True, True, False, False),
        ("FailStateEntered", True, True, False, False),
        ("TaskTimedOut", True, True, False, False),
        ("ExecutionFailed", True, True, True, False),
        ("ExecutionTimedOut", True, True, True, False),
        ("ExecutionAborted", True, True, True, False),
        ("ExecutionSucceeded", True, False, False, False),
    ],
)
def test_logged_levels(event_type, all_, error, fatal, off):
    assert [rules.logged(event_type, level) for level in rules.LOG_LEVELS] == [
        all_,
        error,
        fatal,
        off,
    ]


def test_log_record_withoutExecutionData_shouldDropInputAndOutput():
    event = {
        "id": 6,
        "type": "TaskScheduled",
        "previousEventId": 5,
        "timestamp": "2026-12-06T08:00:00.000Z",
        "taskScheduledEventDetails": {
            "resource": "invoke",
            "parameters": '{"x":1}',
            "region": "us-east-1",
        },
    }
    with_data = json.loads(rules.log_record(event, "arn:x", True))
    without = json.loads(rules.log_record(event, "arn:x", False))
    assert with_data["details"]["parameters"] == '{"x":1}'
    assert "parameters" not in without["details"]
    assert without["event_timestamp"] == "1796544000000"
    assert rules.log_bytes(events(HAPPY_PATH), "arn:x", "OFF", True) == 0
    assert rules.log_bytes(events(HAPPY_PATH), "arn:x", "ERROR", True) == 0


def test_lambda_gb_seconds_roundsUpToTheMillisecond():
    assert rules.lambda_gb_seconds(1.2, 1024) == pytest.approx(0.002)
    assert rules.lambda_gb_seconds(100, 512) == pytest.approx(0.05)


def test_eventbridge_events_per64KbChunk():
    assert rules.eventbridge_events(500) == 1
    assert rules.eventbridge_events(64 * 1024) == 1
    assert rules.eventbridge_events(64 * 1024 + 1) == 2


MEASUREMENTS = {
    "measuredAt": "2026-12-06T08:00:00Z",
    "outcomes": {"ACCEPTED": 1},
    "deadLetterQueueDepths": {"q": 0},
    "stepFunctions": {
        "executions": 10,
        "billedTransitionsPerExecution": 6,
        "expressBilledMsMean": 500,
        "expressBilledMbMax": 64,
        "eventBridgeEventsPerExecution": 1,
        "eventBytes": {"mean": 500},
        "executionLogBytesPerExecution": {"ALL/with data": 20_000, "OFF/without data": 0},
    },
    "dynamodb": {
        "tableWriteUnitsPerExecution": 2,
        "replicatedBytesPerExecution": 1800,
        "indexes": {"i": {"writeUnitsPerExecution": 1}},
    },
    "lambda": {
        "lambda-validator-local": {
            "invocationsPerExecution": 1,
            "warmGbSecondsMean": 0.01,
            "memoryMb": 1024,
            "logBytesPerInvocation": 1000,
        }
    },
}
PRICES = json.loads(
    (pathlib.Path(__file__).parents[1] / "cost" / "prices-us-east-1.json").read_text()
)
ASSUMPTIONS = {
    "coldStartShare": {"value": 0.01},
    "coldStartSeconds": {"value": {"validator": 2.0}},
    "replicaRegions": {"value": 1},
}


def line(lines, prefix):
    return next(item for item in lines if item["item"].startswith(prefix))["cost"]


def test_lines_per_million_standard_shouldPriceTransitionsAndNotExpress():
    lines = report.lines_per_million(MEASUREMENTS, PRICES, ASSUMPTIONS, "STANDARD", "ALL/with data")
    assert line(lines, "Step Functions Standard") == pytest.approx(150.0)  # 6 M x $0.025 per 1,000
    assert not [item for item in lines if "Express" in item["item"]]
    assert line(lines, "Execution log") == pytest.approx(10.0)  # 20 GB x $0.50
    assert line(lines, "DynamoDB writes, table") == pytest.approx(
        1.25
    )  # 2 M WRU x $0.625 per million
    assert line(lines, "DynamoDB replicated") == pytest.approx(1.25)
    assert line(lines, "Lambda cold starts") == pytest.approx(10_000 * 2.0 * 0.0000133334)


def test_lines_per_million_express_shouldPriceRequestsAndDuration():
    lines = report.lines_per_million(
        MEASUREMENTS, PRICES, ASSUMPTIONS, "EXPRESS", "OFF/without data"
    )
    assert line(lines, "Step Functions Express requests") == pytest.approx(1.0)
    # 1 M x (0.5 s warm + 1% x 2 s of cold path) x 64 MB = 32,500 GB-s
    assert line(lines, "Step Functions Express duration") == pytest.approx(32_500 * 0.00001667)
    assert line(lines, "Execution log") == 0


@pytest.mark.parametrize(
    ("line", "level"),
    [
        (b'{"level":"INFO","message":"trade recorded"}\n', "INFO"),
        (b'{"level":"WARN","message":"venue XPAR is not known"}\n', "WARN"),
        (b'{"level":"error","message":"Recording failed"}\n', "ERROR"),
        (b'{"_aws":{"Timestamp":1},"Accepted":1.0}\n', "INFO"),  # a metric document: no level
        (b'{"level":"NOTICE"}\n', "INFO"),  # an invalid level counts as INFO
        (b"Picked up JAVA_TOOL_OPTIONS\n", "INFO"),  # not JSON
    ],
)
def test_line_level_missingOrInvalidLevelIsInfo(line, level):
    assert rules.line_level(line) == level


def test_kept_at_keepsLinesAtOrAboveTheApplicationLogLevel():
    assert rules.kept_at("INFO", "INFO")
    assert rules.kept_at("ERROR", "WARN")
    assert not rules.kept_at("INFO", "WARN")
    assert not rules.kept_at("DEBUG", "INFO")


def test_function_log_levels_metricDocumentsAreDroppedAtWarn(tmp_path):
    from cost import measure

    lines = [
        b'{"level":"INFO","message":"trade recorded","tradeId":"TRD-1"}\n',
        b'{"_aws":{"Timestamp":1},"Accepted":1.0}\n',
        b'{"level":"WARN","message":"price band parameter missing"}\n',
    ]
    (tmp_path / "lambda-recorder-dev-1.log").write_bytes(b"".join(lines))
    (tmp_path / "lambda-recorder-dev-other.log").write_bytes(b"not one of its containers\n")
    logs = {"lambda-recorder-dev": {"bytes": 0, "lines": 0}}

    measure.function_log_levels(tmp_path, logs)

    by_level = logs["lambda-recorder-dev"]["bytesByLevel"]
    assert by_level["INFO"] == sum(len(line) for line in lines)
    assert by_level["WARN"] == len(lines[2])
    assert by_level["ERROR"] == 0


def test_warm_from_executionsBeforeTheFirstSuccessAreNotWarm():
    from cost import measure

    def execution(status, start, end):
        return {
            "status": status,
            "events": [
                {"timestamp": f"2026-12-06T08:00:{start:02d}.000Z"},
                {"timestamp": f"2026-12-06T08:00:{end:02d}.000Z"},
            ],
        }

    executions = [
        execution("FAILED", 0, 27),  # waited for the containers past a task's timeout
        execution("SUCCEEDED", 1, 30),  # waited for them, then succeeded: the pipeline is warm
        execution("SUCCEEDED", 31, 32),
    ]

    measured = measure.step_functions(
        [{**e, "executionArn": "arn", "events": [
            {**e["events"][0], "type": "ExecutionStarted", "id": 1,
             "executionStartedEventDetails": {"input": "{}"}},
            {**e["events"][1], "type": "ExecutionSucceeded", "id": 2},
        ]} for e in executions],
        definition_bytes=1000,
    )  # fmt: skip

    assert measured["executionsBeforeWarm"] == 2
    assert measured["executionDurationMs"]["mean"] == 1000
    assert measured["expressBilledMsMean"] == 1000

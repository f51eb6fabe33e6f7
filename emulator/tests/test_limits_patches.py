"""AWS's size limits held by the emulator (limits_patches.py); the AWS pages are cited there."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import botocore.exceptions
import pytest
from support import (
    EmulatorProcess,
    Execution,
    HostFunction,
    lambda_task,
    returns,
    unique,
)

KIB_256 = 262_144


def _entry(
    detail: str, source: str = "trading.oms", detail_type: str = "Trade Executed"
) -> dict[str, Any]:
    return {"Source": source, "DetailType": detail_type, "Detail": detail}


def _detail_of_size(size: int, filler: str = "x") -> str:
    """A JSON object of exactly `size` UTF-8 bytes; `filler` may be a multi-byte character."""
    skeleton = '{"pad":""}'
    room = size - len(skeleton)
    unit = len(filler.encode("utf-8"))
    text = filler * (room // unit) + "y" * (room % unit)
    return '{"pad":"' + text + '"}'


# --- EventBridge ----------------------------------------------------------------------------


def test_put_events_when_entries_total_at_the_limit_should_accept_them(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN an entry of exactly 256 KiB as EventBridge counts it (source + detail-type + detail)
    overhead = len("trading.oms") + len("Trade Executed")
    entry = _entry(_detail_of_size(KIB_256 - overhead))

    # WHEN it is put
    answer = emulator.client("events").put_events(Entries=[entry])

    # THEN it is accepted
    assert answer["FailedEntryCount"] == 0


def test_put_events_when_entries_total_over_the_limit_should_refuse_the_request(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN two entries of 132,000 bytes each: each under 256 KiB, together over it
    entries = [_entry(_detail_of_size(132_000)), _entry(_detail_of_size(132_000))]

    # WHEN they are put in one request
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        emulator.client("events").put_events(Entries=entries)

    # THEN the request fails as a whole
    assert refused.value.response["Error"]["Code"] == "ValidationException"


def test_put_events_when_multibyte_detail_over_the_limit_in_bytes_should_refuse_it(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN a detail of 100,000 characters of three bytes each (300,000 bytes)
    entry = _entry('{"pad":"' + "€" * 100_000 + '"}')

    # WHEN it is put
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        emulator.client("events").put_events(Entries=[entry])

    # THEN it is refused: the limit is in UTF-8 bytes
    assert refused.value.response["Error"]["Code"] == "ValidationException"


# --- Step Functions -------------------------------------------------------------------------


# A Lambda answer of 300,000 bytes, over the 262,144 bytes a state's output may have.
OVERSIZED_ANSWER = {"pad": "x" * 300_000}


def _caught_machine(function_name: str) -> dict[str, Any]:
    """A task whose every error a States.ALL Catch sends to a Pass state."""
    return {
        "StartAt": "Call",
        "States": {
            "Call": lambda_task(
                function_name,
                "$",
                End=True,
                OutputPath="$.Payload",
                Catch=[{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Caught"}],
            ),
            "Caught": {"Type": "Pass", "End": True},
        },
    }


RunCaught = Callable[..., Execution]


@pytest.fixture
def run_caught(
    emulator: EmulatorProcess,
    host_function: HostFunction,
    create_state_machine: Callable[[str, dict[str, Any]], str],
) -> RunCaught:
    """Runs a task answering `answer` behind a States.ALL Catch; `shape` may change the definition."""

    def run(
        answer: Any, shape: Callable[[dict[str, Any]], dict[str, Any]] = lambda machine: machine
    ) -> Execution:
        prefix = unique("limit")
        host_function(f"{prefix}-call", returns(answer))
        machine = create_state_machine(prefix, shape(_caught_machine(f"{prefix}-call")))
        return emulator.start_execution(machine)

    return run


def test_state_output_over_256_kib_should_fail_the_execution_past_a_states_all_catch(
    run_caught: RunCaught,
) -> None:
    # GIVEN a function answering 300,000 bytes, behind a Catch on States.ALL
    # WHEN it runs
    execution = run_caught(OVERSIZED_ANSWER)

    # THEN the execution fails with States.DataLimitExceeded: the Catch does not catch it
    result = execution.finished()
    assert result["status"] == "FAILED"
    assert result["error"] == "States.DataLimitExceeded"
    assert not any(e["type"] == "PassStateEntered" for e in execution.history())


def test_state_output_naming_data_limit_exceeded_explicitly_should_still_be_caught(
    run_caught: RunCaught,
) -> None:
    # GIVEN the same oversized answer behind a Catch naming States.DataLimitExceeded
    def naming_the_error(definition: dict[str, Any]) -> dict[str, Any]:
        definition["States"]["Call"]["Catch"][0]["ErrorEquals"] = ["States.DataLimitExceeded"]
        return definition

    # WHEN it runs
    execution = run_caught(OVERSIZED_ANSWER, naming_the_error)

    # THEN only the wildcard leaves it out
    assert execution.finished()["status"] == "SUCCEEDED"


def test_state_output_under_256_kib_compact_should_pass_where_spaced_json_would_exceed_it(
    run_caught: RunCaught,
) -> None:
    # GIVEN an answer of 20,000 one-character fields: ~240,000 bytes compact, over 256 KiB with
    # the space Python's json.dumps puts after every ':' and ','
    answer = {f"k{i:05d}": "v" for i in range(20_000)}
    compact = len(json.dumps(answer, separators=(",", ":")))
    assert compact < KIB_256 < len(json.dumps(answer))

    # WHEN it runs
    execution = run_caught(answer)

    # THEN it succeeds, as in AWS
    result = execution.finished()
    assert result["status"] == "SUCCEEDED"
    assert len(json.loads(result["output"])) == 20_000


# --- SQS ------------------------------------------------------------------------------------


def test_send_message_when_multibyte_body_over_the_limit_in_bytes_should_refuse_it(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN a queue of 1 KiB messages and a body of 400 three-byte characters (1,200 bytes)
    sqs = emulator.client("sqs")
    url = sqs.create_queue(QueueName=unique("limit"), Attributes={"MaximumMessageSize": "1024"})[
        "QueueUrl"
    ]

    # WHEN it is sent
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        sqs.send_message(QueueUrl=url, MessageBody="€" * 400)

    # THEN SQS refuses it: the limit is in bytes
    assert "InvalidParameterValue" in refused.value.response["Error"]["Code"]


def test_send_message_when_attributes_take_it_over_the_limit_should_refuse_it(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN a 1 KiB queue, a 1,000-byte body and a 100-byte attribute
    sqs = emulator.client("sqs")
    url = sqs.create_queue(QueueName=unique("limit"), Attributes={"MaximumMessageSize": "1024"})[
        "QueueUrl"
    ]

    # WHEN it is sent
    with pytest.raises(botocore.exceptions.ClientError):
        sqs.send_message(
            QueueUrl=url,
            MessageBody="x" * 1000,
            MessageAttributes={"note": {"DataType": "String", "StringValue": "y" * 100}},
        )

    # THEN nothing was queued
    assert sqs.receive_message(QueueUrl=url, WaitTimeSeconds=0).get("Messages", []) == []


# --- DynamoDB -------------------------------------------------------------------------------


@pytest.fixture
def table(emulator: EmulatorProcess) -> str:
    name = unique("limit")
    emulator.client("dynamodb").create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
            {"AttributeName": "gpk", "AttributeType": "S"},
        ],
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by-g",
                "KeySchema": [{"AttributeName": "gpk", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }
        ],
    )
    return name


def _item_of_size(size: int) -> dict[str, Any]:
    # names + values in UTF-8 bytes: pk(2)+"p"(1) + sk(2)+"s"(1) + body(4)+value
    return {"pk": {"S": "p"}, "sk": {"S": "s"}, "body": {"S": "x" * (size - 10)}}


def test_put_item_when_item_is_exactly_400_kib_should_store_it(
    emulator: EmulatorProcess, table: str
) -> None:
    # GIVEN an item of 409,600 bytes (names and values), which moto alone refuses above 405,000
    dynamodb = emulator.client("dynamodb")

    # WHEN it is put
    dynamodb.put_item(TableName=table, Item=_item_of_size(409_600))

    # THEN it is stored
    stored = dynamodb.get_item(TableName=table, Key={"pk": {"S": "p"}, "sk": {"S": "s"}})["Item"]
    assert len(stored["body"]["S"]) == 409_590


def test_put_item_when_item_is_one_byte_over_400_kib_should_refuse_it(
    emulator: EmulatorProcess, table: str
) -> None:
    # WHEN an item of 409,601 bytes is put
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        emulator.client("dynamodb").put_item(TableName=table, Item=_item_of_size(409_601))

    # THEN DynamoDB refuses it
    assert refused.value.response["Error"]["Code"] == "ValidationException"
    assert "Item size has exceeded" in refused.value.response["Error"]["Message"]


@pytest.mark.parametrize("attribute,limit", [("pk", 2048), ("sk", 1024), ("gpk", 2048)])
def test_put_item_when_key_attribute_over_its_limit_in_bytes_should_refuse_it(
    emulator: EmulatorProcess, table: str, attribute: str, limit: int
) -> None:
    # GIVEN a key attribute (table or index key) one byte over its limit, in two-byte characters
    item = {"pk": {"S": "p"}, "sk": {"S": "s"}, "gpk": {"S": "g"}}
    item[attribute] = {"S": "é" * (limit // 2) + "x"}
    at_limit = {**item, attribute: {"S": "é" * (limit // 2)}}
    dynamodb = emulator.client("dynamodb")

    # WHEN the item is put
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        dynamodb.put_item(TableName=table, Item=item)

    # THEN it is refused, while the same key at the limit is stored
    assert refused.value.response["Error"]["Code"] == "ValidationException"
    dynamodb.put_item(TableName=table, Item=at_limit)


def test_parallel_branch_over_the_data_limit_should_fail_the_execution_with_that_error(
    run_caught: RunCaught,
) -> None:
    # GIVEN a Parallel state whose one branch's task answers 300,000 bytes behind a States.ALL Catch
    def in_a_parallel_branch(branch: dict[str, Any]) -> dict[str, Any]:
        return {
            "StartAt": "Both",
            "States": {
                "Both": {
                    "Type": "Parallel",
                    "End": True,
                    "ResultPath": "$.stages",
                    "Branches": [branch],
                }
            },
        }

    # WHEN it runs
    result = run_caught(OVERSIZED_ANSWER, in_a_parallel_branch).finished()

    # THEN the execution fails with the branch's States.DataLimitExceeded (not States.Runtime)
    assert result["status"] == "FAILED"
    assert result["error"] == "States.DataLimitExceeded"


def test_fail_state_reraising_a_caught_states_error_should_fail_with_that_error(
    emulator: EmulatorProcess, create_state_machine: Callable[[str, dict[str, Any]], str]
) -> None:
    # GIVEN a Fail state whose ErrorPath selects a caught States.Timeout, as the trade definition's do
    machine = create_state_machine(
        unique("limit"),
        {
            "StartAt": "Reraise",
            "States": {
                "Reraise": {
                    "Type": "Fail",
                    "ErrorPath": "$.error.Error",
                    "CausePath": "$.error.Cause",
                }
            },
        },
    )

    # WHEN it runs
    caught = {"error": {"Error": "States.Timeout", "Cause": "the stage timed out"}}
    result = emulator.start_execution(machine, json.dumps(caught)).finished()

    # THEN the execution fails with it (not States.Runtime)
    assert result["status"] == "FAILED"
    assert result["error"] == "States.Timeout"
    assert result["cause"] == "the stage timed out"

"""Archive replays of one time window, as `trades replay` starts them (StartReplay, DescribeReplay)."""

from __future__ import annotations

import datetime
import json
from typing import Any

from support import EmulatorProcess


def _queue_arn(emulator: EmulatorProcess, name: str) -> tuple[str, str]:
    sqs = emulator.client("sqs")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    return url, arn


def _all_messages(emulator: EmulatorProcess, url: str) -> list[dict[str, Any]]:
    sqs = emulator.client("sqs")
    bodies: list[dict[str, Any]] = []
    while True:
        messages = sqs.receive_message(
            QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=300
        ).get("Messages", [])
        if not messages:
            return bodies
        bodies.extend(json.loads(message["Body"]) for message in messages)


def test_start_replay_of_a_window_should_replay_only_the_archived_events_of_that_window(
    emulator: EmulatorProcess,
) -> None:
    # GIVEN a bus whose trades are archived and copied to a queue, and three trades an hour apart
    events = emulator.client("events")
    bus_arn = events.create_event_bus(Name="replay-trades")["EventBusArn"]
    archive_arn = events.create_archive(
        ArchiveName="replay-archive",
        EventSourceArn=bus_arn,
        EventPattern=json.dumps({"source": ["trading.oms"]}),
    )["ArchiveArn"]
    url, queue_arn = _queue_arn(emulator, "replay-copy")
    events.put_rule(
        Name="replay-copy",
        EventBusName="replay-trades",
        EventPattern=json.dumps({"source": ["trading.oms"]}),
    )
    events.put_targets(
        Rule="replay-copy", EventBusName="replay-trades", Targets=[{"Id": "q", "Arn": queue_arn}]
    )
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    for hours_ago, trade in ((2, "OMS-EARLY"), (1, "OMS-IN-WINDOW"), (0, "OMS-LATE")):
        events.put_events(
            Entries=[
                {
                    "Source": "trading.oms",
                    "DetailType": "TradeExecuted",
                    "Detail": json.dumps({"sourceTradeId": trade}),
                    "EventBusName": "replay-trades",
                    "Time": now - datetime.timedelta(hours=hours_ago),
                }
            ]
        )

    # WHEN the window around the middle trade is replayed
    events.start_replay(
        ReplayName="replay-middle-hour",
        EventSourceArn=archive_arn,
        EventStartTime=now - datetime.timedelta(minutes=90),
        EventEndTime=now - datetime.timedelta(minutes=30),
        Destination={"Arn": bus_arn},
    )

    # THEN only that trade is delivered again, marked as replayed, and the replay is complete
    replayed = [
        body["detail"]["sourceTradeId"]
        for body in _all_messages(emulator, url)
        if body.get("replay-name") == "replay-middle-hour"
    ]
    assert replayed == ["OMS-IN-WINDOW"]
    assert events.describe_replay(ReplayName="replay-middle-hour")["State"] == "COMPLETED"

"""EventBridge rules whose targets are state machines, as the pipeline's three source rules are."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

from support import ACCOUNT, REGION, EmulatorProcess, finished_execution

PASS_THROUGH = {"StartAt": "Receive", "States": {"Receive": {"Type": "Pass", "End": True}}}
OMS_PATTERN = {"source": ["trading.oms"], "detail-type": ["TradeExecuted"]}


def _rule_to(
    emulator: EmulatorProcess,
    rule: str,
    machine_arn: str,
    role_arn: str,
    extra_targets: list[dict[str, Any]] | None = None,
) -> None:
    events = emulator.client("events")
    events.put_rule(Name=rule, EventPattern=json.dumps(OMS_PATTERN))
    events.put_targets(
        Rule=rule,
        Targets=[
            {
                "Id": "trade-state-machine",
                "Arn": machine_arn,
                "RoleArn": role_arn,
                "DeadLetterConfig": {"Arn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:{rule}-target-dlq"},
                "RetryPolicy": {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 600},
            },
            *(extra_targets or []),
        ],
    )


def _executions(emulator: EmulatorProcess, machine_arn: str) -> list[dict[str, Any]]:
    return emulator.client("stepfunctions").list_executions(stateMachineArn=machine_arn)[
        "executions"
    ]


def test_put_events_when_rule_matches_should_start_one_execution_with_the_delivered_event(
    emulator: EmulatorProcess,
    role_arn: str,
    create_state_machine: Callable[[str, dict[str, Any]], str],
) -> None:
    # GIVEN a rule on OMS trades targeting a state machine and, as moto already supports, a queue
    machine = create_state_machine("eb-oms-trades", PASS_THROUGH)
    sqs = emulator.client("sqs")
    queue_url = sqs.create_queue(QueueName="eb-oms-copy")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    _rule_to(emulator, "eb-oms", machine, role_arn, [{"Id": "copy", "Arn": queue_arn}])
    detail = {"sourceTradeId": "OMS-42", "price": "190.25", "quantity": 100}

    # WHEN one event from another source and one OMS trade are put
    entries = emulator.client("events").put_events(
        Entries=[
            {
                "Source": "trading.unknown",
                "DetailType": "TradeExecuted",
                "Detail": json.dumps(detail),
            },
            {
                "Source": "trading.oms",
                "DetailType": "TradeExecuted",
                "Detail": json.dumps(detail),
                "Time": datetime.datetime(2026, 11, 25, 9, 30, 15, tzinfo=datetime.UTC),
                "Resources": ["arn:aws:example:::oms/desk-1"],
            },
        ]
    )["Entries"]

    # THEN exactly one execution started (delivery happens inside PutEvents), on the EventBridge envelope
    executions = _executions(emulator, machine)
    assert len(executions) == 1
    execution = finished_execution(emulator.client("stepfunctions"), executions[0]["executionArn"])
    assert execution["status"] == "SUCCEEDED"
    assert json.loads(execution["input"]) == {
        "version": "0",
        "id": entries[1]["EventId"],
        "detail-type": "TradeExecuted",
        "source": "trading.oms",
        "account": ACCOUNT,
        "time": "2026-11-25T09:30:15Z",
        "region": REGION,
        "resources": ["arn:aws:example:::oms/desk-1"],
        "detail": detail,
    }
    # AND the queue target still got it from moto, and the target's delivery settings are kept
    assert len(sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)["Messages"]) == 1
    target = emulator.client("events").list_targets_by_rule(Rule="eb-oms")["Targets"][0]
    assert target["RetryPolicy"] == {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 600}
    assert target["DeadLetterConfig"]["Arn"].endswith(":eb-oms-target-dlq")


def test_put_events_when_rule_matches_twice_should_start_two_distinctly_named_executions(
    emulator: EmulatorProcess,
    role_arn: str,
    create_state_machine: Callable[[str, dict[str, Any]], str],
) -> None:
    # GIVEN a rule targeting a state machine (EventBridge starts executions without a name)
    machine = create_state_machine("eb-twice-trades", PASS_THROUGH)
    _rule_to(emulator, "eb-twice", machine, role_arn)

    # WHEN two matching events are put
    for trade in ("OMS-1", "OMS-2"):
        emulator.client("events").put_events(
            Entries=[
                {
                    "Source": "trading.oms",
                    "DetailType": "TradeExecuted",
                    "Detail": json.dumps({"sourceTradeId": trade}),
                }
            ]
        )

    # THEN two executions run, each under its own generated name
    executions = _executions(emulator, machine)
    assert len({execution["name"] for execution in executions}) == 2
    assert all(execution["name"] != "None" for execution in executions)
    sfn = emulator.client("stepfunctions")
    inputs = sorted(
        json.loads(finished_execution(sfn, e["executionArn"])["input"])["detail"]["sourceTradeId"]
        for e in executions
    )
    assert inputs == ["OMS-1", "OMS-2"]


def test_put_events_when_rule_disabled_should_start_nothing(
    emulator: EmulatorProcess,
    role_arn: str,
    create_state_machine: Callable[[str, dict[str, Any]], str],
) -> None:
    # GIVEN a disabled rule targeting a state machine
    machine = create_state_machine("eb-disabled-trades", PASS_THROUGH)
    _rule_to(emulator, "eb-disabled", machine, role_arn)
    emulator.client("events").disable_rule(Name="eb-disabled")

    # WHEN a matching event is put
    emulator.client("events").put_events(
        Entries=[
            {
                "Source": "trading.oms",
                "DetailType": "TradeExecuted",
                "Detail": json.dumps({"sourceTradeId": "OMS-3"}),
            }
        ]
    )

    # THEN no execution starts
    assert _executions(emulator, machine) == []

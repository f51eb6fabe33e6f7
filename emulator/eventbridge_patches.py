"""EventBridge adapted to the pipeline offline: rules deliver to state machines.

Installed by moto_patches.apply. Written against moto 5.2.5 (pinned in tools/requirements.txt);
tests/test_eventbridge_patches.py fails if an upgrade moves the seam.
"""

from __future__ import annotations

import copy
import json
import logging
from typing import Any

from moto.core.utils import iso_8601_datetime_without_milliseconds, utcfromtimestamp
from moto.events.models import Rule

LOG = logging.getLogger("emulator")


def apply() -> None:
    """Makes a rule's Step Functions targets start executions."""
    _deliver_events_to_state_machines()


# --- EventBridge ----------------------------------------------------------------------------
# moto's Rule.send_to_targets delivers to CloudWatch Logs, archives, SQS, event buses and API
# destinations only, and raises NotImplementedError for any other target, which fails the
# whole PutEvents call. Here a rule's Step Functions targets start an execution whose input is
# the event as EventBridge delivers it to a target; the other targets still go to moto. A
# target's DeadLetterConfig, RetryPolicy and RoleArn are kept by PutTargets but not acted on:
# a StartExecution that fails is logged, not retried or dead-lettered. A DISABLED rule delivers
# nothing (moto would still deliver).

_EVENT_FIELDS = (
    "version",
    "id",
    "detail-type",
    "source",
    "account",
    "time",
    "region",
    "resources",
    "detail",
)


def _deliver_events_to_state_machines() -> None:
    moto_send_to_targets = Rule.send_to_targets

    def send_to_targets(
        self: Rule, original_event: dict[str, Any], transform_input: bool = True
    ) -> None:
        if self.state == "DISABLED" or not self.event_pattern.matches_event(original_event):
            return
        state_machine_targets = [t for t in self.targets if _is_state_machine_arn(t["Arn"])]
        other_targets = [t for t in self.targets if not _is_state_machine_arn(t["Arn"])]
        for target in state_machine_targets:
            _start_execution(target, _delivered_event(original_event))
        if other_targets:
            # A shallow copy keeps the rule object that PutTargets mutates untouched, so a
            # concurrent PutTargets never sees a filtered target list.
            rule_for_moto = copy.copy(self)
            rule_for_moto.targets = other_targets
            moto_send_to_targets(rule_for_moto, original_event, transform_input)

    Rule.send_to_targets = send_to_targets


def _is_state_machine_arn(arn: str) -> bool:
    parts = arn.split(":", 6)
    return len(parts) == 7 and parts[2] == "states" and parts[5] == "stateMachine"


def _delivered_event(original_event: dict[str, Any]) -> dict[str, Any]:
    # moto keeps `time` as epoch seconds and adds `ingestion-time`; a target receives the
    # nine envelope fields with `time` as ISO-8601 UTC to the second.
    event = {field: copy.deepcopy(original_event.get(field)) for field in _EVENT_FIELDS}
    event_time = original_event.get("time")
    if isinstance(event_time, (int, float)) or (
        isinstance(event_time, str) and _is_number(event_time)
    ):
        event["time"] = iso_8601_datetime_without_milliseconds(utcfromtimestamp(float(event_time)))
    if event["resources"] is None:
        event["resources"] = []
    return event


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _start_execution(target: dict[str, Any], event: dict[str, Any]) -> None:
    from moto.stepfunctions.responses import get_backend

    arn = target["Arn"]
    _, _, _, region, account, _, _ = arn.split(":", 6)
    if "Input" in target:
        execution_input = target["Input"]
    else:
        if "InputPath" in target or "InputTransformer" in target:
            LOG.warning(
                "target %s: InputPath/InputTransformer are not emulated; the input is the whole event",
                target["Id"],
            )
        execution_input = json.dumps(event)
    try:
        execution = get_backend(account, region).start_execution(
            arn, execution_input=execution_input
        )
        LOG.info("rule target %s started %s", target["Id"], execution.exec_arn)
    except Exception:  # delivery is asynchronous in AWS: PutEvents succeeds all the same
        LOG.exception("rule target %s: StartExecution on %s failed", target["Id"], arn)

"""Step Functions' execution status change events, which moto never emits.

https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html: a Standard workflow sends
a "Step Functions Execution Status Change" event (source aws.states) to the account's default
event bus when an execution's status changes; Express workflows send none. The detail carries what
DescribeExecution gives: executionArn, stateMachineArn, name, status, startDate and stopDate (epoch
milliseconds), input and output as JSON text with inputDetails/outputDetails, and error and cause.
"If the combined escaped input and escaped output sent to EventBridge exceeds 248KB, then the
input will be excluded" (inputDetails.included is then false).

Only the endings that lose a trade are emitted (FAILED, TIMED_OUT, ABORTED): they are what the
catch-all rule of templates/orchestration.json routes to the executions dead-letter queue, and no
test needs RUNNING or SUCCEEDED. Delivery goes through moto's own PutEvents on the default bus, so
the rules, patterns and targets (SQS included) are moto's and the limits of limits_patches apply.
"""

from __future__ import annotations

import json
import logging
from typing import Any

LOG = logging.getLogger("emulator")

DETAIL_TYPE = "Step Functions Execution Status Change"
SOURCE = "aws.states"
LOST_TRADE_STATUSES = ("FAILED", "TIMED_OUT", "ABORTED")
# "248KB" on the page above; taken as KiB, like the 256 KB of the same quotas.
ESCAPED_PAYLOAD_MAX_BYTES = 248 * 1024


def apply() -> None:
    from moto.stepfunctions.parser.backend.execution import BaseExecutionWorkerCommunication

    _abort_stopped_executions()

    moto_terminated = BaseExecutionWorkerCommunication.terminated
    if getattr(moto_terminated, "emits_status_events", False):  # apply() is idempotent
        return

    def terminated(self: BaseExecutionWorkerCommunication) -> None:
        moto_terminated(self)
        _emit_once(self.execution)

    terminated.emits_status_events = True  # type: ignore[attr-defined]
    BaseExecutionWorkerCommunication.terminated = terminated


# --- StopExecution --------------------------------------------------------------------------
# https://docs.aws.amazon.com/step-functions/latest/apireference/API_StopExecution.html: StopExecution
# stops an execution; its status is then ABORTED (DescribeExecution), with the error and cause
# given. moto only flags the execution's top frame as stopped: a Parallel state's branches run on,
# and a branch that then fails (its task erring after the stop) overwrites the flag, so the
# execution ends FAILED with the branch's error. Here a stopped execution is ABORTED from the
# moment StopExecution returns, and stays so when its worker ends; its status change is sent then,
# as AWS does, not when the worker ends (a task still running may take minutes).


def _abort_stopped_executions() -> None:
    import datetime

    from moto.stepfunctions.parser.api import ExecutionStatus
    from moto.stepfunctions.parser.backend.execution import (
        BaseExecutionWorkerCommunication,
        Execution,
    )

    moto_stop = Execution.stop
    if getattr(moto_stop, "aborts", False):
        return
    moto_reflect = BaseExecutionWorkerCommunication._reflect_execution_status

    def stop(
        self: Execution, stop_date: datetime.datetime, error: str | None, cause: str | None
    ) -> None:
        self.stop_request = (stop_date, error, cause)
        moto_stop(self, stop_date, error, cause)
        self.exec_status = ExecutionStatus.ABORTED
        self.stop_date = stop_date
        self.error, self.cause = error or None, cause or None
        _emit_once(self)

    def reflect_execution_status(self: BaseExecutionWorkerCommunication) -> None:
        moto_reflect(self)
        stop_request = getattr(self.execution, "stop_request", None)
        if stop_request is not None:
            stop_date, error, cause = stop_request
            self.execution.exec_status = ExecutionStatus.ABORTED
            self.execution.stop_date = stop_date
            self.execution.error, self.execution.cause = error or None, cause or None

    stop.aborts = True  # type: ignore[attr-defined]
    Execution.stop = stop
    BaseExecutionWorkerCommunication._reflect_execution_status = reflect_execution_status


def status_change_detail(execution: Any) -> dict[str, Any]:
    status = execution.exec_status.value if execution.exec_status is not None else None
    input_text = execution.execution_input
    escaped_input_size = len(json.dumps(input_text, ensure_ascii=False).encode("utf-8"))
    include_input = escaped_input_size <= ESCAPED_PAYLOAD_MAX_BYTES
    return {
        "executionArn": execution.exec_arn,
        "stateMachineArn": execution.state_machine_arn,
        "name": execution.name,
        "status": status,
        "startDate": _epoch_millis(execution.start_date),
        "stopDate": _epoch_millis(execution.stop_date),
        "input": input_text if include_input else None,
        "output": None,
        "inputDetails": {"included": include_input},
        "outputDetails": None,
        "error": execution.error or ("States.Timeout" if status == "TIMED_OUT" else None),
        "cause": execution.cause,
    }


def _emit_once(execution: Any) -> None:
    """Sends the status change of an ended execution; a stopped one sends it when stopped, not again."""
    if getattr(execution, "status_change_sent", False):
        return
    execution.status_change_sent = True
    try:
        _emit(execution)
    except Exception:  # the execution's own ending must not depend on the event
        LOG.exception("execution status event of %s not sent", execution.exec_arn)


def _emit(execution: Any) -> None:
    from moto.events.models import events_backends

    if execution.exec_status is None or execution.exec_status.value not in LOST_TRADE_STATUSES:
        return
    if str(getattr(execution.sm_type, "value", execution.sm_type)) != "STANDARD":
        return
    detail = status_change_detail(execution)
    backend = events_backends[execution.account_id][execution.region_name]
    answers = backend.put_events(
        [
            {
                "Source": SOURCE,
                "DetailType": DETAIL_TYPE,
                "Detail": json.dumps(detail),
                "Resources": [execution.exec_arn],
                "EventBusName": "default",
            }
        ]
    )
    for answer in answers:
        if "ErrorCode" in answer:
            LOG.error("execution status event of %s refused: %s", execution.exec_arn, answer)


def _epoch_millis(moment: Any) -> int | None:
    return None if moment is None else int(moment.timestamp() * 1000)

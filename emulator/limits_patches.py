"""AWS's size limits, where moto 5.2.5 does not hold the emulator to them.

A pipeline that works locally must not rely on something AWS refuses. Each patch below names the
limit, the AWS page it was checked against, and what moto does without it;
tests/test_limits_patches.py fails without each one. Sizes are measured as AWS measures them:
UTF-8 bytes, JSON serialised without insignificant white space, attribute names counted with
their values.
"""

from __future__ import annotations

import json
import sys
from typing import Any

# 256 KiB: the PutEvents entry, Step Functions state input/output, the execution input.
KIB_256 = 256 * 1024
# 400 KB, DynamoDB counting 1 KB as 1,024 bytes.
DYNAMODB_ITEM_MAX_BYTES = 400 * 1024


def apply() -> None:
    """Installs every limit; called once from moto_patches.apply, before the server starts."""
    _limit_put_events_request_size()
    _keep_terminal_errors_out_of_states_all()
    _fail_parallel_states_with_the_branch_error()
    _measure_state_data_as_aws_does()
    _measure_sqs_messages_in_bytes()
    _limit_dynamodb_item_size()


def utf8_size(text: str) -> int:
    return len(text.encode("utf-8"))


def compact_json_size(value: Any) -> int:
    """Bytes of the value as Step Functions serialises it: compact JSON, UTF-8, no ASCII escapes."""
    return utf8_size(json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str))


# --- EventBridge PutEvents ------------------------------------------------------------------
# https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html: the total entry
# size of a PutEvents request must be under 256 KB, an entry's size being 14 bytes for Time when
# given plus the UTF-8 bytes of Source, DetailType, Detail and each Resources entry (the event as
# delivered is larger: the envelope's keys and punctuation are not counted).
# https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html: "The maximum
# size for a PutEvents event entry is 256 KB." moto accepts any size. Here a request whose entries
# add up to more than 256 KiB fails as a whole with ValidationException, and nothing is put.


def put_events_entry_size(entry: dict[str, Any]) -> int:
    size = 14 if entry.get("Time") is not None else 0
    for field in ("Source", "DetailType", "Detail"):
        if entry.get(field) is not None:
            size += utf8_size(str(entry[field]))
    for resource in entry.get("Resources") or []:
        if resource is not None:
            size += utf8_size(str(resource))
    return size


def _limit_put_events_request_size() -> None:
    from moto.events.exceptions import ValidationException
    from moto.events.models import EventsBackend

    moto_put_events = EventsBackend.put_events
    if getattr(moto_put_events, "limits_size", False):  # apply() is idempotent
        return

    def put_events(self: EventsBackend, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        total = sum(put_events_entry_size(entry) for entry in events)
        if total > KIB_256:
            raise ValidationException(
                f"Total size of the entries in the request is over the limit: {total} bytes, "
                f"at most {KIB_256}."
            )
        return moto_put_events(self, events)

    put_events.limits_size = True  # type: ignore[attr-defined]
    EventsBackend.put_events = put_events


# --- Step Functions: States.ALL -------------------------------------------------------------
# https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html ("Error
# names"): States.ALL "cannot catch the States.DataLimitExceeded terminal error or Runtime error
# types". moto's ErrorEqualsDecl matches States.ALL against every error, so a Catch on States.ALL
# would turn a data-limit failure into an ordinary dead-letter path that AWS never takes. Here
# the wildcard matches neither; naming the error explicitly still matches it.

_TERMINAL_ERRORS = ("States.DataLimitExceeded", "States.Runtime")


def _keep_terminal_errors_out_of_states_all() -> None:
    from moto.stepfunctions.parser.asl.component.common.error_name.error_equals_decl import (
        ErrorEqualsDecl,
    )

    moto_eval_body = ErrorEqualsDecl._eval_body
    if getattr(moto_eval_body, "keeps_terminal_errors", False):
        return

    def eval_body(self: ErrorEqualsDecl, env: Any) -> None:
        error_name = env.stack[-1]
        moto_eval_body(self, env)
        if (
            env.stack[-1]
            and ErrorEqualsDecl._STATE_ALL_ERROR in self.error_names
            and _error_name_text(error_name) in _TERMINAL_ERRORS
        ):
            env.stack[-1] = False

    eval_body.keeps_terminal_errors = True  # type: ignore[attr-defined]
    ErrorEqualsDecl._eval_body = eval_body


def _error_name_text(error_name: Any) -> str | None:
    value = getattr(error_name, "error_name", None)
    return value if isinstance(value, str) else None


# --- Step Functions: States.* errors carried by Parallel and Fail states ---------------------
# https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html: "If any branch fails,
# because of an unhandled error or by transitioning to a Fail state, the entire Parallel state is
# considered to have failed". It fails with that branch's error, States.* errors included. moto's
# BranchesDecl wraps the branch's error name in a CustomErrorName, whose constructor refuses names
# starting with "States.", so a branch failing with States.DataLimitExceeded (or States.Timeout,
# States.TaskFailed, ...) fails the execution with States.Runtime and a ValueError as its cause.
# The same constructor turns a Fail state's ErrorPath into States.Runtime when the path selects a
# States.* name: https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html says only
# that ErrorPath "must select a field that contains a string value", and the trade definition's
# Fail states re-raise the caught error that way (a stage's States.Timeout, say). Here a States.*
# name is carried as the States error it is, by both.


def _fail_parallel_states_with_the_branch_error() -> None:
    from moto.stepfunctions.parser.asl.component.common.error_name.custom_error_name import (
        CustomErrorName,
    )
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name import (
        StatesErrorName,
    )
    from moto.stepfunctions.parser.asl.component.state.exec.state_parallel import branches_decl
    from moto.stepfunctions.parser.asl.component.state.fail import state_fail

    if getattr(branches_decl.CustomErrorName, "keeps_states_errors", False):
        return

    def error_name(error_name: str | None = None) -> Any:
        if isinstance(error_name, str) and error_name.startswith("States."):
            try:
                return StatesErrorName.from_name(error_name)
            except Exception:  # a States.* name the interpreter does not know
                pass
        return CustomErrorName(error_name=error_name)

    error_name.keeps_states_errors = True  # type: ignore[attr-defined]
    branches_decl.CustomErrorName = error_name
    state_fail.CustomErrorName = error_name


# --- Step Functions: the 256 KiB of a state's input and output ------------------------------
# https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html: the input or output of
# a task, state or execution is at most 256 KiB "of data as a UTF-8 encoded string"; the API
# reference gives the field as "Maximum length of 262144" bytes in UTF-8
# (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StateExitedEventDetails.html).
# moto checks the limit (States.DataLimitExceeded) but measures Python's json.dumps, which puts a
# space after every ':' and ',' and escapes every non-ASCII character to six bytes, and refuses a
# value of exactly 262,144 bytes: a state's data is failed up to a third early. It is measured
# here as compact UTF-8 JSON, up to and including 262,144 bytes.


def is_within_state_data_limit(value: Any) -> bool:
    size = utf8_size(value) if isinstance(value, str) else compact_json_size(value)
    return size <= KIB_256


def _measure_state_data_as_aws_does() -> None:
    import moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service  # noqa: F401
    import moto.stepfunctions.parser.asl.component.state.exec.state_task.state_task_lambda  # noqa: F401
    import moto.stepfunctions.parser.asl.component.state.state  # noqa: F401
    from moto.stepfunctions.parser import quotas

    moto_check = quotas.is_within_size_quota
    quotas.is_within_size_quota = is_within_state_data_limit
    for name, module in list(sys.modules.items()):
        if (
            name.startswith("moto.stepfunctions.parser")
            and getattr(module, "is_within_size_quota", None) is moto_check
        ):
            module.is_within_size_quota = is_within_state_data_limit


# --- SQS message size -----------------------------------------------------------------------
# https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html:
# MaximumMessageSize is "the limit of how many bytes a message can contain before Amazon SQS
# rejects it", 1,024 bytes to 1 MiB, default 1 MiB (the botocore 1.40 model of CreateQueue says
# the same; it was 256 KiB before 2025). The message's attributes count towards it: "All parts of
# the message attribute, including Name, Type, and Value, are part of the message size
# restriction" (API_MessageAttributeValue.html). moto compares the body's length in characters,
# not bytes, and leaves the attributes out: a body of multi-byte characters passes at up to four
# times the limit. Here body and attributes are measured in UTF-8 bytes.


def sqs_message_size(body: str, attributes: dict[str, Any] | None) -> int:
    size = utf8_size(body)
    for name, attribute in (attributes or {}).items():
        size += utf8_size(name) + utf8_size(
            str(attribute.get("data_type") or attribute.get("DataType") or "")
        )
        string_value = attribute.get("string_value", attribute.get("StringValue"))
        binary_value = attribute.get("binary_value", attribute.get("BinaryValue"))
        if string_value is not None:
            size += utf8_size(str(string_value))
        if binary_value is not None:
            size += (
                len(binary_value)
                if isinstance(binary_value, bytes)
                else utf8_size(str(binary_value))
            )
    return size


def _measure_sqs_messages_in_bytes() -> None:
    from moto.sqs.exceptions import InvalidParameterValue
    from moto.sqs.models import SQSBackend

    moto_send_message = SQSBackend.send_message
    if getattr(moto_send_message, "measures_bytes", False):
        return

    def send_message(
        self: SQSBackend,
        queue_name: str,
        message_body: str,
        message_attributes: dict[str, Any] | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        queue = self.get_queue(queue_name)
        size = sqs_message_size(message_body, message_attributes)
        limit = int(queue.maximum_message_size)  # type: ignore[arg-type]
        if size > limit:
            raise InvalidParameterValue(
                f"One or more parameters are invalid. Reason: Message must be shorter than {limit} bytes."
            )
        return moto_send_message(
            self, queue_name, message_body, message_attributes, *args, **kwargs
        )

    send_message.measures_bytes = True  # type: ignore[attr-defined]
    SQSBackend.send_message = send_message


# --- DynamoDB item size ---------------------------------------------------------------------
# https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html ("Items"):
# "The maximum item size in DynamoDB is 400 KB, which includes both attribute name binary length
# (UTF-8 length) and attribute value lengths (again binary length)", with 1 KB = 1,024 bytes on
# that page, so 409,600 bytes. moto refuses items over 405,000 bytes (its own guess, "between 409
# and 410KB"), so an item AWS stores fails locally. The partition and sort key limits (2,048 and
# 1,024 bytes, "Partition keys and sort keys"; the same for a global secondary index's key
# attributes) moto already enforces in UTF-8 bytes (Table._validate_key_sizes, which includes the
# indexes' key attributes); tests/test_limits_patches.py holds it to them.


def _limit_dynamodb_item_size() -> None:
    from moto.dynamodb.exceptions import ItemSizeTooLarge
    from moto.dynamodb.models.dynamo_type import DynamoType, LimitedSizeDict
    from moto.dynamodb.models.utilities import bytesize

    if getattr(LimitedSizeDict.__setitem__, "aws_item_limit", False):
        return

    def size_of(value: Any) -> int:
        return value.size() if type(value) is DynamoType else bytesize(str(value))

    def setitem(self: LimitedSizeDict, key: str, value: Any) -> None:
        current = sum(bytesize(k) + size_of(v) for k, v in self.items() if k != key)
        if current + bytesize(key) + size_of(value) > DYNAMODB_ITEM_MAX_BYTES:
            raise ItemSizeTooLarge
        dict.__setitem__(self, key, value)

    setitem.aws_item_limit = True  # type: ignore[attr-defined]
    LimitedSizeDict.__setitem__ = setitem

"""The test-only fault injection (fault_injection.py), off unless configured."""

from __future__ import annotations

import json
from pathlib import Path

import botocore.exceptions
import pytest
from support import EmulatorProcess, StubLambdaHost


def test_fault_injection_when_configured_should_fail_that_fraction_of_calls_and_report_each(
    tmp_path: Path, lambda_host: StubLambdaHost
) -> None:
    # GIVEN an emulator failing half of the PutItem calls, with a report file
    report = tmp_path / "faults.jsonl"
    faults = {
        "seed": 3,
        "report": str(report),
        "rules": [
            {
                "service": "dynamodb",
                "operation": "PutItem",
                "rate": 0.5,
                "errors": ["ProvisionedThroughputExceededException", "InternalServerError"],
            }
        ],
    }
    emulator = EmulatorProcess(
        "--lambda-host-url", lambda_host.url, env={"EMULATOR_FAULTS": json.dumps(faults)}
    )
    try:
        plain = emulator.client("dynamodb")
        plain.create_table(
            TableName="faults",
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        )

        # WHEN 40 items are put, one attempt each
        codes: list[str] = []
        for i in range(40):
            try:
                _put_once(emulator, i)
                codes.append("OK")
            except botocore.exceptions.ClientError as error:
                codes.append(error.response["Error"]["Code"])

        # THEN some calls fail with each error, only the others are stored, and each fault is reported
        failed = [c for c in codes if c != "OK"]
        assert set(failed) == {"ProvisionedThroughputExceededException", "InternalServerError"}
        stored = plain.scan(TableName="faults")["Count"]
        assert stored == codes.count("OK")
        assert len(report.read_text().splitlines()) == len(failed)
    finally:
        emulator.close_stdin_and_wait()


def _put_once(emulator: EmulatorProcess, i: int) -> None:
    import boto3
    from botocore.config import Config

    client = boto3.client(
        "dynamodb",
        endpoint_url=emulator.endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"total_max_attempts": 1}),
    )
    client.put_item(TableName="faults", Item={"pk": {"S": f"k{i}"}})


@pytest.mark.parametrize("configuration", [None, ""])
def test_fault_injection_when_not_configured_should_install_nothing(
    configuration: str | None,
) -> None:
    # GIVEN moto's PutItem handler
    import fault_injection
    from moto.dynamodb.responses import DynamoHandler

    before = DynamoHandler.put_item

    # WHEN fault injection is applied without a configuration
    fault_injection.apply(configuration)

    # THEN the handler is moto's
    assert DynamoHandler.put_item is before

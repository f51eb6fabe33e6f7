"""samples/publish_through_endpoint.py: the one setting (EndpointId) and the one dependency
(awscrt), without any network."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import botocore.compat

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import publish_through_endpoint as sample  # noqa: E402


class RecordingClient:
    """Stands in for the events client: records each put_events call (botocore's own Stubber
    cannot stand in here: without awscrt botocore refuses an EndpointId call before any stub)."""

    def __init__(self) -> None:
        self.calls: list[dict] = []

    def put_events(self, **parameters):
        self.calls.append(parameters)
        return {"FailedEntryCount": 0, "Entries": [{"EventId": "e"} for _ in parameters["Entries"]]}


def test_publish_when_given_entries_should_put_them_through_the_endpoint_in_batches_of_ten():
    # GIVEN
    lines = [
        json.dumps({"Source": "trading.oms", "DetailType": "Trade Executed", "Detail": {"n": n}})
        for n in range(12)
    ]
    to_send = sample.entries(["", *lines], "eventbus-trades-dev")
    events = RecordingClient()

    # WHEN
    results = sample.publish(events, "abcde.veo", to_send)

    # THEN
    assert len(results) == 12
    assert [call["EndpointId"] for call in events.calls] == ["abcde.veo", "abcde.veo"]
    assert [len(call["Entries"]) for call in events.calls] == [10, 2]
    assert {entry["EventBusName"] for entry in to_send} == {"eventbus-trades-dev"}
    assert json.loads(events.calls[1]["Entries"][1]["Detail"]) == {"n": 11}


def test_main_without_the_common_runtime_should_say_which_package_is_missing(tmp_path, capsys):
    # GIVEN the project virtualenv, which has no awscrt (tools/requirements.txt)
    assert not botocore.compat.HAS_CRT
    entries = tmp_path / "entries.jsonl"
    entries.write_text(
        json.dumps({"Source": "trading.oms", "DetailType": "Trade Executed", "Detail": {}}) + "\n"
    )

    # WHEN
    code = sample.main(["--endpoint-id", "abcde.veo", "--bus", "eventbus-trades-dev", str(entries)])

    # THEN botocore refused to sign with SigV4a before sending anything
    assert code == 2
    assert "pip install 'boto3[crt]'" in capsys.readouterr().err

"""EventBridge archive replays as the `trades replay` command uses them.

moto 5.2.5 implements StartReplay and DescribeReplay, and replays synchronously inside StartReplay
(DescribeReplay then answers COMPLETED), but it replays *every* archived event, whatever the
requested window. AWS replays only the events "that occurred between the EventStartTime and
EventEndTime" (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_StartReplay.html);
a replay of one window must not re-send the rest of the archive. tests/test_cli_patches.py fails
without the patch below.
"""

from __future__ import annotations

import datetime
from typing import Any


def apply() -> None:
    """Installs the patches; called once from moto_patches.apply, before the server starts."""
    _replay_only_the_window()


def epoch_seconds(value: Any) -> float | None:
    """A time as EventBridge's JSON protocol or moto holds it: epoch seconds, ISO-8601 or datetime."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
        return moment.timestamp()
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value)
    try:
        return float(text)
    except ValueError:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        return epoch_seconds(moment)


class _Window:
    """The part of an archive a replay reads: its events, copied, those of the window only."""

    def __init__(self, events: list[dict[str, Any]]):
        self.events = events


def _replay_only_the_window() -> None:
    from moto.events.models import Replay

    moto_replay_events = Replay.replay_events

    def replay_events(self: Replay, archive: Any) -> None:
        start = epoch_seconds(self.event_start_time)
        end = epoch_seconds(self.event_end_time)
        # A copy: the archive keeps growing while the replay delivers (other PutEvents calls).
        in_window = [
            event
            for event in list(archive.events)
            if (moment := epoch_seconds(event.get("time"))) is not None and start <= moment <= end
        ]
        moto_replay_events(self, _Window(in_window))

    Replay.replay_events = replay_events

"""The adaptations of moto 5.2.x that running the pipeline offline needs, installed together.

Each patch replaces one narrow seam of moto and says which behaviour it adapts and why; the
rest is moto as released. One module per service holds them, each with its tests beside it in
tests/test_<module>.py: lambda_patches (invocations run on the Lambda host), eventbridge_patches
(rules deliver to state machines), stepfunctions_patches (the interpreter), server_patches
(request routing and threads), deployment_patches (the rehearsal of deploy/*.sh),
limits_patches (AWS's size limits), execution_events_patches (execution status change events),
fault_injection (test-only faults, ADR 0027), cli_patches (archive replays of one window,
for `trades replay`) and failover_patches (EventBridge global endpoints and Route 53 health checks,
ADR 0030). They are written against moto 5.2.5 (pinned
in tools/requirements.txt); the tests fail if an upgrade moves a seam.
"""

from __future__ import annotations

from dataclasses import dataclass

import cli_patches
import deployment_patches
import eventbridge_patches
import execution_events_patches
import failover_patches
import fault_injection
import lambda_patches
import limits_patches
import server_patches
import stepfunctions_patches


@dataclass(frozen=True)
class PatchSettings:
    """What the patches need from the launcher's configuration."""

    lambda_host_url: str | None
    retry_wait_scale: float


def apply(settings: PatchSettings) -> None:
    """Installs every patch; called once, before the server accepts requests."""
    lambda_patches.apply(settings.lambda_host_url)
    eventbridge_patches.apply()
    stepfunctions_patches.apply(settings.retry_wait_scale)
    server_patches.apply()
    deployment_patches.apply()
    limits_patches.apply()
    execution_events_patches.apply()
    fault_injection.apply()
    cli_patches.apply()
    failover_patches.apply()

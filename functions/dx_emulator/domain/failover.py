"""StartBgpFailoverTest / StopBgpFailoverTest's rules, and a test's history as AWS reports it."""

from __future__ import annotations

import math
from dataclasses import replace

from ..errors import ClientException
from ..records import record
from .context import Context
from .failover_records import new_test_id
from .model import FailoverTest, VirtualInterface

DEFAULT_MINUTES = 180  # AWS's default: 3 hours
MAX_MINUTES = 4320  # AWS's maximum: 72 hours
TESTS_KEPT = 50  # history kept per VIF, newest first [choice]
IN_PROGRESS, COMPLETED = "in progress", "completed"  # AWS documents no values [choice]


@record
class History:
    """A test as ListVirtualInterfaceTestHistory shows it, at some moment."""

    test: FailoverTest
    status: str
    minutes: int


def start_test(vif: VirtualInterface, peer_ids: tuple[str, ...] | None, minutes: int | None,
               ctx: Context) -> tuple[VirtualInterface, FailoverTest]:
    minutes = DEFAULT_MINUTES if minutes is None else minutes
    if not 1 <= minutes <= MAX_MINUTES:
        raise ClientException(f"testDurationInMinutes must be 1 to {MAX_MINUTES}; {minutes} was given")
    running = vif.running_test(ctx.now)
    if running is not None:
        raise ClientException(
            f"A failover test ({running.test_id}) is already running on virtual interface {vif.virtual_interface_id}"
        )
    if vif.virtual_interface_state not in ("available", "down"):
        # A test needs peering sessions to put DOWN [choice].
        raise ClientException(f"Virtual interface {vif.virtual_interface_id} is {vif.virtual_interface_state}: "
                              "a failover test needs it available")
    live = {peer.bgp_peer_id for peer in vif.live_peers}
    chosen = tuple(peer_ids) if peer_ids else tuple(sorted(live))  # none named: every live peer [choice]
    for peer_id in chosen:
        if peer_id not in live:
            raise ClientException(
                f"BGP peer {peer_id} is not a live peer of virtual interface {vif.virtual_interface_id}"
            )
    test = FailoverTest(
        test_id=new_test_id(ctx, vif.virtual_interface_id),
        bgp_peer_ids=chosen,
        duration_minutes=minutes,
        started_at=ctx.now,
        ends_at=ctx.now + minutes * ctx.lifecycle.failover_minute,
    )
    return replace(vif, failover_tests=(test, *vif.failover_tests)[:TESTS_KEPT]), test


def stop_test(vif: VirtualInterface, ctx: Context) -> tuple[VirtualInterface, FailoverTest]:
    running = vif.running_test(ctx.now)
    if running is None:
        raise ClientException(f"No failover test is running on virtual interface {vif.virtual_interface_id}")
    stopped = replace(running, stopped_at=ctx.now)
    tests = tuple(stopped if test.test_id == running.test_id else test for test in vif.failover_tests)
    return replace(vif, failover_tests=tests), stopped


def history(test: FailoverTest, ctx: Context) -> History:
    """Running: the minutes asked for. Over: the minutes it ran, rounded up [choice]."""
    if test.is_running(ctx.now):
        return History(test, IN_PROGRESS, test.duration_minutes)
    ran = math.ceil((test.end - test.started_at) / ctx.lifecycle.failover_minute)
    return History(test, COMPLETED, max(1, min(ran, test.duration_minutes)))

"""StartBgpFailoverTest, StopBgpFailoverTest, ListVirtualInterfaceTestHistory."""

from __future__ import annotations

from typing import Any

from ..domain.failover import History, history, start_test, stop_test
from ..domain.model import FailoverTest, VirtualInterface
from . import lookups, views
from .call import Call, optimistic
from .pages import PAGE_MAX, page_request, paged


def start(call: Call) -> dict[str, Any]:
    vif_id = call.params.string("virtualInterfaceId")
    peer_ids = call.params.strings("bgpPeers")
    minutes = call.params.integer("testDurationInMinutes")

    def attempt() -> tuple[VirtualInterface, FailoverTest]:
        ctx = call.context()
        vif = lookups.virtual_interface(call, ctx, vif_id)
        if call.replayed(vif):  # this request started it: its test id is the request's
            test_id = ctx.new_uuid("test")
            return vif, next(test for test in vif.failover_tests if test.test_id == test_id)
        vif, test = start_test(vif, peer_ids, minutes, ctx)
        return call.save(vif), test

    vif, test = optimistic(attempt)
    return {"virtualInterfaceTest": views.test_history(vif, history(test, call.context()))}


def stop(call: Call) -> dict[str, Any]:
    vif_id = call.params.string("virtualInterfaceId")

    def attempt() -> tuple[VirtualInterface, FailoverTest]:
        ctx = call.context()
        vif = lookups.virtual_interface(call, ctx, vif_id)
        if call.replayed(vif):  # this request stopped the VIF's latest test
            return vif, vif.failover_tests[0]
        vif, test = stop_test(vif, ctx)
        return call.save(vif), test

    vif, test = optimistic(attempt)
    return {"virtualInterfaceTest": views.test_history(vif, history(test, call.context()))}


def _newest_first(pair: tuple[VirtualInterface, History]) -> str:
    # Keys sort ascending: a later start gives a smaller key; the test id breaks ties.
    return f"{10**11 - pair[1].test.started_at:020.6f}#{pair[1].test.test_id}"


def list_history(call: Call) -> dict[str, Any]:
    params = call.params
    vif_id, test_id, status = params.string("virtualInterfaceId"), params.string("testId"), params.string("status")
    peers = set(params.strings("bgpPeers") or ())
    request = page_request(call, "ListVirtualInterfaceTestHistory", vif_id, test_id, status, sorted(peers),
                           default=PAGE_MAX)
    ctx = call.context()
    if vif_id is not None:
        vifs = [lookups.virtual_interface(call, ctx, vif_id)]
    else:
        vifs = [v for v in (lookups.current_vif(vif, ctx) for vif in call.store.query(VirtualInterface, call.scope))
                if v is not None]
    found = [(vif, item) for vif, item in ((vif, history(test, ctx)) for vif in vifs for test in vif.failover_tests)
             if (test_id is None or item.test.test_id == test_id) and peers <= set(item.test.bgp_peer_ids)
             and (status is None or item.status == status)]
    shown, token = paged(found, _newest_first, request, lambda pair: views.test_history(*pair))
    result: dict[str, Any] = {"virtualInterfaceTestHistory": shown}
    if token is not None:
        result["nextToken"] = token
    return result

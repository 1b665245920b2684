"""StartBgpFailoverTest, StopBgpFailoverTest, ListVirtualInterfaceTestHistory."""

from __future__ import annotations

from typing import Any

from ..domain.failover import History, history, start_test, stop_test
from ..domain.model import FailoverTest, VirtualInterface
from ..errors import ClientException
from . import lookups, views
from .call import Call, optimistic

PAGE_MAX = 100  # AWS: a larger maxResults still returns 100


def start(call: Call) -> dict[str, Any]:
    vif_id = call.params.string("virtualInterfaceId")
    peer_ids = call.params.strings("bgpPeers")
    minutes = call.params.integer("testDurationInMinutes")

    def attempt() -> tuple[VirtualInterface, FailoverTest]:
        ctx = call.context()
        vif, test = start_test(lookups.virtual_interface(call, ctx, vif_id), peer_ids, minutes, ctx)
        call.store.save(vif)
        return vif, test

    vif, test = optimistic(attempt)
    return {"virtualInterfaceTest": views.test_history(vif, history(test, call.context()))}


def stop(call: Call) -> dict[str, Any]:
    vif_id = call.params.string("virtualInterfaceId")

    def attempt() -> tuple[VirtualInterface, FailoverTest]:
        ctx = call.context()
        vif, test = stop_test(lookups.virtual_interface(call, ctx, vif_id), ctx)
        call.store.save(vif)
        return vif, test

    vif, test = optimistic(attempt)
    return {"virtualInterfaceTest": views.test_history(vif, history(test, call.context()))}


def list_history(call: Call) -> dict[str, Any]:
    params = call.params
    vif_id, test_id, status = params.string("virtualInterfaceId"), params.string("testId"), params.string("status")
    peers = set(params.strings("bgpPeers") or ())
    page = min(params.integer("maxResults") or PAGE_MAX, PAGE_MAX)
    token = params.string("nextToken")
    start_at = int(token) if token and token.isdigit() else 0
    if token and not token.isdigit():
        raise ClientException("nextToken is not one this endpoint issued")
    ctx = call.context()
    if vif_id is not None:
        vifs = [lookups.virtual_interface(call, ctx, vif_id)]
    else:
        vifs = [v for v in (lookups.current_vif(vif, ctx) for vif in call.store.query(VirtualInterface, call.scope))
                if v is not None]
    found: list[tuple[VirtualInterface, History]] = [
        (vif, history(test, ctx)) for vif in vifs for test in vif.failover_tests
        if (test_id is None or test.test_id == test_id) and peers <= set(test.bgp_peer_ids)
    ]
    found = [(vif, item) for vif, item in found if status is None or item.status == status]
    found.sort(key=lambda pair: pair[1].test.started_at, reverse=True)  # newest first
    chosen = found[start_at:start_at + page]
    result: dict[str, Any] = {"virtualInterfaceTestHistory": [views.test_history(vif, item) for vif, item in chosen]}
    if start_at + page < len(found):
        result["nextToken"] = str(start_at + page)
    return result

"""StartBgpFailoverTest, StopBgpFailoverTest, ListVirtualInterfaceTestHistory."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

from ..domain.context import Context
from ..domain.failover import History, history, start_test, stop_test
from ..domain.failover_records import FailoverRecord, dropped, new_test_id, order_key, record_of, vif_of_test
from ..domain.model import FailoverTest, VirtualInterface
from ..store.writes import Delete, Put
from . import lookups, views
from .call import Call, optimistic
from .listing import fetch_batches
from .pages import PAGE_MAX, PageRequest, page_request, paged

Found = tuple[VirtualInterface, History]


def start(call: Call) -> dict[str, Any]:
    vif_id = call.params.string("virtualInterfaceId")
    peer_ids = call.params.strings("bgpPeers")
    minutes = call.params.integer("testDurationInMinutes")

    def attempt() -> tuple[VirtualInterface, FailoverTest]:
        ctx = call.context()
        vif = lookups.virtual_interface(call, ctx, vif_id)
        if call.replayed(vif):  # this request started it: its test id is the request's
            test_id = new_test_id(ctx, vif.virtual_interface_id)
            return vif, next(test for test in vif.failover_tests if test.test_id == test_id)
        started, test = start_test(vif, peer_ids, minutes, ctx)
        # The test's place in the account's history, in the same commit; the record of a test the
        # VIF no longer keeps goes in it too, so the history never reads a record for nothing.
        saved = call.commit(Put(started), Put(record_of(started, test)),
                            *(Delete(old) for old in dropped(vif, started)))
        return cast(VirtualInterface, saved), test

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


def _newest_first(pair: Found) -> str:
    return order_key(pair[1].test.test_id, pair[1].test.started_at)


def _tests(vif: VirtualInterface | None, ctx: Context, keep: Callable[[History], bool]) -> list[Found]:
    return [] if vif is None else [(vif, item) for item in (history(test, ctx) for test in vif.failover_tests)
                                   if keep(item)]


def _account_history(call: Call, ctx: Context, request: PageRequest, keep: Callable[[History], bool]) -> list[Found]:
    """The page's tests: the account's records from the page's token on, newest first, as far as the
    page needs, and the VIFs they name, each read once, a batch of records' VIFs in one call. A record
    whose test its VIF no longer holds (or whose VIF is gone) is skipped, as the VIF is the truth."""
    vifs: dict[str, VirtualInterface | None] = {}

    def load(after: str | None, limit: int | None) -> list[FailoverRecord]:
        return call.store.query(FailoverRecord, call.scope, after=after, limit=limit)

    def resolve(records: Sequence[FailoverRecord]) -> list[Found]:
        unread = {record.virtual_interface_id for record in records} - vifs.keys()
        if unread:
            read = {vif.virtual_interface_id: vif for vif in call.store.get_many(VirtualInterface, call.scope, unread)}
            vifs.update({vif_id: None if vif_id not in read else lookups.current_vif(read[vif_id], ctx)
                         for vif_id in unread})
        found: list[Found] = []
        for record in records:
            vif = vifs[record.virtual_interface_id]
            test = None if vif is None else next((t for t in vif.failover_tests if t.test_id == record.test_id), None)
            if vif is not None and test is not None and keep(item := history(test, ctx)):
                found.append((vif, item))
        return found

    return fetch_batches(request, load, resolve, lambda record: record.resource_id)


def list_history(call: Call) -> dict[str, Any]:
    params = call.params
    vif_id, test_id, status = params.string("virtualInterfaceId"), params.string("testId"), params.string("status")
    peers = set(params.strings("bgpPeers") or ())
    request = page_request(call, "ListVirtualInterfaceTestHistory", vif_id, test_id, status, sorted(peers),
                           default=PAGE_MAX)
    ctx = call.context()

    def keep(item: History) -> bool:
        return ((test_id is None or item.test.test_id == test_id) and peers <= set(item.test.bgp_peer_ids)
                and (status is None or item.status == status))

    if vif_id is not None:
        found = _tests(lookups.virtual_interface(call, ctx, vif_id), ctx, keep)
    elif test_id is not None:
        # The one VIF the test id names (domain/failover_records.py): an unknown id answers nothing.
        named = vif_of_test(test_id)
        stored = None if named is None else call.store.get(VirtualInterface, call.scope, named)
        found = _tests(None if stored is None else lookups.current_vif(stored, ctx), ctx, keep)
    else:
        found = _account_history(call, ctx, request, keep)
    shown, token = paged(found, _newest_first, request, lambda pair: views.test_history(*pair))
    result: dict[str, Any] = {"virtualInterfaceTestHistory": shown}
    if token is not None:
        result["nextToken"] = token
    return result

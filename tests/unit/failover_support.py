"""An account on the in-memory store whose reads are counted, driven through the failover operations
themselves; and ListVirtualInterfaceTestHistory as it was before failover-test records existed, to
hold the new answers to (byte for byte, page for page)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar, cast

from dx_emulator.config import Settings
from dx_emulator.domain.failover import history
from dx_emulator.domain.model import Connection, FailoverTest, VirtualInterface
from dx_emulator.operations import failover, lookups, views
from dx_emulator.operations.call import Call
from dx_emulator.operations.inputs import Members
from dx_emulator.operations.pages import PAGE_MAX, page_request, paged
from dx_emulator.scope import Scope
from dx_emulator.store.memory import MemoryRepository
from dx_emulator.store.writes import Put
from tests.unit.domain_support import NOW, conn, vif

if TYPE_CHECKING:
    from dx_emulator.store.kinds import Entity

ACCOUNT = "123456789012"  # domain_support's
SCOPE = Scope(ACCOUNT, "us-east-1")
SETTINGS = Settings.from_environment({})
E = TypeVar("E", bound="Entity")


class CountingStore(MemoryRepository):
    """The embedded store, noting every item a read returns: (kind, id)."""

    def __init__(self) -> None:
        super().__init__()
        self.reads: list[tuple[str, str]] = []

    def _saw(self, found: Iterable[Entity | None]) -> None:
        self.reads += [(type(entity).__name__, entity.resource_id) for entity in found if entity is not None]

    def get(self, entity_class: type[E], scope: Scope, resource_id: str) -> E | None:
        found = super().get(entity_class, scope, resource_id)
        self._saw([found])
        return found

    def query(self, entity_class: type[E], scope: Scope, id_prefix: str = "", *, after: str | None = None,
              limit: int | None = None) -> list[E]:
        found = super().query(entity_class, scope, id_prefix, after=after, limit=limit)
        self._saw(found)
        return found

    def get_many(self, entity_class: type[E], scope: Scope, resource_ids: Iterable[str]) -> list[E]:
        found = super().get_many(entity_class, scope, resource_ids)
        self._saw(found)
        return found

    def kinds_read(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for kind, _ in self.reads:
            counts[kind] = counts.get(kind, 0) + 1
        return counts


@dataclass
class World:
    """One account, its clock moved by hand: each test starts a second after the last."""

    store: CountingStore = field(default_factory=CountingStore)
    now: float = NOW + 10
    requests: int = 0

    def call(self, params: dict[str, Any], token: str | None = None) -> Call:
        self.requests += 1
        return Call(SCOPE, Members(params), self.store, SETTINGS, token or f"request-{self.requests}",
                    clock=lambda: self.now)

    def add_vifs(self, vif_ids: Iterable[str], tests: tuple[FailoverTest, ...] = ()) -> list[str]:
        """Available VIFs, written as they are, on one connection."""
        base = replace(vif(), virtual_interface_state="available", failover_tests=tests)
        if self.store.get(Connection, SCOPE, base.connection_id) is None:  # DeleteVirtualInterface frees its slot
            self.store.commit([Put(conn())], "create-connection")
        added = list(vif_ids)
        for vif_id in added:
            self.store.commit([Put(replace(base, virtual_interface_id=vif_id))], f"create-{vif_id}")
        return added

    def start(self, vif_id: str, *, advance: float = 1.0, token: str | None = None, **params: Any) -> str:
        self.now += advance
        answer = failover.start(self.call({"virtualInterfaceId": vif_id, "testDurationInMinutes": 30, **params},
                                          token))
        test_id: str = answer["virtualInterfaceTest"]["testId"]
        return test_id

    def stop(self, vif_id: str) -> None:
        self.now += 1
        failover.stop(self.call({"virtualInterfaceId": vif_id}))

    def history(self, **params: Any) -> dict[str, Any]:
        """The answer, with the store's reads counted from zero."""
        self.store.reads.clear()
        return failover.list_history(self.call(params))

    def history_before_records(self, **params: Any) -> dict[str, Any]:
        return list_history_before_records(self.call(params))

    def all_pages(self, **params: Any) -> list[dict[str, Any]]:
        """Every page, from the first to the one without a nextToken, checked against the answer
        before records page for page (with the same token: tokens are byte-identical too)."""
        pages = []
        token: str | None = None
        while True:
            given = {**params, **({"nextToken": token} if token else {})}
            answer = self.history(**given)
            assert answer == self.history_before_records(**given)
            pages.append(answer)
            token = answer.get("nextToken")
            if token is None:
                return pages


def _newest_first(pair: tuple[VirtualInterface, Any]) -> str:
    return f"{10**11 - pair[1].test.started_at:020.6f}#{pair[1].test.test_id}"


def list_history_before_records(call: Call) -> dict[str, Any]:
    """operations/failover.py's list_history as it was before records (commit a47933b): every VIF read."""
    params = call.params
    vif_id, test_id, status = params.string("virtualInterfaceId"), params.string("testId"), params.string("status")
    peers = set(params.strings("bgpPeers") or ())
    request = page_request(call, "ListVirtualInterfaceTestHistory", vif_id, test_id, status, sorted(peers),
                           default=PAGE_MAX)
    ctx = call.context()
    if vif_id is not None:
        vifs = [lookups.virtual_interface(call, ctx, vif_id)]
    else:
        every = MemoryRepository.query(cast(MemoryRepository, call.store), VirtualInterface, call.scope)  # uncounted
        vifs = [v for v in (lookups.current_vif(vif, ctx) for vif in every) if v is not None]
    found = [(vif, item) for vif, item in ((vif, history(test, ctx)) for vif in vifs for test in vif.failover_tests)
             if (test_id is None or item.test.test_id == test_id) and peers <= set(item.test.bgp_peer_ids)
             and (status is None or item.status == status)]
    shown, token = paged(found, _newest_first, request, lambda pair: views.test_history(*pair))
    result: dict[str, Any] = {"virtualInterfaceTestHistory": shown}
    if token is not None:
        result["nextToken"] = token
    return result

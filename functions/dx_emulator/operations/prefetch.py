"""The resource a request names, read together with its account's record: every request reads the
record (operations/accounts.py), and an operation on one resource reads that resource first, so one
BatchGetItem serves both and the request makes one round trip fewer.

The prefetched item is handed out once, to the operation's first read of it; a retry after a lost
race reads the store again, so nothing stale is ever decided on twice."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

from ..domain.model import Connection, Lag, VirtualInterface
from ..scope import Scope
from ..store.repository import Repository
from ..store.writes import Write

if TYPE_CHECKING:
    from ..store.kinds import Entity

E = TypeVar("E", bound="Entity")

# Operation -> the member naming the resource it reads first.
NAMED = {
    **dict.fromkeys(("CreateBGPPeer", "UpdateVirtualInterfaceAttributes", "DeleteVirtualInterface",
                     "StartBgpFailoverTest", "StopBgpFailoverTest", "ConfirmPrivateVirtualInterface",
                     "ConfirmPublicVirtualInterface", "ConfirmTransitVirtualInterface", "AssociateVirtualInterface",
                     "DescribeVirtualInterfaces", "DeleteBGPPeer", "ListVirtualInterfaceRoutes",
                     "ListVirtualInterfaceTestHistory", "DescribeRouterConfiguration"), "virtualInterfaceId"),
    **dict.fromkeys(("DeleteConnection", "UpdateConnection", "DescribeConnections", "DescribeConnectionLoa",
                     "ConfirmConnection", "CreatePrivateVirtualInterface", "CreatePublicVirtualInterface",
                     "CreateTransitVirtualInterface", "AssociateMacSecKey", "DisassociateMacSecKey",
                     "DescribeLoa"), "connectionId"),
    **dict.fromkeys(("DeleteLag", "UpdateLag", "DescribeLags"), "lagId"),
    **dict.fromkeys(("DeleteInterconnect", "DescribeInterconnects", "DescribeInterconnectLoa"), "interconnectId"),
}
KIND_BY_PREFIX: dict[str, type[Any]] = {"dxvif-": VirtualInterface, "dxcon-": Connection, "dxlag-": Lag}


def named(operation: str, params: Mapping[str, Any]) -> tuple[type[Any], str] | None:
    """The kind and id of the resource ``operation`` reads first, if the request names one."""
    member = NAMED.get(operation)
    value = params.get(member) if member else None
    if not isinstance(value, str):
        return None
    if member == "interconnectId":
        from ..domain.hosted.model import Interconnect  # noqa: PLC0415 - the hosted family loads with its operations

        return Interconnect, value
    kind = next((cls for prefix, cls in KIND_BY_PREFIX.items() if value.startswith(prefix)), None)
    return None if kind is None else (kind, value)


class Prefetched:
    """The store, with one item already read: the first ``get`` of it is answered without a call."""

    def __init__(self, store: Repository, kind: type[Any], scope: Scope, resource_id: str, found: Any) -> None:
        self._store, self._key, self._found = store, (kind, scope, resource_id), found
        self._fresh = True

    def get(self, entity_class: type[E], scope: Scope, resource_id: str) -> E | None:
        if self._fresh and (entity_class, scope, resource_id) == self._key:
            self._fresh = False
            return cast(E | None, self._found)
        return self._store.get(entity_class, scope, resource_id)

    def query(self, *args: Any, **kwargs: Any) -> list[Any]:
        return self._store.query(*args, **kwargs)

    def get_many(self, entity_class: type[E], scope: Scope, resource_ids: Iterable[str]) -> list[E]:
        return self._store.get_many(entity_class, scope, resource_ids)

    def commit(self, writes: Sequence[Write], token: str) -> Entity:
        self._fresh = False  # whatever it read is now older than what it wrote
        return self._store.commit(writes, token)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

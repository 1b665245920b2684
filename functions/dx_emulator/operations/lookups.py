"""Loading a resource by id as it is now (lifecycle applied), or the "not found" error AWS answers
(clients match on its words)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..domain import lifecycle
from ..domain.context import Context, vif_bucket
from ..domain.hosted.model import Allocation
from ..domain.model import Connection, Lag, Parent, VirtualInterface
from ..errors import ClientException, NotFoundException
from .call import Call

E = TypeVar("E", Connection, Lag, VirtualInterface)


def current_connection(conn: Connection, ctx: Context) -> Connection | None:
    return lifecycle.current_connection(conn, ctx.lifecycle, ctx.now)


def current_lag(lag: Lag, ctx: Context) -> Lag | None:
    return lifecycle.current_lag(lag, ctx.lifecycle, ctx.now)


def current_vif(vif: VirtualInterface, ctx: Context) -> VirtualInterface | None:
    return lifecycle.current_vif(vif, ctx.lifecycle, ctx.now)


def required(value: str | None, name: str) -> str:
    if not value:
        raise ClientException(f"{name} is required")
    return value


def _load(call: Call, ctx: Context, kind: type[E], resource_id: str, *,
          current: Callable[[E, Context], E | None], missing: str) -> E:
    found = call.store.get(kind, call.scope, resource_id)
    now = None if found is None else current(found, ctx)
    if now is None:
        raise NotFoundException(missing)
    return now


def connection(call: Call, ctx: Context, connection_id: str | None) -> Connection:
    connection_id = required(connection_id, "connectionId")
    # Terraform matches "Could not find Connection with ID".
    return _load(call, ctx, Connection, connection_id, current=current_connection,
                 missing=f"Could not find Connection with ID {connection_id}")


def lag(call: Call, ctx: Context, lag_id: str | None) -> Lag:
    lag_id = required(lag_id, "lagId")
    return _load(call, ctx, Lag, lag_id, current=current_lag, missing=f"Could not find Lag with ID {lag_id}")


def parent(call: Call, ctx: Context, parent_id: str | None) -> Parent:
    """What a VIF's connectionId names: a connection or a LAG."""
    if parent_id is not None and parent_id.startswith("dxlag-"):
        return lag(call, ctx, parent_id)
    return connection(call, ctx, parent_id)


def vif_missing(vif_id: str) -> str:
    return f"Virtual interface {vif_id} does not exist"  # Terraform matches "does not exist"


def virtual_interface(call: Call, ctx: Context, vif_id: str | None) -> VirtualInterface:
    """A VIF of the caller's. One it allocated to another account is that account's to change."""
    vif_id = required(vif_id, "virtualInterfaceId")
    try:
        return _load(call, ctx, VirtualInterface, vif_id, current=current_vif, missing=vif_missing(vif_id))
    except NotFoundException:
        record = call.store.get(Allocation, call.scope, vif_id)
        if record is None or (record.expires_at is not None and record.expires_at <= ctx.now):
            raise
        raise ClientException(f"Virtual interface {vif_id} belongs to account {record.allocated_to}, to which it was "
                              "allocated: only that account can confirm it, change it or read its tags") from None


def virtual_interface_with_peer(call: Call, ctx: Context, bgp_peer_id: str) -> VirtualInterface:
    """The VIF that holds (or held) the peer; whether the peer is still there is the rule's to say."""
    bucket = vif_bucket(bgp_peer_id)
    # The VIFs whose ids begin as the peer's does (almost always one): a key range, not a filter.
    candidates = [] if bucket is None else call.store.query(VirtualInterface, call.scope, bucket)
    vif = next((v for v in candidates if any(p.bgp_peer_id == bgp_peer_id for p in v.bgp_peers)), None)
    current = None if vif is None else current_vif(vif, ctx)
    if current is None:
        raise NotFoundException(f"BGP peer {bgp_peer_id} does not exist")
    return current

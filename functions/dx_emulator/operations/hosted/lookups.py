"""Finding what an account allocated to others: its ``allocation#`` records name the owner account
whose partition holds each hosted VIF or hosted connection."""

from __future__ import annotations

from collections import defaultdict
from typing import TypeVar

from ...domain.context import Context
from ...domain.hosted.connections import Host
from ...domain.hosted.model import Allocation, Interconnect
from ...domain.lifecycle import current_interconnect
from ...domain.model import Connection, Lag, VirtualInterface
from ...errors import NotFoundException
from ...scope import Scope
from .. import lookups
from ..call import Call

E = TypeVar("E", Connection, VirtualInterface)


def allocation(call: Call, resource_id: str) -> Allocation | None:
    return call.store.get(Allocation, call.scope, resource_id)


def allocated(call: Call, kind: type[E], resource_id: str) -> E | None:
    """A hosted VIF or connection the caller allocated, as stored (in its owner's partition), or None."""
    record = allocation(call, resource_id)
    if record is None:
        return None
    return call.store.get(kind, Scope(record.allocated_to, call.scope.region), resource_id)


def all_allocated(call: Call, kind: type[E], parent_id: str | None = None, *, after: str | None = None,
                  limit: int | None = None) -> list[E]:
    """The hosted VIFs (or connections) the caller allocated, as stored, in id order: on ``parent_id``
    if given; those after the id ``after``, at most ``limit`` (keyset, as ``Repository.query``)."""
    prefix = "dxvif-" if kind is VirtualInterface else "dxcon-"
    owners: dict[str, list[str]] = defaultdict(list)
    for record in call.store.query(Allocation, call.scope, prefix, after=after, limit=limit):
        if parent_id in (None, record.parent_id):
            owners[record.allocated_to].append(record.allocated_id)
    found: list[E] = []
    for owner, ids in sorted(owners.items()):
        found += call.store.get_many(kind, Scope(owner, call.scope.region), ids)
    return sorted(found, key=lambda entity: entity.resource_id)


def on_parent(call: Call, parent_id: str) -> list[VirtualInterface]:
    """The VIFs on a connection or LAG that the caller may see: its own, and those it allocated to
    other accounts on its ports. The by-parent index names them; only they are read."""
    owners: dict[str, list[str]] = defaultdict(list)
    for account, vif_id in call.store.on_parent(call.scope.region, parent_id):
        owners[account].append(vif_id)
    found = [vif for account, ids in sorted(owners.items())
             for vif in call.store.get_many(VirtualInterface, Scope(account, call.scope.region), ids)]
    mine = call.scope.account
    return [vif for vif in found if vif.connection_id == parent_id and mine in (vif.owner_account, vif.allocated_by)]


def visible_vif(call: Call, ctx: Context, vif_id: str | None) -> VirtualInterface:
    """A VIF of the caller's, or one it allocated to another account (which it may see and delete)."""
    vif_id = lookups.required(vif_id, "virtualInterfaceId")
    found = call.store.get(VirtualInterface, call.scope, vif_id) or allocated(call, VirtualInterface, vif_id)
    current = None if found is None else lookups.current_vif(found, ctx)
    if current is None:
        raise NotFoundException(lookups.vif_missing(vif_id))
    return current


def interconnect(call: Call, ctx: Context, interconnect_id: str | None) -> Interconnect:
    interconnect_id = lookups.required(interconnect_id, "interconnectId")
    found = call.store.get(Interconnect, call.scope, interconnect_id)
    current = None if found is None else current_interconnect(found, ctx.lifecycle, ctx.now)
    if current is None:
        # By analogy with "Could not find Connection with ID", which Terraform matches [choice].
        raise NotFoundException(f"Could not find Interconnect with ID {interconnect_id}")
    return current


def host(call: Call, ctx: Context, host_id: str | None, operation: str, member: str = "connectionId") -> Host:
    """The caller's interconnect or LAG named by ``member``, or AWS's words for one it has not
    [seen: DescribeHostedConnections' answer, which starts with the caller's account]."""
    host_id = lookups.required(host_id, member)
    kind: type[Host] = Lag if host_id.startswith("dxlag-") else Interconnect
    found = call.store.get(kind, call.scope, host_id)
    if isinstance(found, Lag):
        current: Host | None = lookups.current_lag(found, ctx)
    else:
        current = None if found is None else current_interconnect(found, ctx.lifecycle, ctx.now)
    if current is None:
        raise NotFoundException(f"{call.scope.account} {operation} failed for connection {host_id} doesn't exist.")
    return current


def visible_connection(call: Call, ctx: Context, connection_id: str | None) -> Connection:
    """A connection of the caller's, or a hosted connection it allocated as a partner."""
    connection_id = lookups.required(connection_id, "connectionId")
    found = call.store.get(Connection, call.scope, connection_id) or allocated(call, Connection, connection_id)
    current = None if found is None else lookups.current_connection(found, ctx)
    if current is None:
        raise NotFoundException(f"Could not find Connection with ID {connection_id}")  # Terraform matches it
    return current


def allocators_port(call: Call, vif: VirtualInterface) -> Connection | Lag:
    """The connection or LAG a hosted VIF was allocated on, in its allocator's partition."""
    kind: type[Connection | Lag] = Lag if vif.connection_id.startswith("dxlag-") else Connection
    found = call.store.get(kind, Scope(vif.allocated_by or vif.owner_account, vif.region), vif.connection_id)
    if found is None:
        raise NotFoundException(f"Could not find Connection with ID {vif.connection_id}")
    return found

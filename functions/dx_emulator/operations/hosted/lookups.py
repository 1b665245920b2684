"""Finding what an account allocated to others: its ``allocation#`` records name the owner account
whose partition holds each hosted VIF or hosted connection."""

from __future__ import annotations

from collections import defaultdict
from typing import TypeVar

from ...domain.context import Context
from ...domain.hosted.model import Allocation
from ...domain.model import Connection, VirtualInterface
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


def all_allocated(call: Call, kind: type[E], parent_id: str | None = None) -> list[E]:
    """Every hosted VIF (or connection) the caller allocated, on ``parent_id`` if given, as stored."""
    prefix = "dxvif-" if kind is VirtualInterface else "dxcon-"
    owners: dict[str, list[str]] = defaultdict(list)
    for record in call.store.query(Allocation, call.scope, prefix):
        if parent_id in (None, record.parent_id):
            owners[record.allocated_to].append(record.allocated_id)
    found: list[E] = []
    for owner, ids in sorted(owners.items()):
        found += call.store.get_many(kind, Scope(owner, call.scope.region), ids)
    return found


def visible_vif(call: Call, ctx: Context, vif_id: str | None) -> VirtualInterface:
    """A VIF of the caller's, or one it allocated to another account (which it may see and delete)."""
    vif_id = lookups.required(vif_id, "virtualInterfaceId")
    found = call.store.get(VirtualInterface, call.scope, vif_id) or allocated(call, VirtualInterface, vif_id)
    current = None if found is None else lookups.current_vif(found, ctx)
    if current is None:
        raise NotFoundException(lookups.vif_missing(vif_id))
    return current

"""AssociateVirtualInterface."""

from __future__ import annotations

from typing import Any, cast

from ..domain.model import Connection, Lag, VirtualInterface
from ..domain.vif_association import associate_virtual_interface
from ..store.writes import Check, Detach, Put, Write
from . import lookups, views
from .call import Call, optimistic


def associate(call: Call) -> dict[str, Any]:
    vif_id, target_id = call.params.string("virtualInterfaceId"), call.params.string("connectionId")

    def attempt() -> VirtualInterface:
        ctx = call.context()
        vif = lookups.virtual_interface(call, ctx, vif_id)  # the caller's own [choice: not its allocator's]
        target = lookups.parent(call, ctx, target_id)  # the caller's connection or LAG
        if vif.connection_id == target.resource_id:
            return vif  # already there (this request's earlier attempt, or before)
        on_member = isinstance(target, Connection) and target.lag_id is not None
        holder = lookups.lag(call, ctx, target.lag_id) if on_member else target
        old_holder_id = vif.slot_holder or vif.connection_id
        source = call.store.get(Connection, call.scope, vif.connection_id) if vif.connection_id.startswith(
            "dxcon-") else None
        moved, holder = associate_virtual_interface(vif, source, target, holder, ctx)
        writes: list[Write] = [Put(moved), Put(holder)]
        if old_holder_id != holder.resource_id:  # its slot leaves the old ports
            kind = Lag if old_holder_id.startswith("dxlag-") else Connection
            writes.append(Detach(kind, vif.owner_account, vif.region, old_holder_id, "vif_slots",
                                 vif.virtual_interface_id))
        if on_member:
            writes.append(Check(target))
        return cast(VirtualInterface, call.commit(*writes))

    return views.virtual_interface(optimistic(attempt), call.scope.account)

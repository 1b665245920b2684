"""Allocate{Private,Public,Transit}VirtualInterface (the connection owner) and
Confirm{Private,Public,Transit}VirtualInterface (the account the VIF was allocated to)."""

from __future__ import annotations

from typing import Any, cast

from ...domain.gateways.gateways import AttachmentSlot, attach
from ...domain.hosted.model import Allocation
from ...domain.hosted.virtual_interfaces import allocate_virtual_interface, confirm_virtual_interface
from ...domain.model import PRIVATE, PUBLIC, TRANSIT, Connection, VirtualInterface
from ...scope import Scope
from ...store.writes import Check, Put, Write
from .. import lookups, views
from ..call import Call, optimistic
from ..virtual_interfaces import gateways_of, new_virtual_interface

ALLOCATION_MEMBER = {
    PRIVATE: "newPrivateVirtualInterfaceAllocation",
    PUBLIC: "newPublicVirtualInterfaceAllocation",
    TRANSIT: "newTransitVirtualInterfaceAllocation",
}


def _allocate(call: Call, kind: str) -> VirtualInterface:
    request = new_virtual_interface(kind, call.params.structure(ALLOCATION_MEMBER[kind]), allocation=True)
    connection_id = call.params.string("connectionId")
    owner = call.params.string("ownerAccount")

    def attempt() -> VirtualInterface:
        ctx = call.context()
        parent = lookups.parent(call, ctx, connection_id)
        on_member = isinstance(parent, Connection) and parent.lag_id is not None
        holder = lookups.lag(call, ctx, parent.lag_id) if on_member else parent
        if call.replayed(holder):  # this request already allocated its VIF, under the request's id
            first_id = call.context().new_id("dxvif")  # a fresh context draws the request's first id again
            replayed = call.store.get(VirtualInterface, Scope(owner or "", ctx.region), first_id)
            if replayed is not None and call.replayed(replayed):  # never another request's resource
                return replayed
        holder, vif = allocate_virtual_interface(parent, request, ctx, owner or "", holder)
        record = Allocation(ctx.account, ctx.region, vif.virtual_interface_id, vif.owner_account, parent.resource_id)
        # The VIF in its owner's partition, its slot on the allocator's ports, and the allocator's
        # record of it: all or none.
        writes: list[Write] = [Put(vif), Put(holder), Put(record)]
        if on_member:
            writes.append(Check(parent))
        return cast(VirtualInterface, call.commit(*writes))

    return optimistic(attempt)


def allocate_private(call: Call) -> dict[str, Any]:
    return views.virtual_interface(_allocate(call, PRIVATE), call.scope.account)


def allocate_public(call: Call) -> dict[str, Any]:
    return views.virtual_interface(_allocate(call, PUBLIC), call.scope.account)


def allocate_transit(call: Call) -> dict[str, Any]:
    # Nested, as CreateTransitVirtualInterface's [doc; Terraform reads output.VirtualInterface].
    return {"virtualInterface": views.virtual_interface(_allocate(call, TRANSIT), call.scope.account)}


def _confirm(call: Call, kind: str) -> dict[str, Any]:
    vif_id = call.params.string("virtualInterfaceId")
    vgw = call.params.string("virtualGatewayId") if kind == PRIVATE else None
    dxgw = call.params.string("directConnectGatewayId") if kind != PUBLIC else None

    def attempt() -> VirtualInterface:
        ctx = call.context()
        vif = lookups.virtual_interface(call, ctx, vif_id)  # the owner's: only it confirms
        if call.replayed(vif):
            return vif
        # The VIF's own rules (its type, its state, which gateway it takes) before its gateway's.
        confirm_virtual_interface(vif, kind, ctx, virtual_gateway_id=vgw, direct_connect_gateway_id=dxgw)
        gateway, gateway_asn = gateways_of(call, ctx, vgw, dxgw)
        confirmed = confirm_virtual_interface(vif, kind, ctx, virtual_gateway_id=vgw, direct_connect_gateway_id=dxgw,
                                              gateway_asn=gateway_asn)
        writes: list[Write] = [Put(confirmed)]
        if gateway is not None:  # its place on the gateway, within the gateway's rules
            slot = AttachmentSlot(vif.virtual_interface_id, kind, vif.region, vif.owner_account)
            writes.append(Put(attach(gateway, slot)))
        return cast(VirtualInterface, call.commit(*writes))

    # As confirmed: pending (public: verifying) [doc: the CLI's examples].
    return {"virtualInterfaceState": optimistic(attempt).virtual_interface_state}


def confirm_private(call: Call) -> dict[str, Any]:
    return _confirm(call, PRIVATE)


def confirm_public(call: Call) -> dict[str, Any]:
    return _confirm(call, PUBLIC)


def confirm_transit(call: Call) -> dict[str, Any]:
    return _confirm(call, TRANSIT)

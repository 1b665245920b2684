"""AssociateVirtualInterface's rules: a VIF moved onto another connection or LAG of its owner."""

from __future__ import annotations

from dataclasses import replace

from ..errors import ClientException
from .context import Context
from .model import ENDED_STATES, PUBLIC, Connection, Lag, Parent, VifSlot, VirtualInterface
from .virtual_interfaces import NewVirtualInterface, check_ports


def associate_virtual_interface(vif: VirtualInterface, source: Parent | None, target: Parent, holder: Parent,
                                ctx: Context) -> tuple[VirtualInterface, Parent]:
    """The VIF on ``target`` (whose ports ``holder`` keeps: its LAG for a LAG member), starting over
    there (``pending``, its peers re-established on the new device) as AWS's example shows [doc], and
    the holder with its slot, under the target's VLAN and quota rules."""
    if vif.virtual_interface_state in ENDED_STATES:
        raise ClientException(f"Virtual interface {vif.virtual_interface_id} is {vif.virtual_interface_state}")
    if vif.allocated_by is not None:
        raise ClientException(f"Virtual interface {vif.virtual_interface_id} is a hosted virtual interface: it moves "
                              "only with its connection [choice]")
    if isinstance(source, Connection) and source.allocated_by is not None and isinstance(holder, Lag):
        raise ClientException("Virtual interfaces associated with a hosted connection cannot be associated with a "
                              "LAG; migrate the hosted connection with AssociateHostedConnection")  # [doc]
    others = replace(holder, vif_slots=tuple(slot for slot in holder.vif_slots
                                             if slot.virtual_interface_id != vif.virtual_interface_id))
    check_ports(target, others, NewVirtualInterface(vif.virtual_interface_type, vlan=vif.vlan))
    on_member = holder.resource_id != target.resource_id
    slot = VifSlot(vif.virtual_interface_id, vif.vlan, vif.virtual_interface_type,
                   target.resource_id if on_member else None)
    device, logical = target.aws_device, target.aws_logical_device_id
    starting = "verifying" if vif.virtual_interface_type == PUBLIC else "pending"
    # Each live peer is torn down on the old device and set up again on the new one, same family,
    # ASN and addresses, under a new id: AWS's example answers both, "deleting" and "pending" [doc].
    live = [peer for peer in vif.bgp_peers if peer.is_live]
    torn_down = [replace(peer, bgp_peer_state="deleting", bgp_status="down", deleted_at=ctx.now) for peer in live]
    taken = {peer.bgp_peer_id for peer in vif.bgp_peers}
    set_up = []
    for peer in live:
        taken.add(new_id := ctx.peer_id(vif.virtual_interface_id, taken))
        set_up.append(replace(peer, bgp_peer_id=new_id, bgp_peer_state=starting, bgp_status="down",
                              created_at=ctx.now, aws_device_v2=device, aws_logical_device_id=logical))
    moved = replace(
        vif, connection_id=target.resource_id, slot_holder=holder.resource_id if on_member else None,
        location=target.location, aws_device_v2=device, aws_logical_device_id=logical,
        virtual_interface_state=starting, associated_at=ctx.now,
        bgp_peers=(*(peer for peer in vif.bgp_peers if not peer.is_live), *torn_down, *set_up),
    )
    return moved, replace(others, vif_slots=(*others.vif_slots, slot))

"""AssociateConnectionWithLag and DisassociateConnectionFromLag's rules: connections moving into and
out of LAGs, their VIFs with them as AWS documents."""

from __future__ import annotations

from dataclasses import replace

from ..errors import ClientException, NotFoundException
from .connections import join_lag, plural
from .model import GONE_STATES, PRIVATE, PUBLIC, TRANSIT, Connection, Lag, VifSlot, VirtualInterface
from .virtual_interfaces import QUOTAS

TRANSITIONING = frozenset({"requested", "pending", "ordering"})


def _check_vlans(lag: Lag, slots: tuple[VifSlot, ...]) -> None:
    for slot in slots:
        for held in lag.vif_slots:
            if held.vlan == slot.vlan:
                raise ClientException(f"VLAN {slot.vlan} of virtual interface {slot.virtual_interface_id} is already "
                                      f"used by virtual interface {held.virtual_interface_id} on {lag.lag_id}")
        for hosted in lag.hosted_slots:
            if hosted.vlan == slot.vlan:
                raise ClientException(f"VLAN {slot.vlan} of virtual interface {slot.virtual_interface_id} is already "
                                      f"used by hosted connection {hosted.connection_id} on {lag.lag_id}")
    for kinds, kind in (({PRIVATE, PUBLIC}, PRIVATE), ({TRANSIT}, TRANSIT)):
        count = sum(slot.virtual_interface_type in kinds for slot in (*lag.vif_slots, *slots))
        if count > QUOTAS[kind]:
            raise ClientException(f"LAG {lag.lag_id} would have {count} "
                                  f"{'transit' if kind == TRANSIT else 'private and public'} virtual interfaces; "
                                  f"{QUOTAS[kind]} are allowed")


def associate(conn: Connection, lag: Lag, vifs: list[VirtualInterface]) -> tuple[Connection, Lag,
                                                                                list[VirtualInterface]]:
    """The connection (out of any LAG: see ``disassociate``) in ``lag``; the VIFs on it move onto the
    LAG [doc], within its VLANs and quotas."""
    if conn.connection_state in GONE_STATES or conn.allocated_by is not None:
        raise ClientException(f"Connection {conn.connection_id} cannot join a LAG: it is "
                              f"{'a hosted connection' if conn.allocated_by else conn.connection_state}")
    if any(slot.owner_account for slot in conn.vif_slots):
        # [choice] a hosted VIF's allocation names its connection; AWS moves it, the emulator does not
        raise ClientException(f"Connection {conn.connection_id} carries hosted virtual interfaces: delete them first")
    _check_vlans(lag, conn.vif_slots)
    joined, lag = join_lag(conn, lag)
    lag = replace(lag, vif_slots=(*lag.vif_slots, *(replace(slot, connection_id=None) for slot in conn.vif_slots)))
    moved = [replace(vif, connection_id=lag.lag_id, slot_holder=None) for vif in vifs]
    return replace(joined, vif_slots=()), lag, moved


def disassociate(conn: Connection, lag: Lag, vifs: list[VirtualInterface]) -> tuple[Connection, Lag,
                                                                                   list[VirtualInterface]]:
    """The connection out of its LAG (also on its way to another, by AssociateConnectionWithLag); its
    VIFs stay on the LAG [doc]. A LAG keeps its minimumLinks, except that its last member may always
    leave (the LAG stays, empty) [doc]."""
    if conn.connection_state in GONE_STATES:
        # Gone from its LAG already; Terraform's destroy ignores these words [seen].
        raise NotFoundException(f"Connection does not exist: {conn.connection_id} is {conn.connection_state}")
    if conn.lag_id != lag.lag_id or conn.connection_id not in lag.connection_ids:
        raise ClientException(f"Connection {conn.connection_id} is not a member of LAG {lag.lag_id}")
    if conn.connection_state in TRANSITIONING:
        raise ClientException(f"Connection {conn.connection_id} is in a transitioning state.")  # [seen]
    if any(slot.owner_account for slot in lag.vif_slots if slot.connection_id == conn.connection_id):
        raise ClientException(f"Connection {conn.connection_id} carries hosted virtual interfaces: delete them first")
    remaining = len(lag.connection_ids) - 1
    if remaining and remaining < lag.minimum_links:
        raise ClientException(f"Disassociating connection {conn.connection_id} would leave LAG {lag.lag_id} with "
                              f"{plural(remaining, 'connection')}, below its minimumLinks ({lag.minimum_links})")
    slots = tuple(replace(slot, connection_id=None) if slot.connection_id == conn.connection_id else slot
                  for slot in lag.vif_slots)
    left = replace(lag, connection_ids=tuple(m for m in lag.connection_ids if m != conn.connection_id),
                   vif_slots=slots)
    stayed = [replace(vif, connection_id=lag.lag_id, slot_holder=None) for vif in vifs]
    return replace(conn, lag_id=None), left, stayed

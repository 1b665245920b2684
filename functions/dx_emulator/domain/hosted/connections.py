"""AllocateHostedConnection (and the deprecated AllocateConnectionOnInterconnect), ConfirmConnection,
AssociateHostedConnection and the deletion of a hosted connection: their rules.

A partner allocates a hosted connection on its interconnect or LAG (the host) to a customer account,
which owns it from the start: ``ordering`` until the customer confirms it (``pending``, then
``available``), ``rejected`` if the customer deletes it first [doc]. The host keeps each hosted
connection's VLAN, unique on its ports.
"""

from __future__ import annotations

from dataclasses import replace

from ...errors import ClientException
from ...records import record
from ..bandwidth import mbps
from ..connections import delete_connection, required
from ..context import Context
from ..model import GONE_STATES, Connection, HostedSlot, Lag, Tag
from ..names import is_account
from ..tags import checked_tags
from .model import Interconnect
from .partners import HOSTED_BANDWIDTHS, checked_hosted_bandwidth

Host = Interconnect | Lag


@record
class NewHostedConnection:
    owner_account: str | None = None
    bandwidth: str | None = None
    connection_name: str | None = None
    vlan: int | None = None
    tags: tuple[Tag, ...] = ()


def host_label(host: Host) -> str:
    return f"{'Interconnect' if isinstance(host, Interconnect) else 'LAG'} {host.resource_id}"


def host_mbps(host: Host) -> float:
    if isinstance(host, Interconnect):
        return mbps(host.bandwidth)
    return mbps(host.connections_bandwidth) * max(1, len(host.connection_ids))


def _checked_host(host: Host, vlan: int | None, bandwidth: str, connection_id: str | None = None) -> int:
    """Refusals that depend on the host: its state, its VLANs, its ports' speed. Returns the VLAN."""
    if host.state in GONE_STATES:
        raise ClientException(f"{host_label(host)} is {host.state}: hosted connections cannot be allocated on it")
    if vlan is None:
        raise ClientException("vlan is required")
    if not 1 <= vlan <= 4094:
        raise ClientException(f"VLAN {vlan} is out of range: the valid range is 1-4094")
    for slot in host.hosted_slots:
        if slot.vlan == vlan and slot.connection_id != connection_id:
            raise ClientException(f"VLAN {vlan} is already used by hosted connection {slot.connection_id} "
                                  f"on {host.resource_id}")
    # A LAG's own VIFs (and its members') use VLANs of the same ports.
    for vif in host.vif_slots if isinstance(host, Lag) else ():
        if vif.vlan == vlan:
            raise ClientException(f"VLAN {vlan} is already used by virtual interface {vif.virtual_interface_id} "
                                  f"on {vif.connection_id or host.resource_id}")
    # One hosted connection no faster than the host's ports [choice: AWS lets partners oversubscribe
    # a host in total, so only each connection is bounded].
    if mbps(bandwidth) > host_mbps(host):
        raise ClientException(f"A {bandwidth} hosted connection does not fit on {host_label(host)}")
    return vlan


def allocate_hosted_connection(host: Host, request: NewHostedConnection, ctx: Context, *, partner_type: str,
                               partner_name: str,
                               bandwidths: tuple[str, ...] = HOSTED_BANDWIDTHS) -> tuple[Host, Connection]:
    """The customer's new hosted connection, and the host holding its VLAN."""
    owner = required(request.owner_account, "ownerAccount")
    if not is_account(owner):
        raise ClientException(f"ownerAccount {owner} is not an AWS account id (12 digits)")
    bandwidth = checked_hosted_bandwidth(request.bandwidth, partner_type, ctx.account, bandwidths)
    name = required(request.connection_name, "connectionName")
    vlan = _checked_host(host, request.vlan, bandwidth)
    conn = Connection(
        owner_account=owner,
        region=ctx.region,
        connection_id=ctx.new_id("dxcon"),
        connection_name=name,
        connection_state="ordering",
        location=host.location,
        bandwidth=bandwidth,
        aws_device=host.aws_device,
        aws_logical_device_id=host.aws_logical_device_id,
        has_logical_redundancy=host.has_logical_redundancy,
        created_at=ctx.now,
        provider_name=host.provider_name,
        tags=checked_tags(request.tags),
        allocated_by=ctx.account,
        partner_name=partner_name,
        hosted_on=host.resource_id,
        vlan=vlan,
    )
    slot = HostedSlot(conn.connection_id, vlan, owner, bandwidth)
    return replace(host, hosted_slots=(*host.hosted_slots, slot)), conn


def confirm_connection(conn: Connection, ctx: Context) -> Connection:
    if conn.connection_state != "ordering":
        raise ClientException(f"ConfirmConnection failed. {conn.connection_id} is in state {conn.connection_state}")
    return replace(conn, connection_state="pending", confirmed_at=ctx.now)


def delete_hosted_connection(conn: Connection, ctx: Context) -> Connection:
    """``rejected`` when its customer deletes it while ``ordering`` [doc], else as any connection."""
    if conn.connection_state == "rejected":
        return conn
    if conn.connection_state == "ordering" and ctx.account == conn.owner_account:
        return replace(conn, connection_state="rejected", deleted_at=ctx.now, expires_at=ctx.expires_at)
    return delete_connection(conn, ctx)


def move_hosted_connection(conn: Connection, host: Host) -> tuple[Connection, Host]:
    """AssociateHostedConnection: the connection onto another interconnect or LAG of its partner,
    refused on a VLAN already used there [doc] or another location [choice]."""
    if conn.connection_state in GONE_STATES | {"rejected"}:
        raise ClientException(f"Connection {conn.connection_id} is {conn.connection_state}")
    if host.location != conn.location:
        raise ClientException(f"{host_label(host)} is at {host.location}, not at connection {conn.connection_id}'s "
                              f"location {conn.location}")
    vlan = _checked_host(host, conn.vlan, conn.bandwidth, conn.connection_id)
    slots = tuple(slot for slot in host.hosted_slots if slot.connection_id != conn.connection_id)
    moved = replace(host, hosted_slots=(*slots, HostedSlot(conn.connection_id, vlan, conn.owner_account,
                                                            conn.bandwidth)))
    # Its port is now the host's [seen: AWS's example answers with the LAG's device].
    return replace(conn, hosted_on=host.resource_id, aws_device=host.aws_device,
                   aws_logical_device_id=host.aws_logical_device_id), moved

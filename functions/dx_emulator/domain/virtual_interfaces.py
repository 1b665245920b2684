"""Create{Private,Public,Transit}VirtualInterface's rules."""

from __future__ import annotations

import ipaddress
from dataclasses import field, replace

from ..errors import ClientException, LimitExceededException
from ..records import record
from . import asns
from .bandwidth import checked_prefix_pool, checked_rate_limit, mbps
from .bgp_peers import NewBgpPeer, build_peer, checked_family
from .context import Context
from .model import (
    ENDED_STATES,
    GONE_STATES,
    IPV4,
    PRIVATE,
    PUBLIC,
    TRANSIT,
    Connection,
    Parent,
    Tag,
    VifSlot,
    VirtualInterface,
)
from .tags import checked_tags

MTUS = {PRIVATE: (1500, 8500, 9001), TRANSIT: (1500, 8500), PUBLIC: (1500,)}
# Per dedicated connection or LAG [doc]: private and public VIFs share one quota, transit has its own.
QUOTAS = {PRIVATE: 50, PUBLIC: 50, TRANSIT: 4}
MAX_ROUTE_FILTER_PREFIXES = 1000
# The Amazon side of a VIF on a gateway is the gateway's ASN; a new virtual private gateway's and a
# Direct Connect gateway's default is 64512 [doc]. A public VIF peers with the region's Amazon ASN:
# 7224 in AWS's own examples (sa-east-1), the ASNs AWS gave its gateways before June 2018 [doc].
GATEWAY_DEFAULT_ASN = 64512
REGIONAL_AMAZON_ASN = {"ap-southeast-1": 17493, "ap-northeast-1": 10124, "eu-west-1": 9059}
REGIONAL_AMAZON_ASN_ELSEWHERE = 7224


def amazon_side_asn(kind: str, region: str) -> int:
    if kind == PUBLIC:
        return REGIONAL_AMAZON_ASN.get(region, REGIONAL_AMAZON_ASN_ELSEWHERE)
    return GATEWAY_DEFAULT_ASN
INITIAL_STATE = {PRIVATE: "pending", TRANSIT: "pending", PUBLIC: "verifying"}
# A hosted connection carries VIFs once its owner has confirmed it (``ordering`` until then) [choice].
PARENT_STATES_REFUSING_VIFS = frozenset({"deleting", "deleted", "rejected", "ordering"})


@record
class NewVirtualInterface:
    virtual_interface_type: str
    virtual_interface_name: str | None = None
    vlan: int | None = None
    peer: NewBgpPeer = field(default_factory=NewBgpPeer)
    mtu: int | None = None
    virtual_gateway_id: str | None = None
    direct_connect_gateway_id: str | None = None
    route_filter_prefixes: tuple[str, ...] | None = None
    tags: tuple[Tag, ...] = ()
    enable_site_link: bool | None = None
    rate_limit: str | None = None
    prefix_pool_ipv4: int | None = None
    prefix_pool_ipv6: int | None = None


def check_ports(parent: Parent, holder: Parent, request: NewVirtualInterface) -> int:
    """Refusals that depend on the connection or LAG and the ports it shares; returns the VLAN."""
    for resource in {parent.resource_id: parent, holder.resource_id: holder}.values():
        if resource.state in PARENT_STATES_REFUSING_VIFS:
            kind = "Connection" if resource.resource_id.startswith("dxcon-") else "LAG"
            raise ClientException(
                f"{kind} {resource.resource_id} is {resource.state}: virtual interfaces cannot be created on it"
            )
    if request.vlan is None:
        raise ClientException("vlan is required")
    if not 1 <= request.vlan <= 4094:
        raise ClientException(f"VLAN {request.vlan} is out of range: the valid range is 1-4094")
    if isinstance(parent, Connection) and parent.allocated_by is not None:
        _check_hosted_connection(parent, request.vlan)
    # A LAG and its members are one set of ports: one VLAN space, one quota [doc: quotas are per
    # LAG; a VLAN is unique on the ports that carry it].
    for slot in holder.vif_slots:
        if slot.vlan == request.vlan:
            raise ClientException(
                f"VLAN {request.vlan} is already used by virtual interface {slot.virtual_interface_id} "
                f"on {slot.connection_id or holder.resource_id}"
            )
    # A partner's LAG also carries the hosted connections it hosts, each on its VLAN.
    for hosted in getattr(holder, "hosted_slots", ()):
        if hosted.vlan == request.vlan:
            raise ClientException(f"VLAN {request.vlan} is already used by hosted connection {hosted.connection_id} "
                                  f"on {holder.resource_id}")
    kind = request.virtual_interface_type
    shared = {PRIVATE, PUBLIC} if kind != TRANSIT else {TRANSIT}
    if sum(slot.virtual_interface_type in shared for slot in holder.vif_slots) >= QUOTAS[kind]:
        label = "transit" if kind == TRANSIT else "private and public"
        ports = holder.resource_id if holder is parent else f"{holder.resource_id} (with its member connections)"
        raise LimitExceededException(f"{ports} already has {QUOTAS[kind]} {label} virtual interfaces, the most allowed")
    return request.vlan


def _check_hosted_connection(conn: Connection, vlan: int) -> None:
    """A hosted connection carries one VIF [doc: a quota that cannot be raised], on the VLAN its
    partner allocated it with [choice: AWS's console fills it in and locks it]."""
    if conn.vif_slots:
        raise LimitExceededException(f"Hosted connection {conn.connection_id} already has virtual interface "
                                     f"{conn.vif_slots[0].virtual_interface_id}: a hosted connection carries one")
    if vlan != conn.vlan:
        raise ClientException(f"VLAN {vlan} is not hosted connection {conn.connection_id}'s: its partner "
                              f"allocated it VLAN {conn.vlan}")


def check_gateways(kind: str, vgw: str | None, dxgw: str | None) -> None:
    if kind == PRIVATE:
        if vgw and dxgw:
            raise ClientException("Give virtualGatewayId or directConnectGatewayId, not both")
        if not (vgw or dxgw):
            raise ClientException("A private virtual interface needs a virtualGatewayId or a directConnectGatewayId")
    elif kind == TRANSIT and not dxgw:
        raise ClientException("A transit virtual interface needs a directConnectGatewayId")


def _mtu(kind: str, requested: int | None) -> int:
    mtu = 1500 if requested is None else requested
    if mtu not in MTUS[kind]:
        allowed = ", ".join(str(value) for value in MTUS[kind])
        raise ClientException(f"MTU {mtu} is not valid for a {kind} virtual interface: use one of {allowed}")
    return mtu


def _route_filter_prefixes(request: NewVirtualInterface) -> tuple[str, ...]:
    if request.virtual_interface_type != PUBLIC:
        return ()
    prefixes = request.route_filter_prefixes or ()
    if not 1 <= len(prefixes) <= MAX_ROUTE_FILTER_PREFIXES:
        raise ClientException(
            f"A public virtual interface needs 1 to {MAX_ROUTE_FILTER_PREFIXES} routeFilterPrefixes; "
            f"{len(prefixes)} were given"
        )
    for prefix in prefixes:
        try:
            ipaddress.ip_network(prefix)
        except ValueError:
            raise ClientException(f"Route filter prefix {prefix} is not a valid CIDR") from None
    return tuple(prefixes)


def port_mbps(parent: Parent) -> float:
    """What a connection's or LAG's ports carry: a LAG's, all its members' together."""
    if isinstance(parent, Connection):
        return mbps(parent.bandwidth)
    return mbps(parent.connections_bandwidth) * max(1, len(parent.connection_ids))


def _prefix_pools(kind: str, ipv4: int | None, ipv6: int | None) -> tuple[int | None, int | None]:
    if kind == PUBLIC and (ipv4 is not None or ipv6 is not None):
        raise ClientException("Inbound prefix allocations do not apply to public virtual interfaces")
    return (checked_prefix_pool(ipv4, "prefixPoolAllocatedCountIpv4"),
            checked_prefix_pool(ipv6, "prefixPoolAllocatedCountIpv6"))


def create_virtual_interface(parent: Parent, request: NewVirtualInterface, ctx: Context, holder: Parent | None = None,
                             gateway_asn: int | None = None, *,
                             owner: str | None = None) -> tuple[Parent, VirtualInterface]:
    """The new VIF with its first peer, on ``parent`` (a connection or LAG), and the item that now
    holds its VLAN and quota slot: ``holder``, the LAG of a member connection, or else ``parent``.
    ``gateway_asn``: the ASN of the gateway it attaches to, which becomes its Amazon side.
    ``owner``: the account a hosted VIF is allocated to (domain/hosted/virtual_interfaces.py); it
    is ``confirming`` until that account confirms it, with no gateway until then."""
    holder = parent if holder is None else holder
    kind = request.virtual_interface_type
    vlan = check_ports(parent, holder, request)
    if not request.virtual_interface_name:
        raise ClientException("virtualInterfaceName is required")
    family = checked_family(request.peer.address_family or IPV4)  # AWS's console default [choice]
    asn = asns.resolve_asn(request.peer.asn, request.peer.asn_long)
    mtu = _mtu(kind, request.mtu)
    if owner is None:
        check_gateways(kind, request.virtual_gateway_id, request.direct_connect_gateway_id)
    prefixes = _route_filter_prefixes(request)
    tags = checked_tags(request.tags)
    rate_limit = checked_rate_limit(request.rate_limit, port_mbps(parent), parent.resource_id)
    pools = _prefix_pools(kind, request.prefix_pool_ipv4, request.prefix_pool_ipv6)
    vif_id = ctx.new_id("dxvif")
    peer = build_peer(
        request.peer, vif_id=vif_id, family=family, asn=asn, public=kind == PUBLIC, live_peers=(), taken_ids=(),
        device=parent.aws_device, logical_device=parent.aws_logical_device_id, location=parent.location, ctx=ctx,
    )
    vif = VirtualInterface(
        owner_account=owner or ctx.account,
        region=ctx.region,
        virtual_interface_id=vif_id,
        virtual_interface_type=kind,
        virtual_interface_name=request.virtual_interface_name,
        virtual_interface_state=INITIAL_STATE[kind] if owner is None else "confirming",
        connection_id=parent.resource_id,
        location=parent.location,
        vlan=vlan,
        asn=asn,
        # Until its owner confirms it onto a gateway, a hosted VIF shows the region's Amazon ASN [seen:
        # 7224 in AWS's allocation examples].
        amazon_side_asn=gateway_asn if gateway_asn is not None else amazon_side_asn(
            kind if owner is None else PUBLIC, ctx.region),
        auth_key=peer.auth_key,
        amazon_address=peer.amazon_address,
        customer_address=peer.customer_address,
        address_family=family,
        mtu=mtu,
        aws_device_v2=parent.aws_device,
        aws_logical_device_id=parent.aws_logical_device_id,
        has_logical_redundancy=parent.has_logical_redundancy,
        created_at=ctx.now,
        virtual_gateway_id=request.virtual_gateway_id,
        direct_connect_gateway_id=request.direct_connect_gateway_id,
        gateway_attached=bool(request.direct_connect_gateway_id),
        route_filter_prefixes=prefixes,
        allowed_asns=(asn,) if kind == PUBLIC else (),
        site_link_enabled=bool(request.enable_site_link) and kind != PUBLIC,
        rate_limit=rate_limit,
        prefix_pool_ipv4=pools[0],
        prefix_pool_ipv6=pools[1],
        tags=tags,
        bgp_peers=(peer,),
        allocated_by=None if owner is None else ctx.account,
    )
    on_member = holder is not parent
    slot = VifSlot(vif.virtual_interface_id, vlan, kind, parent.resource_id if on_member else None, owner)
    if on_member:
        vif = replace(vif, slot_holder=holder.resource_id)
    return replace(holder, vif_slots=(*holder.vif_slots, slot)), vif


def delete_virtual_interface(vif: VirtualInterface, ctx: Context) -> VirtualInterface:
    """The VIF ``deleting``; it is listed as ``deleted`` for the retention time, then gone. A hosted
    VIF its owner deletes while ``confirming`` is ``rejected`` instead [doc], for as long.

    Deleting a VIF that is already deleting or deleted changes nothing [choice: idempotent, so a
    retried delete does not fail]; nor does its owner deleting it once rejected."""
    if vif.virtual_interface_state in GONE_STATES:
        return vif
    by_owner = ctx.account == vif.owner_account
    if vif.virtual_interface_state == "rejected" and by_owner:
        return vif
    state = "rejected" if vif.virtual_interface_state == "confirming" and by_owner else "deleting"
    return replace(vif, virtual_interface_state=state, deleted_at=ctx.now, expires_at=ctx.expires_at)


@record
class AttributeUpdate:
    mtu: int | None = None
    enable_site_link: bool | None = None
    virtual_interface_name: str | None = None
    rate_limit: str | None = None
    prefix_pool_ipv4: int | None = None
    prefix_pool_ipv6: int | None = None


def update_attributes(vif: VirtualInterface, update: AttributeUpdate, parent: Parent | None = None) -> VirtualInterface:
    """``parent`` (the VIF's connection or LAG) is needed only to check a new rate limit."""
    if vif.virtual_interface_state in ENDED_STATES:
        raise ClientException(f"Virtual interface {vif.virtual_interface_id} is {vif.virtual_interface_state}")
    kind = vif.virtual_interface_type
    changes: dict[str, object] = {}
    if update.mtu is not None:
        changes["mtu"] = _mtu(kind, update.mtu)
    if update.enable_site_link is not None:
        if kind == PUBLIC and update.enable_site_link:
            raise ClientException("SiteLink is not available on public virtual interfaces")
        changes["site_link_enabled"] = update.enable_site_link
    if update.virtual_interface_name is not None:
        if not update.virtual_interface_name:
            raise ClientException("virtualInterfaceName must not be empty")
        changes["virtual_interface_name"] = update.virtual_interface_name
    if update.rate_limit is not None and parent is not None:
        changes["rate_limit"] = checked_rate_limit(update.rate_limit, port_mbps(parent), parent.resource_id)
    if update.prefix_pool_ipv4 is not None or update.prefix_pool_ipv6 is not None:
        ipv4, ipv6 = _prefix_pools(kind, update.prefix_pool_ipv4, update.prefix_pool_ipv6)
        changes.update({"prefix_pool_ipv4": ipv4 if ipv4 is not None else vif.prefix_pool_ipv4,
                        "prefix_pool_ipv6": ipv6 if ipv6 is not None else vif.prefix_pool_ipv6})
    return replace(vif, **changes)  # type: ignore[arg-type]

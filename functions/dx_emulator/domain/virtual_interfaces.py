"""Create{Private,Public,Transit}VirtualInterface's rules."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field, replace

from ..errors import ClientException, LimitExceededException
from . import asns
from .bgp_peers import NewBgpPeer, build_peer, checked_family
from .context import Context
from .model import IPV4, PRIVATE, PUBLIC, TRANSIT, Connection, Tag, VifSlot, VirtualInterface
from .tags import checked_tags

MTUS = {PRIVATE: (1500, 8500, 9001), TRANSIT: (1500, 8500), PUBLIC: (1500,)}
# Per dedicated connection or LAG [doc]: private and public VIFs share one quota, transit has its own.
QUOTAS = {PRIVATE: 50, PUBLIC: 50, TRANSIT: 4}
MAX_ROUTE_FILTER_PREFIXES = 1000
# AWS documents none of these for the VIF's Amazon side; the default Amazon ASN for private and
# transit gateways, and Amazon's own public ASN for public VIFs [choice].
AMAZON_SIDE_ASN = {PRIVATE: 64512, TRANSIT: 64512, PUBLIC: 16509}
INITIAL_STATE = {PRIVATE: "pending", TRANSIT: "pending", PUBLIC: "verifying"}
CONNECTION_STATES_REFUSING_VIFS = frozenset({"deleting", "deleted", "rejected"})


@dataclass(frozen=True, slots=True)
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


def _check_connection(conn: Connection, request: NewVirtualInterface) -> int:
    """Refusals that depend on the connection; returns the VLAN."""
    if conn.connection_state in CONNECTION_STATES_REFUSING_VIFS:
        raise ClientException(
            f"Connection {conn.connection_id} is {conn.connection_state}: virtual interfaces cannot be created on it"
        )
    if request.vlan is None:
        raise ClientException("vlan is required")
    if not 1 <= request.vlan <= 4094:
        raise ClientException(f"VLAN {request.vlan} is out of range: the valid range is 1-4094")
    for slot in conn.vif_slots:
        if slot.vlan == request.vlan:
            raise ClientException(
                f"VLAN {request.vlan} is already used by virtual interface {slot.virtual_interface_id} "
                f"on {conn.connection_id}"
            )
    kind = request.virtual_interface_type
    shared = {PRIVATE, PUBLIC} if kind != TRANSIT else {TRANSIT}
    if sum(slot.virtual_interface_type in shared for slot in conn.vif_slots) >= QUOTAS[kind]:
        label = "transit" if kind == TRANSIT else "private and public"
        raise LimitExceededException(
            f"{conn.connection_id} already has {QUOTAS[kind]} {label} virtual interfaces, the most allowed"
        )
    return request.vlan


def _check_gateways(request: NewVirtualInterface) -> None:
    vgw, dxgw = request.virtual_gateway_id, request.direct_connect_gateway_id
    if request.virtual_interface_type == PRIVATE:
        if vgw and dxgw:
            raise ClientException("Give virtualGatewayId or directConnectGatewayId, not both")
        if not (vgw or dxgw):
            raise ClientException("A private virtual interface needs a virtualGatewayId or a directConnectGatewayId")
    elif request.virtual_interface_type == TRANSIT and not dxgw:
        raise ClientException("A transit virtual interface needs a directConnectGatewayId")


def _mtu(request: NewVirtualInterface) -> int:
    kind = request.virtual_interface_type
    mtu = 1500 if request.mtu is None else request.mtu
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


def create_virtual_interface(conn: Connection, request: NewVirtualInterface,
                             ctx: Context) -> tuple[Connection, VirtualInterface]:
    """The new VIF with its first peer, and the connection that now holds its VLAN."""
    kind = request.virtual_interface_type
    vlan = _check_connection(conn, request)
    if not request.virtual_interface_name:
        raise ClientException("virtualInterfaceName is required")
    family = checked_family(request.peer.address_family or IPV4)  # AWS's console default [choice]
    asn = asns.resolve_asn(request.peer.asn, request.peer.asn_long)
    mtu = _mtu(request)
    _check_gateways(request)
    prefixes = _route_filter_prefixes(request)
    tags = checked_tags(request.tags)
    peer = build_peer(
        request.peer, family=family, asn=asn, public=kind == PUBLIC, live_peers=(),
        device=conn.aws_device, logical_device=conn.aws_logical_device_id, location=conn.location, ctx=ctx,
    )
    vif = VirtualInterface(
        owner_account=ctx.account,
        region=ctx.region,
        virtual_interface_id=ctx.new_id("dxvif"),
        virtual_interface_type=kind,
        virtual_interface_name=request.virtual_interface_name,
        virtual_interface_state=INITIAL_STATE[kind],
        connection_id=conn.connection_id,
        location=conn.location,
        vlan=vlan,
        asn=asn,
        amazon_side_asn=AMAZON_SIDE_ASN[kind],
        auth_key=peer.auth_key,
        amazon_address=peer.amazon_address,
        customer_address=peer.customer_address,
        address_family=family,
        mtu=mtu,
        aws_device_v2=conn.aws_device,
        aws_logical_device_id=conn.aws_logical_device_id,
        has_logical_redundancy=conn.has_logical_redundancy,
        created_at=ctx.now,
        virtual_gateway_id=request.virtual_gateway_id,
        direct_connect_gateway_id=request.direct_connect_gateway_id,
        route_filter_prefixes=prefixes,
        allowed_asns=(asn,) if kind == PUBLIC else (),
        site_link_enabled=bool(request.enable_site_link) and kind != PUBLIC,
        tags=tags,
        bgp_peers=(peer,),
    )
    slot = VifSlot(vif.virtual_interface_id, vlan, kind)
    return replace(conn, vif_slots=(*conn.vif_slots, slot)), vif

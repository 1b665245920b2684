"""Create{Private,Public,Transit}VirtualInterface, DescribeVirtualInterfaces, DeleteVirtualInterface,
UpdateVirtualInterfaceAttributes."""

from __future__ import annotations

from typing import Any, cast

from ..domain.bgp_peers import NewBgpPeer
from ..domain.context import Context
from ..domain.failover_records import FailoverRecord, recorded
from ..domain.gateways.associations import own, resolve
from ..domain.gateways.gateways import VIRTUAL_PRIVATE_GATEWAY, AttachmentSlot, DirectConnectGateway, attach
from ..domain.hosted.model import Allocation
from ..domain.model import PRIVATE, PUBLIC, TRANSIT, Connection, Lag, VirtualInterface
from ..domain.virtual_interfaces import (
    AttributeUpdate,
    NewVirtualInterface,
    create_virtual_interface,
    delete_virtual_interface,
    update_attributes,
)
from ..errors import ClientException
from ..store.kinds import GLOBAL
from ..store.writes import Check, Detach, Expire, Put, Write
from . import lookups, views
from .call import Call, optimistic
from .gateways import lookups as gateway_lookups
from .hosted import lookups as hosted_lookups
from .inputs import Members
from .listing import fetch
from .pages import page_of, page_request
from .world import world

REQUEST_MEMBER = {
    PRIVATE: "newPrivateVirtualInterface",
    PUBLIC: "newPublicVirtualInterface",
    TRANSIT: "newTransitVirtualInterface",
}


def new_virtual_interface(kind: str, new: Members, allocation: bool = False) -> NewVirtualInterface:
    """The request's VIF. An allocation's shapes are the create's without the gateways and SiteLink
    (its owner chooses those): members it does not have are ignored, as in every structure."""
    prefixes = new.structures("routeFilterPrefixes") if kind == PUBLIC else None
    return NewVirtualInterface(
        virtual_interface_type=kind,
        virtual_interface_name=new.string("virtualInterfaceName"),
        vlan=new.integer("vlan"),
        peer=NewBgpPeer(
            address_family=new.string("addressFamily"),
            asn=new.integer("asn"),
            asn_long=new.long("asnLong"),
            auth_key=new.string("authKey"),
            amazon_address=new.string("amazonAddress"),
            customer_address=new.string("customerAddress"),
        ),
        mtu=new.integer("mtu") if kind != PUBLIC else None,
        virtual_gateway_id=new.string("virtualGatewayId") if kind == PRIVATE and not allocation else None,
        direct_connect_gateway_id=new.string("directConnectGatewayId") if kind != PUBLIC and not allocation else None,
        route_filter_prefixes=None if prefixes is None else tuple(p.string("cidr") or "" for p in prefixes),
        tags=new.tags(),
        enable_site_link=new.boolean("enableSiteLink") if kind != PUBLIC and not allocation else None,
        rate_limit=new.string("rateLimit"),
        prefix_pool_ipv4=new.integer("prefixPoolAllocatedCountIpv4") if kind != PUBLIC and not allocation else None,
        prefix_pool_ipv6=new.integer("prefixPoolAllocatedCountIpv6") if kind != PUBLIC and not allocation else None,
    )


def gateways_of(call: Call, ctx: Context, vgw_id: str | None,
                dxgw_id: str | None) -> tuple[DirectConnectGateway | None, int | None]:
    """The Direct Connect gateway a VIF attaches to (the caller's own), and the Amazon-side ASN its
    gateway gives it: a Direct Connect gateway's, or a virtual private gateway's (declared, or the
    default of a new one)."""
    if dxgw_id and vgw_id:
        return None, None  # the rules refuse both
    if dxgw_id:
        gateway = gateway_lookups.gateway(call, ctx, dxgw_id)
        return gateway, gateway.amazon_side_asn
    if vgw_id:
        account, region = call.scope.account, call.scope.region
        vgw = own(resolve(vgw_id, world(call), account, region), account, region)
        if vgw.gateway_type != VIRTUAL_PRIVATE_GATEWAY:
            raise ClientException(f"{vgw.gateway_id} is not a virtual private gateway")
        return None, vgw.asn
    return None, None


def _create(call: Call, kind: str) -> VirtualInterface:
    request = new_virtual_interface(kind, call.params.structure(REQUEST_MEMBER[kind]))
    connection_id = call.params.string("connectionId")

    def attempt() -> VirtualInterface:
        ctx = call.context()
        parent = lookups.parent(call, ctx, connection_id)
        # A LAG's member shares the LAG's ports: their VLANs and quotas are held on the LAG.
        on_member = isinstance(parent, Connection) and parent.lag_id is not None
        holder = lookups.lag(call, ctx, parent.lag_id) if on_member else parent
        if call.replayed(holder):  # this request already made its VIF (whose id is the request's)
            made = call.store.get(VirtualInterface, call.scope, call.context().new_id("dxvif"))
            if made is not None and call.replayed(made):  # (and not another's, after an id collision)
                return lookups.virtual_interface(call, ctx, made.virtual_interface_id)
        gateway, gateway_asn = gateways_of(call, ctx, request.virtual_gateway_id, request.direct_connect_gateway_id)
        holder, vif = create_virtual_interface(parent, request, ctx, holder, gateway_asn)
        writes: list[Write] = [Put(vif), Put(holder)]  # the VIF and its VLAN/quota slot, all or none
        if on_member:
            writes.append(Check(parent))  # ...and the member still a member, not deleting, as when read
        if gateway is not None:  # ...and its place on the gateway, within the gateway's rules
            slot = AttachmentSlot(vif.virtual_interface_id, kind, vif.region, vif.owner_account)
            writes.append(Put(attach(gateway, slot)))
        return cast(VirtualInterface, call.commit(*writes))

    return optimistic(attempt)


def create_private(call: Call) -> dict[str, Any]:
    return views.virtual_interface(_create(call, PRIVATE), call.scope.account)


def create_public(call: Call) -> dict[str, Any]:
    return views.virtual_interface(_create(call, PUBLIC), call.scope.account)


def create_transit(call: Call) -> dict[str, Any]:
    # The one create whose output nests the VIF [doc].
    return {"virtualInterface": views.virtual_interface(_create(call, TRANSIT), call.scope.account)}


def describe(call: Call) -> dict[str, Any]:
    """The caller's VIFs, and those it allocated to other accounts (which they own)."""
    connection_id = call.params.string("connectionId")
    vif_id = call.params.string("virtualInterfaceId")
    request = page_request(call, "DescribeVirtualInterfaces", connection_id, vif_id)
    ctx = call.context()
    if vif_id is not None:
        # An unknown or expired id answers an empty list, not an error: Terraform's finder takes only
        # an empty list for "gone" and fails on any error [seen: its findVirtualInterfaces].
        found = call.store.get(VirtualInterface, call.scope, vif_id) or hosted_lookups.allocated(
            call, VirtualInterface, vif_id)
        stored = [found] if found is not None and connection_id in (None, found.connection_id) else []
    elif connection_id is not None:
        stored = hosted_lookups.on_parent(call, connection_id)
        if not stored:
            # An unknown connection or LAG is an error, unless the caller has VIFs on it: hosted VIFs
            # allocated to it on another account's connection [choice].
            lookups.parent(call, ctx, connection_id)
    else:
        # A page of the caller's own VIFs and of those it allocated to others, each read from the page's start.
        def own(after: str | None, limit: int | None) -> list[VirtualInterface]:
            return call.store.query(VirtualInterface, call.scope, after=after, limit=limit)

        def allocated(after: str | None, limit: int | None) -> list[VirtualInterface]:
            return hosted_lookups.all_allocated(call, VirtualInterface, after=after, limit=limit)

        vifs = [vif for source in (own, allocated) for vif in fetch(
            request, source, lambda v: lookups.current_vif(v, ctx), lambda v: v.virtual_interface_id)]
        return page_of("virtualInterfaces", vifs, lambda vif: vif.virtual_interface_id, request,
                       lambda vif: views.virtual_interface(vif, call.scope.account))
    # Deleted VIFs stay listed (as deleted) until their retention ends [doc: 15 minutes].
    vifs = [vif for vif in (lookups.current_vif(v, ctx) for v in stored) if vif is not None]
    return page_of("virtualInterfaces", vifs, lambda vif: vif.virtual_interface_id, request,
                   lambda vif: views.virtual_interface(vif, call.scope.account))


def delete(call: Call) -> dict[str, Any]:
    """By the VIF's owner, or by the connection owner that allocated it to another account."""
    vif_id = call.params.string("virtualInterfaceId")

    def attempt() -> VirtualInterface:
        ctx = call.context()
        vif = hosted_lookups.visible_vif(call, ctx, vif_id)
        deleted = delete_virtual_interface(vif, ctx)
        if deleted is vif:
            return vif  # already deleting or deleted
        # Frees the VLAN and quota slot at once [choice: so a VIF can be re-created on the same VLAN
        # right away, as infrastructure-as-code replacements do]. A hosted VIF's slot is on its
        # allocator's connection or LAG, whose record of it goes when the VIF does.
        holder = vif.slot_holder or vif.connection_id
        holder_account = vif.allocated_by or vif.owner_account
        writes: list[Write] = [Put(deleted), Detach(Lag if holder.startswith("dxlag-") else Connection,
                                                    holder_account, vif.region, holder, "vif_slots", vif_id or "")]
        if vif.gateway_attached and vif.direct_connect_gateway_id:
            writes.append(Detach(DirectConnectGateway, vif.owner_account, GLOBAL, vif.direct_connect_gateway_id,
                                 "attachments", vif.virtual_interface_id))
        if vif.allocated_by is not None:
            writes.append(Expire(Allocation, vif.allocated_by, vif.region, vif.virtual_interface_id,
                                 deleted.expires_at or ctx.expires_at))
        # Its failover tests' records go when it does (at most TESTS_KEPT: the commit stays within
        # DynamoDB's 100 items); until then the account's test history lists them, as it lists the VIF.
        writes += [Expire(FailoverRecord, record.owner_account, record.region, record.resource_id,
                          deleted.expires_at or ctx.expires_at) for record in recorded(vif)]
        return cast(VirtualInterface, call.commit(*writes))

    return {"virtualInterfaceState": optimistic(attempt).virtual_interface_state}


def update(call: Call) -> dict[str, Any]:
    vif_id = call.params.string("virtualInterfaceId")
    params = call.params
    request = AttributeUpdate(
        mtu=params.integer("mtu"),
        enable_site_link=params.boolean("enableSiteLink"),
        virtual_interface_name=params.string("virtualInterfaceName"),
        rate_limit=params.string("rateLimit"),
        prefix_pool_ipv4=params.integer("prefixPoolAllocatedCountIpv4"),
        prefix_pool_ipv6=params.integer("prefixPoolAllocatedCountIpv6"),
    )

    def attempt() -> VirtualInterface:
        ctx = call.context()
        vif = lookups.virtual_interface(call, ctx, vif_id)
        if call.replayed(vif):
            return vif
        # Only a new rate limit needs the connection or LAG, to check it against its bandwidth.
        parent = None if request.rate_limit is None else (
            lookups.parent(call, ctx, vif.connection_id) if vif.allocated_by is None
            else hosted_lookups.allocators_port(call, vif))
        return call.save(update_attributes(vif, request, parent))

    return views.virtual_interface(optimistic(attempt), call.scope.account)

"""Create{Private,Public,Transit}VirtualInterface, DescribeVirtualInterfaces."""

from __future__ import annotations

from typing import Any

from ..domain.bgp_peers import NewBgpPeer
from ..domain.model import PRIVATE, PUBLIC, TRANSIT, VirtualInterface
from ..domain.virtual_interfaces import NewVirtualInterface, create_virtual_interface
from . import lookups, views
from .call import Call, optimistic
from .inputs import Members

REQUEST_MEMBER = {
    PRIVATE: "newPrivateVirtualInterface",
    PUBLIC: "newPublicVirtualInterface",
    TRANSIT: "newTransitVirtualInterface",
}


def _request(kind: str, new: Members) -> NewVirtualInterface:
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
        virtual_gateway_id=new.string("virtualGatewayId") if kind == PRIVATE else None,
        direct_connect_gateway_id=new.string("directConnectGatewayId") if kind != PUBLIC else None,
        route_filter_prefixes=None if prefixes is None else tuple(p.string("cidr") or "" for p in prefixes),
        tags=new.tags(),
        enable_site_link=new.boolean("enableSiteLink") if kind != PUBLIC else None,
    )


def _create(call: Call, kind: str) -> VirtualInterface:
    request = _request(kind, call.params.structure(REQUEST_MEMBER[kind]))
    connection_id = call.params.string("connectionId")

    def attempt() -> VirtualInterface:
        conn = lookups.connection(call, connection_id)
        updated, vif = create_virtual_interface(conn, request, call.context())
        call.store.create_vif(updated, vif)
        return vif

    return optimistic(attempt)


def create_private(call: Call) -> dict[str, Any]:
    return views.virtual_interface(_create(call, PRIVATE))


def create_public(call: Call) -> dict[str, Any]:
    return views.virtual_interface(_create(call, PUBLIC))


def create_transit(call: Call) -> dict[str, Any]:
    # The one create whose output nests the VIF [doc].
    return {"virtualInterface": views.virtual_interface(_create(call, TRANSIT))}


def describe(call: Call) -> dict[str, Any]:
    connection_id = call.params.string("connectionId")
    vif_id = call.params.string("virtualInterfaceId")
    if vif_id is not None:
        vifs = [lookups.virtual_interface(call, vif_id)]
        if connection_id is not None:
            vifs = [vif for vif in vifs if vif.connection_id == connection_id]
    elif connection_id is not None:
        conn = lookups.connection(call, connection_id)
        vifs = call.store.get_vifs(call.scope, [slot.virtual_interface_id for slot in conn.vif_slots])
    else:
        vifs = call.store.list_vifs(call.scope)
    return {"virtualInterfaces": [views.virtual_interface(vif) for vif in vifs]}

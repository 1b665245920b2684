"""CreateDirectConnectGateway, DescribeDirectConnectGateways, UpdateDirectConnectGateway,
DeleteDirectConnectGateway, DescribeDirectConnectGatewayAttachments, DescribeVirtualGateways."""

from __future__ import annotations

from typing import Any

from ...domain.gateways.associations import Ec2GatewayLinks
from ...domain.gateways.gateways import DirectConnectGateway, create_gateway, delete_gateway, rename_gateway
from ...domain.gateways.states import as_answered_to_create, current_gateway
from ...domain.model import VirtualInterface
from ...errors import ClientException
from ...scope import Scope
from ...store.kinds import GLOBAL
from .. import lookups
from ..call import Call, optimistic
from ..pages import page_of, page_request
from ..world import world
from . import lookups as gateway_lookups
from . import views as gateway_views


def create(call: Call) -> dict[str, Any]:
    params = call.params
    name, asn, tags = params.string("directConnectGatewayName"), params.long("amazonSideAsn"), params.tags()

    def attempt() -> DirectConnectGateway:
        ctx = call.context()
        registry = gateway_lookups.registry(call)
        if call.replayed(registry):  # this request made its gateway, whose id is the request's
            return gateway_lookups.gateway(call, ctx, ctx.new_uuid("dxgw"))
        gateway, registry = create_gateway(name, asn, tags, registry, ctx)
        return call.save(gateway, registry)  # the gateway and its place in the account's quota

    gateway = as_answered_to_create(optimistic(attempt), call.lifecycle)
    return {"directConnectGateway": gateway_views.gateway(gateway)}


def describe(call: Call) -> dict[str, Any]:
    gateway_id = call.params.string("directConnectGatewayId")
    request = page_request(call, "DescribeDirectConnectGateways", gateway_id)
    ctx = call.context()
    ids = (gateway_id,) if gateway_id is not None else gateway_lookups.registry(call).gateway_ids
    stored = call.store.get_many(DirectConnectGateway, Scope(call.scope.account, GLOBAL), ids)
    # An unknown id answers an empty list: Terraform's finder takes only that for "gone" [seen].
    gateways = [g for g in (current_gateway(item, ctx.lifecycle, ctx.now) for item in stored) if g is not None]
    return page_of("directConnectGateways", gateways, lambda g: g.gateway_id, request, gateway_views.gateway)


def update(call: Call) -> dict[str, Any]:
    gateway_id = call.params.string("directConnectGatewayId")
    name = call.params.string("newDirectConnectGatewayName")

    def attempt() -> DirectConnectGateway:
        gateway = gateway_lookups.gateway(call, call.context(), gateway_id)
        return gateway if call.replayed(gateway) else call.save(rename_gateway(gateway, name))

    return {"directConnectGateway": gateway_views.gateway(optimistic(attempt))}


def delete(call: Call) -> dict[str, Any]:
    gateway_id = call.params.string("directConnectGatewayId")

    def attempt() -> DirectConnectGateway:
        ctx = call.context()
        stored = gateway_lookups.stored_gateway(call, call.scope.account, gateway_id or "")
        if stored is not None and call.replayed(stored):  # this request deleted it; it may be gone by now
            return stored
        gateway = gateway_lookups.gateway(call, ctx, gateway_id)
        registry = gateway_lookups.registry(call)
        deleted, registry = delete_gateway(gateway, registry, ctx)
        return deleted if deleted is gateway else call.save(deleted, registry)

    return {"directConnectGateway": gateway_views.gateway(optimistic(attempt))}


def describe_attachments(call: Call) -> dict[str, Any]:
    gateway_id = call.params.string("directConnectGatewayId")
    vif_id = call.params.string("virtualInterfaceId")
    if gateway_id is None and vif_id is None:
        raise ClientException("You must specify a Direct Connect gateway, a virtual interface, or both")  # [doc]
    request = page_request(call, "DescribeDirectConnectGatewayAttachments", gateway_id, vif_id)
    ctx = call.context()
    if gateway_id is not None:
        gateway = gateway_lookups.gateway(call, ctx, gateway_id)
        wanted = [slot for slot in gateway.attachments if vif_id in (None, slot.virtual_interface_id)]
        # One batch read per account and region the attached VIFs are in.
        places = sorted({(slot.owner_account, slot.region) for slot in wanted})
        stored = [vif for account, region in places for vif in call.store.get_many(
            VirtualInterface, Scope(account, region),
            [slot.virtual_interface_id for slot in wanted if (slot.owner_account, slot.region) == (account, region)])]
    else:
        found = call.store.get(VirtualInterface, call.scope, vif_id or "")
        stored = [] if found is None or not found.direct_connect_gateway_id else [found]
    vifs = [vif for vif in (lookups.current_vif(item, ctx) for item in stored) if vif is not None]
    return page_of("directConnectGatewayAttachments", vifs, lambda vif: vif.virtual_interface_id, request,
                   gateway_views.attachment)


def describe_virtual_gateways(call: Call) -> dict[str, Any]:
    """The caller's virtual private gateways in the region: those it declared, and those its
    associations and proposals name [choice: the emulator knows no others]."""
    account, region = call.scope.account, call.scope.region
    declared = {g.gateway_id for g in world(call).gateways
                if g.gateway_id.startswith("vgw-") and (g.owner_account, g.region) == (account, region)}
    linked = {links.gateway_id for links in call.store.query(Ec2GatewayLinks, call.scope, "vgw-")}
    return {"virtualGateways": [{"virtualGatewayId": gateway_id, "virtualGatewayState": "available"}
                                for gateway_id in sorted(declared | linked)]}

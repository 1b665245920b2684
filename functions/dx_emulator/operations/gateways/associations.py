"""CreateDirectConnectGatewayAssociation, DescribeDirectConnectGatewayAssociations,
UpdateDirectConnectGatewayAssociation, DeleteDirectConnectGatewayAssociation."""

from __future__ import annotations

import re
from typing import Any, cast

from ...domain.gateways.associations import (
    GatewayAssociation,
    associate,
    disassociate,
    own,
    reprefixed,
    resolve,
    updated_prefixes,
)
from ...errors import ClientException, NotFoundException
from ...store.writes import Put, Write
from ..call import Call, optimistic
from ..inputs import Members
from ..pages import page_of, page_request
from ..world import world
from . import lookups as gateway_lookups
from . import views as gateway_views

# The form of every association id AWS issues (and the emulator: Context.new_uuid).
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)


def prefixes(params: Members, name: str) -> tuple[str, ...] | None:
    """A list of RouteFilterPrefix ({cidr}), as the gateway operations take allowed prefixes."""
    given = params.structures(name)
    return None if given is None else tuple(prefix.string("cidr") or "" for prefix in given)


def associated_gateway_id(params: Members) -> str | None:
    """``gatewayId``, or its legacy spelling ``virtualGatewayId`` [doc]."""
    gateway_id, legacy = params.string("gatewayId"), params.string("virtualGatewayId")
    if gateway_id and legacy and gateway_id != legacy:
        raise ClientException("Give gatewayId or virtualGatewayId, not both")
    return gateway_id or legacy


def _answer(association: GatewayAssociation) -> dict[str, Any]:
    return {"directConnectGatewayAssociation": gateway_views.association(association)}


def create(call: Call) -> dict[str, Any]:
    params = call.params
    gateway_id, ec2_id = params.string("directConnectGatewayId"), associated_gateway_id(params)
    allowed = prefixes(params, "addAllowedPrefixesToDirectConnectGateway")
    account, region = call.scope.account, call.scope.region

    def attempt() -> GatewayAssociation:
        ctx = call.context()
        dxgw = gateway_lookups.gateway(call, ctx, gateway_id)
        if call.replayed(dxgw):  # this request made its association, whose id is the request's
            made = gateway_lookups.association(call, ctx, ctx.new_uuid("association"), account)
            if made is not None:
                return made
        # Without a proposal, only the caller's own gateway, in this region [doc].
        ec2 = own(resolve(ec2_id, world(call), account, region), account, region)
        association, dxgw, links = associate(dxgw, ec2, gateway_lookups.links(call, ec2), allowed, ctx)
        return cast(GatewayAssociation, call.commit(Put(association), Put(dxgw), Put(links)))

    return _answer(optimistic(attempt))


def _owned(call: Call, association_id: str | None) -> GatewayAssociation:
    """An association of one of the caller's gateways, by id, or "does not exist" (Terraform's needle)."""
    if not association_id:
        raise ClientException("associationId is required")
    ctx = call.context()
    found = gateway_lookups.association(call, ctx, association_id, call.scope.account)
    if found is None:
        raise NotFoundException(f"Direct Connect gateway association {association_id} does not exist")
    return found


def update(call: Call) -> dict[str, Any]:
    params = call.params
    association_id = params.string("associationId")
    add = prefixes(params, "addAllowedPrefixesToDirectConnectGateway") or ()
    remove = prefixes(params, "removeAllowedPrefixesToDirectConnectGateway") or ()

    def attempt() -> GatewayAssociation:
        association = _owned(call, association_id)
        if call.replayed(association):
            return association
        allowed = updated_prefixes(association.allowed_prefixes, add, remove)
        return call.save(reprefixed(association, allowed, call.context()))

    return _answer(optimistic(attempt))


def _to_delete(call: Call) -> GatewayAssociation:
    params = call.params
    association_id = params.string("associationId")
    if association_id is not None:
        return _owned(call, association_id)
    # Or the pair, when the caller owns the virtual private gateway and the gateway [doc].
    gateway_id, vgw_id = params.string("directConnectGatewayId"), params.string("virtualGatewayId")
    if not (gateway_id and vgw_id):
        raise ClientException("Give associationId, or directConnectGatewayId and virtualGatewayId")
    dxgw = gateway_lookups.gateway(call, call.context(), gateway_id)
    slot = next((s for s in dxgw.live_associations if s.associated_gateway_id == vgw_id), None)
    if slot is None:
        raise NotFoundException(f"The association of {vgw_id} with Direct Connect gateway {gateway_id} does not exist")
    return _owned(call, slot.association_id)


def delete(call: Call) -> dict[str, Any]:
    def attempt() -> GatewayAssociation:
        ctx = call.context()
        association = _to_delete(call)
        dxgw = gateway_lookups.stored_gateway(call, association.owner_account, association.gateway_id)
        links = gateway_lookups.stored_links(call, association.associated_owner, association.associated_region,
                                             association.associated_gateway_id)
        gone, dxgw, links = disassociate(association, dxgw, links, ctx)
        if gone is association:
            return association  # already disassociating or disassociated
        writes: list[Write] = [Put(gone), *(Put(item) for item in (dxgw, links) if item is not None)]
        return cast(GatewayAssociation, call.commit(*writes))

    return _answer(optimistic(attempt))


def describe(call: Call) -> dict[str, Any]:
    params = call.params
    association_id, gateway_id = params.string("associationId"), params.string("directConnectGatewayId")
    ec2_id = params.string("associatedGatewayId") or params.string("virtualGatewayId")
    if not (association_id or gateway_id or ec2_id):
        # [doc] "You must specify one of the following: A Direct Connect gateway ... A virtual private
        # gateway ... A transit gateway ..." (or an association id).
        raise ClientException("Specify associationId, directConnectGatewayId, associatedGatewayId or virtualGatewayId")
    if association_id is not None and not UUID.fullmatch(association_id):
        raise ClientException(f"Association ID {association_id} has an invalid format.")  # [seen]
    request = page_request(call, "DescribeDirectConnectGatewayAssociations", association_id, gateway_id, ec2_id)
    found = [association for association in _candidates(call, association_id, gateway_id, ec2_id)
             if (association_id in (None, association.association_id) and gateway_id in (None, association.gateway_id)
                 and ec2_id in (None, association.associated_gateway_id))]
    return page_of("directConnectGatewayAssociations", found, lambda a: a.association_id, request,
                   gateway_views.association)


def _candidates(call: Call, association_id: str | None, gateway_id: str | None,
                ec2_id: str | None) -> list[GatewayAssociation]:
    """The associations a filter can name, each read by key: by id or gateway as the Direct Connect
    gateway's owner, by VGW or TGW as its owner (another account's gateway included)."""
    ctx, account = call.context(), call.scope.account
    dxgw = None if gateway_id is None or association_id is not None else gateway_lookups.owned_gateway(
        call, ctx, gateway_id)
    if association_id is not None:
        ids = [(account, association_id)]
    elif dxgw is not None:
        ids = [(account, slot.association_id) for slot in dxgw.associations]
    elif ec2_id is not None:
        # The EC2 gateway's owner, another account's Direct Connect gateway named or not (Terraform's
        # proposal read falls back to the pair from the proposing account [seen]).
        links = gateway_lookups.stored_links(call, account, call.scope.region, ec2_id)
        ids = [] if links is None else [(slot.gateway_owner, slot.link_id) for slot in links.association_links]
    else:
        ids = []
    found = [association for owner, found_id in ids
             if (association := gateway_lookups.association(call, ctx, found_id, owner)) is not None]
    # A disassociated association answers only to its id, where Terraform takes its state for "gone":
    # by a gateway or a pair, the one made again since is the only match [seen: the finder wants one].
    return found if association_id is not None else [a for a in found if a.association_state != "disassociated"]

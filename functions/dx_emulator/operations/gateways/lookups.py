"""Loading the Direct Connect gateway family by key: gateways and their registry in an account's
global partition, an EC2 gateway's links, associations, proposals."""

from __future__ import annotations

from ...domain.context import Context
from ...domain.gateways.associations import Ec2GatewayLinks, GatewayAssociation
from ...domain.gateways.ec2 import Ec2Gateway
from ...domain.gateways.gateways import DirectConnectGateway, GatewayRegistry
from ...domain.gateways.proposals import AssociationProposal
from ...domain.gateways.states import current_association, current_gateway, current_proposal
from ...errors import ClientException, NotFoundException
from ...scope import Scope
from ...store.kinds import GLOBAL
from ..call import Call


def _global(account: str) -> Scope:
    return Scope(account, GLOBAL)


def stored_gateway(call: Call, account: str, gateway_id: str) -> DirectConnectGateway | None:
    """As stored (the version a write conditions on), whatever its state."""
    return call.store.get(DirectConnectGateway, _global(account), gateway_id)


def owned_gateway(call: Call, ctx: Context, gateway_id: str, account: str | None = None) -> DirectConnectGateway | None:
    """A gateway of the caller's (or ``account``'s) as it is now, or None (unknown, or deleted)."""
    found = stored_gateway(call, account or call.scope.account, gateway_id)
    return None if found is None else current_gateway(found, ctx.lifecycle, ctx.now)


def gateway(call: Call, ctx: Context, gateway_id: str | None, account: str | None = None) -> DirectConnectGateway:
    """A live gateway of the caller's (or ``account``'s), or "does not exist" (Terraform matches it)."""
    if not gateway_id:
        raise ClientException("directConnectGatewayId is required")
    current = owned_gateway(call, ctx, gateway_id, account)
    if current is None:
        raise NotFoundException(f"Direct Connect gateway {gateway_id} does not exist")
    return current


def registry(call: Call) -> GatewayRegistry:
    account = call.scope.account
    return call.store.get(GatewayRegistry, _global(account), "registry") or GatewayRegistry(account)


def links(call: Call, ec2: Ec2Gateway) -> Ec2GatewayLinks:
    scope = Scope(ec2.owner_account, ec2.region)
    return call.store.get(Ec2GatewayLinks, scope, ec2.gateway_id) or Ec2GatewayLinks(
        ec2.owner_account, ec2.region, ec2.gateway_id)


def stored_links(call: Call, account: str, region: str, gateway_id: str) -> Ec2GatewayLinks | None:
    return call.store.get(Ec2GatewayLinks, Scope(account, region), gateway_id)


def association(call: Call, ctx: Context, association_id: str, account: str) -> GatewayAssociation | None:
    """As it is now, or None (unknown, or gone)."""
    found = call.store.get(GatewayAssociation, _global(account), association_id)
    return None if found is None else current_association(found, ctx.lifecycle, ctx.now)


def proposal(call: Call, ctx: Context, proposal_id: str, account: str, region: str) -> AssociationProposal | None:
    found = call.store.get(AssociationProposal, Scope(account, region), proposal_id)
    return None if found is None else current_proposal(found, ctx.now)

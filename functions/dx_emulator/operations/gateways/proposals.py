"""CreateDirectConnectGatewayAssociationProposal, DescribeDirectConnectGatewayAssociationProposals,
AcceptDirectConnectGatewayAssociationProposal, DeleteDirectConnectGatewayAssociationProposal.

The owner of a virtual private or transit gateway proposes; the Direct Connect gateway's owner
accepts, in the proposing gateway's region (AWS: "You must run the command in the region in which
the virtual private gateway is located"), which is where the proposal lives."""

from __future__ import annotations

from typing import Any, cast

from ...domain.context import Context
from ...domain.gateways.associations import Ec2GatewayLinks, GatewayAssociation, own, resolve
from ...domain.gateways.gateways import VIRTUAL_PRIVATE_GATEWAY, DirectConnectGateway
from ...domain.gateways.proposals import Acceptance, AssociationProposal, PrefixChange, accept, propose, withdraw
from ...domain.names import is_account
from ...errors import ClientException, NotFoundException
from ...store.writes import Put, Write
from ..call import Call, optimistic
from ..pages import page_of, page_request
from ..world import world
from . import lookups as gateway_lookups
from . import views as gateway_views
from .associations import prefixes


def _account(value: str | None, name: str) -> str:
    if not value or not is_account(value):
        raise ClientException(f"{name} must be a 12-digit account id")
    return value


def _not_found(proposal_id: str | None) -> NotFoundException:
    # Terraform ignores "is not found" when it deletes a proposal that is gone [seen].
    return NotFoundException(f"Direct Connect Gateway Association Proposal {proposal_id} is not found")


def _elsewhere(call: Call, ctx: Context, dxgw: DirectConnectGateway,
               proposal_id: str | None) -> NotFoundException | None:
    """AWS's refusal of a proposal accepted outside its gateway's region [seen: aws-cli#6597]."""
    slot = next((s for s in dxgw.proposals if s.proposal_id == proposal_id), None)
    found = None if slot is None else gateway_lookups.proposal(call, ctx, slot.proposal_id, slot.owner_account,
                                                                  slot.region)
    if found is None:
        return None
    kind = "Virtual Gateway" if found.associated_gateway_type == VIRTUAL_PRIVATE_GATEWAY else "Transit Gateway"
    return NotFoundException(
        f"The {kind} in the Direct Connect Gateway Association Proposal {proposal_id} is not found")


def _association_of(call: Call, ctx: Context, links: Ec2GatewayLinks, gateway_id: str,
                    owner: str) -> GatewayAssociation | None:
    """The association of the EC2 gateway with this Direct Connect gateway, if there is one."""
    slot = next((s for s in links.association_links if s.gateway_id == gateway_id and s.gone_at is None), None)
    return None if slot is None else gateway_lookups.association(call, ctx, slot.link_id, owner)


def create(call: Call) -> dict[str, Any]:
    params = call.params
    gateway_id, ec2_id = params.string("directConnectGatewayId"), params.string("gatewayId")
    owner = _account(params.string("directConnectGatewayOwnerAccount"), "directConnectGatewayOwnerAccount")
    change = PrefixChange(prefixes(params, "addAllowedPrefixesToDirectConnectGateway") or (),
                          prefixes(params, "removeAllowedPrefixesToDirectConnectGateway") or ())
    account, region = call.scope.account, call.scope.region

    def attempt() -> AssociationProposal:
        ctx = call.context()
        ec2 = own(resolve(ec2_id, world(call), account, region), account, region)
        links = gateway_lookups.links(call, ec2)
        if call.replayed(links):  # this request made its proposal, whose id is the request's
            made = gateway_lookups.proposal(call, ctx, ctx.new_uuid("proposal"), account, region)
            if made is not None:
                return made
        dxgw = gateway_lookups.gateway(call, ctx, gateway_id, account=owner)
        existing = _association_of(call, ctx, links, dxgw.gateway_id, owner)
        proposal, dxgw, links = propose(dxgw, ec2, links, change, ctx, existing=existing)
        return cast(AssociationProposal, call.commit(Put(proposal), Put(dxgw), Put(links)))

    return {"directConnectGatewayAssociationProposal": gateway_views.proposal(optimistic(attempt))}


def accept_proposal(call: Call) -> dict[str, Any]:
    params = call.params
    gateway_id, proposal_id = params.string("directConnectGatewayId"), params.string("proposalId")
    proposer = _account(params.string("associatedGatewayOwnerAccount"), "associatedGatewayOwnerAccount")
    override = prefixes(params, "overrideAllowedPrefixesToDirectConnectGateway")

    def attempt() -> GatewayAssociation:
        ctx = call.context()
        dxgw = gateway_lookups.gateway(call, ctx, gateway_id)
        proposal = gateway_lookups.proposal(call, ctx, proposal_id or "", proposer, call.scope.region)
        if proposal is None or proposal.gateway_id != dxgw.gateway_id:
            raise _elsewhere(call, ctx, dxgw, proposal_id) or _not_found(proposal_id)
        links = gateway_lookups.links(call, proposal.ec2_gateway())
        existing = _association_of(call, ctx, links, dxgw.gateway_id, dxgw.owner_account)
        if call.replayed(dxgw) and existing is not None:
            return existing  # this request accepted it already
        decided, association, dxgw, links = accept(proposal, dxgw, links, Acceptance(existing, override), ctx)
        return cast(GatewayAssociation, call.commit(Put(association), Put(decided), Put(dxgw), Put(links)))

    return {"directConnectGatewayAssociation": gateway_views.association(optimistic(attempt))}


def delete(call: Call) -> dict[str, Any]:
    proposal_id = call.params.string("proposalId")
    if not proposal_id:
        raise ClientException("proposalId is required")

    def attempt() -> AssociationProposal:
        ctx = call.context()
        proposal = gateway_lookups.proposal(call, ctx, proposal_id, call.scope.account, call.scope.region)
        if proposal is None:
            raise _not_found(proposal_id)
        if call.replayed(proposal):
            return proposal
        dxgw = gateway_lookups.stored_gateway(call, proposal.gateway_owner, proposal.gateway_id)
        links = gateway_lookups.stored_links(call, proposal.owner_account, proposal.region,
                                             proposal.associated_gateway_id)
        decided, dxgw, links = withdraw(proposal, dxgw, links, ctx)
        writes: list[Write] = [Put(decided), *(Put(item) for item in (dxgw, links) if item is not None)]
        return cast(AssociationProposal, call.commit(*writes))

    return {"directConnectGatewayAssociationProposal": gateway_views.proposal(optimistic(attempt))}


def describe(call: Call) -> dict[str, Any]:
    params = call.params
    gateway_id, proposal_id = params.string("directConnectGatewayId"), params.string("proposalId")
    ec2_id = params.string("associatedGatewayId")
    request = page_request(call, "DescribeDirectConnectGatewayAssociationProposals", gateway_id, proposal_id, ec2_id)
    found = [proposal for proposal in _candidates(call, gateway_id, proposal_id, ec2_id)
             if gateway_id in (None, proposal.gateway_id) and proposal_id in (None, proposal.proposal_id)
             and ec2_id in (None, proposal.associated_gateway_id)]
    # An unknown id answers an empty list: Terraform's finder takes only that for "gone" [seen].
    return page_of("directConnectGatewayAssociationProposals", found, lambda p: p.proposal_id, request,
                   gateway_views.proposal)


def _candidates(call: Call, gateway_id: str | None, proposal_id: str | None,
                ec2_id: str | None) -> list[AssociationProposal]:
    """Proposals read by key: the caller's own (as the proposer, in this region), or those naming the
    caller's gateways (as the Direct Connect gateway's owner)."""
    ctx, account, region = call.context(), call.scope.account, call.scope.region
    places: list[tuple[str, str, str]] = []
    if proposal_id is not None:
        places.append((proposal_id, account, region))
    elif ec2_id is not None:
        links = gateway_lookups.stored_links(call, account, region, ec2_id)
        places += [] if links is None else [(slot.link_id, account, region) for slot in links.proposal_links]
    elif gateway_id is None:  # no filter: the caller's own proposals in this region, all of them
        places += [(p.proposal_id, account, region) for p in call.store.query(AssociationProposal, call.scope)]
    everything = not (gateway_id or proposal_id or ec2_id)
    if gateway_id is not None or everything or (proposal_id is not None and not _own(call, ctx, proposal_id)):
        ids = (gateway_id,) if gateway_id is not None else gateway_lookups.registry(call).gateway_ids
        for dxgw_id in ids:
            dxgw = gateway_lookups.owned_gateway(call, ctx, dxgw_id)
            places += [] if dxgw is None else [(slot.proposal_id, slot.owner_account, slot.region)
                                               for slot in dxgw.proposals]
    return [proposal for found_id, owner, where in dict.fromkeys(places)
            if (proposal := gateway_lookups.proposal(call, ctx, found_id, owner, where)) is not None]


def _own(call: Call, ctx: Context, proposal_id: str) -> bool:
    return gateway_lookups.proposal(call, ctx, proposal_id, call.scope.account, call.scope.region) is not None

"""Association proposals across accounts: the owner of a virtual private or transit gateway proposes
it to another account's Direct Connect gateway; that account accepts (or the proposer withdraws).

A proposal lives with the account that made it, in its gateway's region; the Direct Connect
gateway keeps a slot naming it, and the EC2 gateway's links too, so both accounts find it by key.
"""

from __future__ import annotations

from dataclasses import replace

from ...errors import ClientException, NotFoundException
from ...records import record
from ..context import Context
from ..stored import Expiring
from .associations import (
    Ec2GatewayLinks,
    GatewayAssociation,
    LinkSlot,
    associate,
    check_single_association,
    checked_prefixes,
    reprefixed,
    updated_prefixes,
)
from .ec2 import Ec2Gateway
from .gateways import DirectConnectGateway, ProposalSlot

REQUESTED, ACCEPTED, DELETED = "requested", "accepted", "deleted"


@record
class AssociationProposal(Expiring):
    owner_account: str  # the proposer: the EC2 gateway's owner
    region: str  # the EC2 gateway's region
    proposal_id: str
    gateway_id: str
    gateway_owner: str
    associated_gateway_id: str
    associated_gateway_type: str
    associated_asn: int
    requested_prefixes: tuple[str, ...]
    existing_prefixes: tuple[str, ...]
    proposal_state: str
    created_at: float
    decided_at: float | None = None  # accepted or deleted

    @property
    def resource_id(self) -> str:
        return self.proposal_id

    def ec2_gateway(self) -> Ec2Gateway:
        return Ec2Gateway(self.associated_gateway_id, self.associated_gateway_type, self.owner_account, self.region,
                          self.associated_asn)


@record
class PrefixChange:
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()


def propose(dxgw: DirectConnectGateway, ec2: Ec2Gateway, links: Ec2GatewayLinks, change: PrefixChange, ctx: Context, *,
            existing: GatewayAssociation | None) -> tuple[AssociationProposal, DirectConnectGateway, Ec2GatewayLinks]:
    """A proposal ``requested``: a new association, or new prefixes for the ``existing`` one."""
    if dxgw.gateway_state in ("deleting", "deleted"):
        raise ClientException(f"Direct Connect gateway {dxgw.gateway_id} is {dxgw.gateway_state}")
    current = () if existing is None else existing.allowed_prefixes
    requested = updated_prefixes(current, change.add, change.remove)
    if existing is None:
        check_single_association(ec2, links)
    proposal = AssociationProposal(
        owner_account=ec2.owner_account, region=ec2.region, proposal_id=ctx.new_uuid("proposal"),
        gateway_id=dxgw.gateway_id, gateway_owner=dxgw.owner_account, associated_gateway_id=ec2.gateway_id,
        associated_gateway_type=ec2.gateway_type, associated_asn=ec2.asn,
        requested_prefixes=checked_prefixes(requested or ec2.cidrs, ec2.gateway_type), existing_prefixes=current,
        proposal_state=REQUESTED, created_at=ctx.now,
    )
    slot = ProposalSlot(proposal.proposal_id, proposal.owner_account, proposal.region)
    link = LinkSlot(proposal.proposal_id, dxgw.gateway_id, dxgw.owner_account)
    return (proposal, replace(dxgw, proposals=(*dxgw.proposals, slot)),
            replace(links, proposal_links=(*links.proposal_links, link)))


Closed = tuple[AssociationProposal, DirectConnectGateway | None, Ec2GatewayLinks | None]


def _closed(proposal: AssociationProposal, dxgw: DirectConnectGateway | None, links: Ec2GatewayLinks | None,
            state: str, ctx: Context) -> Closed:
    decided = replace(proposal, proposal_state=state, decided_at=ctx.now)
    freed = None if dxgw is None else replace(dxgw, proposals=tuple(
        slot for slot in dxgw.proposals if slot.proposal_id != proposal.proposal_id))
    unlinked = None if links is None else replace(links, proposal_links=tuple(
        slot for slot in links.proposal_links if slot.link_id != proposal.proposal_id))
    return decided, freed, unlinked


def check_open(proposal: AssociationProposal) -> None:
    if proposal.proposal_state == ACCEPTED:
        # AWS's words [seen: accepting twice]
        raise ClientException(f"Direct Connect Gateway Association Proposal {proposal.proposal_id} has been accepted!")
    if proposal.proposal_state != REQUESTED:
        raise NotFoundException(f"Direct Connect Gateway Association Proposal {proposal.proposal_id} is not found")


@record
class Acceptance:
    """What accepting a proposal meets: the association it would change, if any, and the prefixes the
    accepting account puts in place of the requested ones."""

    existing: GatewayAssociation | None = None
    override: tuple[str, ...] | None = None


def accept(proposal: AssociationProposal, dxgw: DirectConnectGateway, links: Ec2GatewayLinks, acceptance: Acceptance,
           ctx: Context) -> tuple[AssociationProposal, GatewayAssociation, DirectConnectGateway, Ec2GatewayLinks]:
    """The proposal ``accepted`` and its association made (or its prefixes applied)."""
    check_open(proposal)
    existing = acceptance.existing
    prefixes = proposal.requested_prefixes if acceptance.override is None else checked_prefixes(
        acceptance.override, proposal.associated_gateway_type)
    # The proposal then shows what was accepted [seen: Terraform's cross-account test expects the
    # override in requestedAllowedPrefixesToDirectConnectGateway].
    decided, dxgw_now, links_now = _closed(replace(proposal, requested_prefixes=prefixes), dxgw, links, ACCEPTED, ctx)
    assert dxgw_now is not None and links_now is not None
    if existing is not None:
        return decided, reprefixed(existing, prefixes, ctx), dxgw_now, links_now
    association, dxgw_now, links_now = associate(dxgw_now, proposal.ec2_gateway(), links_now, prefixes, ctx)
    return decided, association, dxgw_now, links_now


def withdraw(proposal: AssociationProposal, dxgw: DirectConnectGateway | None, links: Ec2GatewayLinks | None,
             ctx: Context) -> Closed:
    """The proposal ``deleted`` by the account that made it; an accepted one too, its association
    staying [seen: Terraform's end-of-life tests delete an accepted proposal and then find it gone]."""
    if proposal.proposal_state == DELETED:
        raise NotFoundException(f"Direct Connect Gateway Association Proposal {proposal.proposal_id} is not found")
    return _closed(proposal, dxgw, links, DELETED, ctx)

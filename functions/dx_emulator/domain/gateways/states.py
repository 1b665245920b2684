"""The states Direct Connect gateways, their associations, proposals and attachments move through,
derived on read like every other state (lifecycle.py): no background job, no second write."""

from __future__ import annotations

from dataclasses import replace

from ..lifecycle import Lifecycle
from .associations import GatewayAssociation
from .gateways import DirectConnectGateway
from .proposals import ACCEPTED, DELETED, REQUESTED, AssociationProposal

DAY = 86_400.0
# [doc] "A virtual private gateway association proposal expires 7 days after it is created"; an
# accepted or deleted one "remains visible for 3 days".
PROPOSAL_LIFETIME = 7 * DAY
DECIDED_PROPOSAL_VISIBLE = 3 * DAY
# VIF states, as the attachment of a VIF to a gateway shows them [doc: DirectConnectGatewayAttachment].
ATTACHMENT_STATE = {"confirming": "attaching", "pending": "attaching", "verifying": "attaching",
                    "available": "attached", "down": "attached", "testing": "attached",
                    "deleting": "detaching", "deleted": "detached", "rejected": "detached"}


def current_gateway(gateway: DirectConnectGateway, lifecycle: Lifecycle, now: float) -> DirectConnectGateway | None:
    """None once deleted: "Deleted Direct Connect gateways are not returned" [doc]."""
    at = lifecycle.clock(gateway.resource_id, now)  # now, or a manual gateway's release
    if gateway.deleted_at is not None:
        return None if at > gateway.deleted_at + lifecycle.deleting else gateway
    if gateway.gateway_state == "pending" and at > gateway.created_at + lifecycle.gateway_available:
        return replace(gateway, gateway_state="available")
    return gateway


def as_answered_to_create(gateway: DirectConnectGateway, lifecycle: Lifecycle) -> DirectConnectGateway:
    """CreateDirectConnectGateway answers "available" in AWS's example [seen]: with no gateway delay
    configured, the emulator does too; with one, the gateway is pending until it passes."""
    held = lifecycle.gateway_available or lifecycle.manual is not None  # manual mode: pending until told
    return gateway if held else replace(gateway, gateway_state="available")


def current_association(association: GatewayAssociation, lifecycle: Lifecycle,
                        now: float) -> GatewayAssociation | None:
    if association.deleted_at is not None:
        if now > lifecycle.expiry(association.deleted_at):
            return None
        at = lifecycle.clock(association.resource_id, now)
        done = at > association.deleted_at + lifecycle.disassociation
        return replace(association, association_state="disassociated" if done else "disassociating")
    state = association.association_state
    settled = {"associating": association.created_at + lifecycle.association_available,
               "updating": (association.updated_at or 0.0) + lifecycle.association_update}
    if state in settled and lifecycle.clock(association.resource_id, now) > settled[state]:
        state = "associated"
    return replace(association, association_state=state)


def current_proposal(proposal: AssociationProposal, now: float) -> AssociationProposal | None:
    if proposal.proposal_state == REQUESTED:
        if now <= proposal.created_at + PROPOSAL_LIFETIME:
            return proposal
        proposal = replace(proposal, proposal_state=DELETED, decided_at=proposal.created_at + PROPOSAL_LIFETIME)
    assert proposal.proposal_state in (ACCEPTED, DELETED) and proposal.decided_at is not None
    return proposal if now <= proposal.decided_at + DECIDED_PROPOSAL_VISIBLE else None


def proposal_expiry(proposal: AssociationProposal) -> float:
    """When the store may drop the proposal for good."""
    decided = proposal.decided_at if proposal.decided_at is not None else proposal.created_at + PROPOSAL_LIFETIME
    return decided + DECIDED_PROPOSAL_VISIBLE

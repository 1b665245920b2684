"""Cross-account associations, played by two access keys (two accounts): the owner of a virtual
private or transit gateway proposes, the Direct Connect gateway's owner accepts, in the proposing
gateway's region."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.admin import declare
from tests.support.errors import expect_error
from tests.support.server import RunningServer, new_account
from tests.support.world import gateway

CLIENT, NOT_FOUND = "DirectConnectClientException", "DirectConnectClientException"
VGW, TGW = "vgw-0a1b2c3d", "tgw-0a1b2c3d"


@dataclass
class Parties:
    proposer: Any  # the account owning the EC2 gateway, in its region
    owner: Any  # the Direct Connect gateway's account, in the same region
    proposer_account: str
    owner_account: str
    gateway_id: str


@pytest.fixture
def parties(server: RunningServer, make_client: Callable[..., Any]) -> Parties:
    proposer_account, owner_account = new_account(), new_account()
    declare(server.url, proposer_account, vgws=[{"virtualGatewayId": VGW, "region": "us-east-1",
                                                 "vpcCidrs": ["10.0.0.0/16"]}],
            tgws=[{"transitGatewayId": TGW, "region": "us-east-1", "amazonSideAsn": 64513}])
    owner = make_client(owner_account)
    return Parties(make_client(proposer_account), owner, proposer_account, owner_account, gateway(owner))


def propose(p: Parties, gateway_id: str = VGW, *add: str, remove: tuple[str, ...] = ()) -> dict[str, Any]:
    return dict(p.proposer.create_direct_connect_gateway_association_proposal(
        directConnectGatewayId=p.gateway_id, directConnectGatewayOwnerAccount=p.owner_account, gatewayId=gateway_id,
        addAllowedPrefixesToDirectConnectGateway=[{"cidr": cidr} for cidr in add],
        removeAllowedPrefixesToDirectConnectGateway=[{"cidr": cidr} for cidr in remove],
    )["directConnectGatewayAssociationProposal"])


def accept(p: Parties, proposal_id: str, *override: str, dx: Any = None) -> dict[str, Any]:
    params: dict[str, Any] = {"directConnectGatewayId": p.gateway_id, "proposalId": proposal_id,
                              "associatedGatewayOwnerAccount": p.proposer_account}
    if override:
        params["overrideAllowedPrefixesToDirectConnectGateway"] = [{"cidr": cidr} for cidr in override]
    return dict((dx or p.owner).accept_direct_connect_gateway_association_proposal(**params)[
        "directConnectGatewayAssociation"])


def proposals(dx: Any, **filters: str) -> list[dict[str, Any]]:
    return list(dx.describe_direct_connect_gateway_association_proposals(**filters)[
        "directConnectGatewayAssociationProposals"])


def test_the_gateway_owner_accepts_a_proposal_from_another_account(parties: Parties) -> None:
    p = parties
    made = propose(p)
    assert made == {
        "proposalId": made["proposalId"], "directConnectGatewayId": p.gateway_id,
        "directConnectGatewayOwnerAccount": p.owner_account, "proposalState": "requested",
        "associatedGateway": {"id": VGW, "type": "virtualPrivateGateway", "ownerAccount": p.proposer_account,
                              "region": "us-east-1"},
        "existingAllowedPrefixesToDirectConnectGateway": [],
        # With no prefixes asked for, a VGW's proposal asks for its VPC's CIDRs [doc].
        "requestedAllowedPrefixesToDirectConnectGateway": [{"cidr": "10.0.0.0/16"}]}
    # Both sides see it: the proposer among its own, the gateway's owner among those naming its gateways.
    assert proposals(p.proposer) == [made]
    assert proposals(p.owner) == [made] == proposals(p.owner, directConnectGatewayId=p.gateway_id)
    assert proposals(p.owner, proposalId=made["proposalId"]) == [made]

    association = accept(p, made["proposalId"], "10.0.0.0/24")
    assert (association["associationState"], association["directConnectGatewayOwnerAccount"],
            association["associatedGateway"]["ownerAccount"], association["allowedPrefixesToDirectConnectGateway"]) \
        == ("associating", p.owner_account, p.proposer_account, [{"cidr": "10.0.0.0/24"}])
    # The association belongs to the gateway's owner; the VGW's owner finds it by its gateway.
    [owned] = p.owner.describe_direct_connect_gateway_associations(associationId=association["associationId"])[
        "directConnectGatewayAssociations"]
    [seen] = p.proposer.describe_direct_connect_gateway_associations(associatedGatewayId=VGW)[
        "directConnectGatewayAssociations"]
    assert owned == seen and owned["associationState"] == "associated"
    assert [proposal["proposalState"] for proposal in proposals(p.proposer)] == ["accepted"]
    expect_error(lambda: accept(p, made["proposalId"]), CLIENT,
                 f"Direct Connect Gateway Association Proposal {made['proposalId']} has been accepted!")


def test_an_accepted_update_keeps_the_association(parties: Parties) -> None:
    p = parties
    first = accept(p, propose(p, TGW, "10.0.0.0/16")["proposalId"])
    update = propose(p, TGW, "10.1.0.0/16", remove=("10.0.0.0/16",))
    assert (update["existingAllowedPrefixesToDirectConnectGateway"],
            update["requestedAllowedPrefixesToDirectConnectGateway"]) == (
        [{"cidr": "10.0.0.0/16"}], [{"cidr": "10.1.0.0/16"}])
    updated = accept(p, update["proposalId"])
    # Terraform's recreated proposal expects the same association, its prefixes changed.
    assert (updated["associationId"], updated["associationState"], updated["allowedPrefixesToDirectConnectGateway"]) \
        == (first["associationId"], "updating", [{"cidr": "10.1.0.0/16"}])


def test_a_withdrawn_proposal_cannot_be_accepted(parties: Parties) -> None:
    p = parties
    proposal_id = propose(p)["proposalId"]
    withdrawn = p.proposer.delete_direct_connect_gateway_association_proposal(proposalId=proposal_id)[
        "directConnectGatewayAssociationProposal"]
    assert withdrawn["proposalState"] == "deleted"
    missing = f"Direct Connect Gateway Association Proposal {proposal_id} is not found"
    # Terraform ignores "is not found" when it deletes a proposal again [seen].
    expect_error(p.proposer.delete_direct_connect_gateway_association_proposal, NOT_FOUND, missing,
                 proposalId=proposal_id)
    expect_error(lambda: accept(p, proposal_id), NOT_FOUND, missing)
    assert proposals(p.owner) == []
    assert p.owner.describe_direct_connect_gateway_associations(directConnectGatewayId=p.gateway_id)[
        "directConnectGatewayAssociations"] == []


def test_a_proposal_is_accepted_in_the_proposing_gateways_region(server: RunningServer,
                                                                  make_client: Callable[..., Any]) -> None:
    proposer_account, owner_account = new_account(), new_account()
    declare(server.url, proposer_account, vgws=[{"virtualGatewayId": VGW, "region": "eu-west-1"}])
    owner = make_client(owner_account)
    p = Parties(make_client(proposer_account, "eu-west-1"), owner, proposer_account, owner_account, gateway(owner))
    proposal_id = propose(p)["proposalId"]
    # AWS's words for a proposal accepted outside the proposing gateway's region [seen].
    expect_error(lambda: accept(p, proposal_id), NOT_FOUND,
                 f"The Virtual Gateway in the Direct Connect Gateway Association Proposal {proposal_id} is not found")
    association = accept(p, proposal_id, dx=make_client(owner_account, "eu-west-1"))
    assert association["associatedGateway"]["region"] == "eu-west-1"


def test_who_may_propose_and_accept(server: RunningServer, parties: Parties, make_client: Callable[..., Any]) -> None:
    p = parties
    # Only the EC2 gateway's owner proposes: to another account whose world knows the VGW as the
    # proposer's, it does not exist. (Each account declares its own world.)
    stranger_account = new_account()
    declare(server.url, stranger_account, vgws=[{"virtualGatewayId": VGW, "region": "us-east-1",
                                                 "ownerAccount": p.proposer_account}])
    stranger = make_client(stranger_account)
    expect_error(stranger.create_direct_connect_gateway_association_proposal, CLIENT,
                 f"The VirtualGateway {VGW} does not exist.", directConnectGatewayId=p.gateway_id,
                 directConnectGatewayOwnerAccount=p.owner_account, gatewayId=VGW)
    # A gateway the named account does not own does not exist.
    expect_error(p.proposer.create_direct_connect_gateway_association_proposal, NOT_FOUND,
                 f"Direct Connect gateway {p.gateway_id} does not exist", directConnectGatewayId=p.gateway_id,
                 directConnectGatewayOwnerAccount=p.proposer_account, gatewayId=VGW)
    expect_error(p.proposer.create_direct_connect_gateway_association_proposal, CLIENT,
                 "directConnectGatewayOwnerAccount must be a 12-digit account id",
                 directConnectGatewayId=p.gateway_id, directConnectGatewayOwnerAccount="me", gatewayId=VGW)
    # A transit gateway's proposal needs prefixes, as its association does.
    expect_error(lambda: propose(p, TGW), CLIENT,
                 "Allowed prefixes are required for an association with a transit gateway")
    # Only the gateway's owner accepts: to the proposer, the gateway does not exist.
    proposal_id = propose(p)["proposalId"]
    expect_error(lambda: accept(p, proposal_id, dx=p.proposer), NOT_FOUND,
                 f"Direct Connect gateway {p.gateway_id} does not exist")
    assert [proposal["proposalState"] for proposal in proposals(p.proposer)] == ["requested"]

"""Terraform's aws_dx_gateway_association_proposal and the aws_dx_gateway_association that accepts it,
across two accounts, replayed call by call: account A owns the virtual private or transit gateway and
proposes; account B owns the Direct Connect gateway and accepts (proposal_id and
associated_gateway_owner_account_id). Single-account associations: test_terraform_gateways.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.support.admin import declare
from tests.support.errors import expect_error
from tests.support.server import RunningServer, new_account
from tests.support.terraform import (
    GONE,
    cidrs,
    create_gateway,
    destroy_gateway,
    destroy_gateway_association,
    find_gateway_association,
    find_gateway_association_proposal,
    ignoring,
    prefixes,
    wait_gateway_association,
)

CLIENT = "DirectConnectClientException"
REQUESTED = "requestedAllowedPrefixesToDirectConnectGateway"
VGW, TGW = "vgw-0a0b0c0d0e0f01234", "tgw-0a0b0c0d0e0f01234"


def propose(dx: Any, gateway_id: str, owner: str, ec2_id: str, allowed: set[str] | None = None) -> str:
    """resourceGatewayAssociationProposalCreate: allowed_prefixes only when configured; no waiter."""
    params: dict[str, Any] = {"directConnectGatewayId": gateway_id, "directConnectGatewayOwnerAccount": owner,
                              "gatewayId": ec2_id}
    if allowed:
        params["addAllowedPrefixesToDirectConnectGateway"] = cidrs(allowed)
    made = dx.create_direct_connect_gateway_association_proposal(**params)
    return str(made["directConnectGatewayAssociationProposal"]["proposalId"])


def accept(dx: Any, gateway_id: str, proposal_id: str, proposer: str, override: set[str] | None = None) -> str:
    """The accepting resourceGatewayAssociationCreate: the association id from the answer, whose
    associatedGateway.id makes the resource id (dereferenced unchecked)."""
    params: dict[str, Any] = {"directConnectGatewayId": gateway_id, "proposalId": proposal_id,
                              "associatedGatewayOwnerAccount": proposer}
    if override:
        params["overrideAllowedPrefixesToDirectConnectGateway"] = cidrs(override)
    association = dx.accept_direct_connect_gateway_association_proposal(**params)["directConnectGatewayAssociation"]
    assert association["associatedGateway"]["id"]
    return str(association["associationId"])


def read_proposal(dx: Any, proposal_id: str, gateway_id: str, ec2_id: str) -> Any:
    """resourceGatewayAssociationProposalRead: the proposal; once AWS has dropped an accepted one (end of
    life), the association of the pair, read by the proposer. The attributes Terraform keeps."""
    found = find_gateway_association_proposal(dx, proposal_id)
    allowed = REQUESTED
    if found is GONE:
        found = find_gateway_association(dx, directConnectGatewayId=gateway_id, associatedGatewayId=ec2_id)
        allowed = "allowedPrefixesToDirectConnectGateway"
        if found is GONE:
            return GONE
    associated = found["associatedGateway"]
    return {"allowed_prefixes": prefixes(found, allowed), "associated_gateway_id": associated["id"],
            "associated_gateway_owner_account_id": associated["ownerAccount"],
            "associated_gateway_type": associated["type"], "dx_gateway_id": found["directConnectGatewayId"],
            "dx_gateway_owner_account_id": found["directConnectGatewayOwnerAccount"]}


def delete_proposal(dx: Any, proposal_id: str) -> None:
    ignoring("is not found", dx.delete_direct_connect_gateway_association_proposal, proposalId=proposal_id)


def world(server: RunningServer, account: str, kind: str) -> tuple[str, set[str] | None, set[str]]:
    """A's gateway as its world declares it: its id, the allowed_prefixes configured, those expected."""
    if kind == "virtualPrivateGateway":  # an aws_vpn_gateway in a VPC 10.0.0.0/16, no allowed_prefixes
        declare(server.url, account, vgws=[{"virtualGatewayId": VGW, "region": "us-east-1",
                                            "vpcCidrs": ["10.0.0.0/16"]}])
        return VGW, None, {"10.0.0.0/16"}
    declare(server.url, account, tgws=[{"transitGatewayId": TGW, "region": "us-east-1"}])
    configured = {"10.255.255.0/30", "10.255.255.8/30"}
    return TGW, configured, configured


@pytest.fixture
def owner(make_client: Callable[..., Any]) -> tuple[str, Any]:
    """Account B, the Direct Connect gateway's owner (the provider "awsalternate")."""
    account = new_account()
    return account, make_client(account=account)


@pytest.mark.parametrize("kind", ["virtualPrivateGateway", "transitGateway"])
def test_a_proposal_accepted_across_accounts(server: RunningServer, dx: Any, account: str, owner: tuple[str, Any],
                                             kind: str) -> None:
    owner_account, dx_b = owner
    ec2_id, configured, expected = world(server, account, kind)
    gateway_id = create_gateway(dx_b, "tf-dxgw", 65106)["directConnectGatewayId"]

    proposal_id = propose(dx, gateway_id, owner_account, ec2_id, configured)
    assert proposal_id == proposal_id.lower()  # import lower-cases the whole id
    assert find_gateway_association_proposal(dx, proposal_id)["proposalState"] == "requested"
    state = read_proposal(dx, proposal_id, gateway_id, ec2_id)
    assert state == {"allowed_prefixes": expected, "associated_gateway_id": ec2_id,
                     "associated_gateway_owner_account_id": account, "associated_gateway_type": kind,
                     "dx_gateway_id": gateway_id, "dx_gateway_owner_account_id": owner_account}

    association_id = accept(dx_b, gateway_id, proposal_id, account)
    read = wait_gateway_association(dx_b, association_id, "associating")
    assert prefixes(read) == expected
    assert read["associatedGateway"] == {"id": ec2_id, "type": kind, "ownerAccount": account, "region": "us-east-1"}
    assert (read["directConnectGatewayId"], read["directConnectGatewayOwnerAccount"]) == (gateway_id, owner_account)
    # A's next refresh: the proposal accepted (testAccCheckGatewayAssociationProposalAccepted), no diff.
    assert find_gateway_association_proposal(dx, proposal_id)["proposalState"] == "accepted"
    assert read_proposal(dx, proposal_id, gateway_id, ec2_id) == state

    # Destroy in dependency order: B's association, A's proposal (accepted: "is not found" is done), B's gateway.
    destroy_gateway_association(dx_b, association_id)
    delete_proposal(dx, proposal_id)
    destroy_gateway(dx_b, gateway_id)
    assert find_gateway_association(dx_b, associationId=association_id) is GONE  # CheckDestroy, both resources
    assert find_gateway_association_proposal(dx, proposal_id) is GONE


def test_an_accepted_proposal_at_end_of_life(server: RunningServer, dx: Any, account: str,
                                             owner: tuple[str, Any]) -> None:
    """endOfLifeVPN: the accepted proposal disappears; A's read then falls back to the association,
    read through the pair, and so does import by PROPOSALID/DXGATEWAYID/ASSOCIATEDGATEWAYID."""
    owner_account, dx_b = owner
    ec2_id, _, expected = world(server, account, "virtualPrivateGateway")
    gateway_id = create_gateway(dx_b, "tf-dxgw", 65107)["directConnectGatewayId"]
    proposal_id = propose(dx, gateway_id, owner_account, ec2_id)
    association_id = accept(dx_b, gateway_id, proposal_id, account)
    wait_gateway_association(dx_b, association_id, "associating")
    state = read_proposal(dx, proposal_id, gateway_id, ec2_id)

    delete_proposal(dx, proposal_id)  # CheckResourceDisappears
    fallback = find_gateway_association(dx, directConnectGatewayId=gateway_id, associatedGatewayId=ec2_id)
    assert fallback is not GONE and (fallback["associationId"], prefixes(fallback)) == (association_id, expected)
    assert read_proposal(dx, proposal_id, gateway_id, ec2_id) == state  # no diff after refresh
    # Import by PROPOSALID/DXGATEWAYID/ASSOCIATEDGATEWAYID lower-cases all three, then reads the same way.
    assert f"{proposal_id}/{gateway_id}/{ec2_id}" == f"{proposal_id}/{gateway_id}/{ec2_id}".lower()

    destroy_gateway_association(dx_b, association_id)
    delete_proposal(dx, proposal_id)
    destroy_gateway(dx_b, gateway_id)
    assert read_proposal(dx, proposal_id, gateway_id, ec2_id) is GONE  # removed from state
    assert find_gateway_association_proposal(dx, proposal_id) is GONE  # CheckDestroy


def test_proposals_for_an_existing_association(server: RunningServer, dx: Any, account: str,
                                               owner: tuple[str, Any]) -> None:
    """allowedPrefixesVPNCrossAccount(Updated) and recreateProposal: B overrides the proposed prefixes,
    then changes them; A proposes again for the same pair; the association stays the same one."""
    owner_account, dx_b = owner
    declare(server.url, account, vgws=[{"virtualGatewayId": VGW, "region": "us-east-1",
                                        "vpcCidrs": ["10.255.255.0/28"]}])
    gateway_id = create_gateway(dx_b, "tf-dxgw", 65108)["directConnectGatewayId"]
    proposed, override = {"10.255.255.0/30", "10.255.255.8/30"}, {"10.255.255.8/29"}
    first = propose(dx, gateway_id, owner_account, VGW, proposed)
    association_id = accept(dx_b, gateway_id, first, account, override)
    assert prefixes(wait_gateway_association(dx_b, association_id, "associating")) == override
    # "Accepting the proposal with overridden prefixes changes the returned
    # RequestedAllowedPrefixesToDirectConnectGateway value" (the provider's test, expecting a plan for it).
    assert prefixes(find_gateway_association_proposal(dx, first), REQUESTED) == override

    # B's allowed_prefixes changed in place: both set differences, then the update waiter.
    dx_b.update_direct_connect_gateway_association(
        associationId=association_id, addAllowedPrefixesToDirectConnectGateway=cidrs(proposed - override),
        removeAllowedPrefixesToDirectConnectGateway=cidrs(override - proposed))
    assert prefixes(wait_gateway_association(dx_b, association_id, "updating")) == proposed

    # A proposes a change to the existing association; B accepts it: the same association, updated.
    added = {"10.255.255.12/30"}
    second = propose(dx, gateway_id, owner_account, VGW, added)
    change = find_gateway_association_proposal(dx, second)
    assert (prefixes(change, "existingAllowedPrefixesToDirectConnectGateway"), prefixes(change, REQUESTED)) == (
        proposed, proposed | added)
    assert accept(dx_b, gateway_id, second, account) == association_id
    assert prefixes(wait_gateway_association(dx_b, association_id, "updating")) == proposed | added

    # recreateProposal: a new proposal_id on the association is an in-place Update with no prefix change.
    third = propose(dx, gateway_id, owner_account, VGW)
    assert find_gateway_association_proposal(dx, third)["proposalState"] == "requested"
    dx_b.update_direct_connect_gateway_association(associationId=association_id)
    read = wait_gateway_association(dx_b, association_id, "updating")
    assert (read["associationId"], prefixes(read)) == (association_id, proposed | added)

    destroy_gateway_association(dx_b, association_id)
    for proposal_id in (first, second, third):
        delete_proposal(dx, proposal_id)
    expect_error(dx.delete_direct_connect_gateway_association_proposal, CLIENT,
                 f"Direct Connect Gateway Association Proposal {third} is not found", proposalId=third)
    destroy_gateway(dx_b, gateway_id)
    assert find_gateway_association(dx_b, associationId=association_id) is GONE  # CheckDestroy
    assert [find_gateway_association_proposal(dx, p) for p in (first, second, third)] == [GONE] * 3

"""Racing clients never break a Direct Connect gateway's rules: one association per virtual private
gateway, one acceptance per proposal, no VIF attached to a deleted gateway, the per-gateway quotas.
Each race asserts who won, every loser's error, and the state stored afterwards as Describe shows it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.admin import declare
from tests.support.errors import expect_error
from tests.support.races import RACERS, error_codes, error_messages, race, split, tagged
from tests.support.server import RunningServer, client, new_account
from tests.support.world import connection, private_vif, transit_vif

CLIENT_ERROR = "DirectConnectClientException"
VGW, TGW = "vgw-0a1b2c3d", "tgw-0a1b2c3d"


def new_gateway(dx: Any, **params: Any) -> str:
    created = dx.create_direct_connect_gateway(directConnectGatewayName="racing gateway", **params)
    return str(created["directConnectGateway"]["directConnectGatewayId"])


def associations(dx: Any, **filters: str) -> list[dict[str, Any]]:
    return list(dx.describe_direct_connect_gateway_associations(**filters)["directConnectGatewayAssociations"])


def proposals(dx: Any, **filters: str) -> list[dict[str, Any]]:
    return list(dx.describe_direct_connect_gateway_association_proposals(**filters)[
        "directConnectGatewayAssociationProposals"])




def test_racing_associations_of_one_vgw_with_different_gateways(racers: list[Any]) -> None:
    """Each racer associates the same virtual private gateway with a Direct Connect gateway of its own."""
    gateway_ids = [new_gateway(racers[0]) for _ in racers]

    def associate(dx: Any, index: int) -> Any:
        return dx.create_direct_connect_gateway_association(directConnectGatewayId=gateway_ids[index],
                                                            gatewayId=VGW)["directConnectGatewayAssociation"]

    successes, errors = race(racers, associate)
    assert len(successes) == 1
    assert len(errors) == RACERS - 1
    [won] = successes
    winner = won["directConnectGatewayId"]
    assert winner in gateway_ids
    assert error_codes(errors) == {CLIENT_ERROR}
    assert error_messages(errors) == {f"{VGW} is already associated with Direct Connect gateway {winner}"}
    [stored] = associations(racers[0], associatedGatewayId=VGW)
    assert (stored["associationId"], stored["directConnectGatewayId"]) == (won["associationId"], winner)
    assert stored["associationState"] in ("associating", "associated")
    # No loser left a trace on its own gateway.
    for gateway_id in gateway_ids:
        held = [a["associationId"] for a in associations(racers[0], directConnectGatewayId=gateway_id)]
        assert held == ([won["associationId"]] if gateway_id == winner else [])


def test_racing_transit_gateway_associations_respect_the_quota(racers: list[Any]) -> None:
    """Every racer associates a transit gateway of its own with one Direct Connect gateway: six fit."""
    gateway_id = new_gateway(racers[0], amazonSideAsn=65000)  # undeclared TGWs have ASN 64512

    def associate(dx: Any, index: int) -> Any:
        return dx.create_direct_connect_gateway_association(
            directConnectGatewayId=gateway_id, gatewayId=f"tgw-{index:08x}",
            addAllowedPrefixesToDirectConnectGateway=[{"cidr": f"10.{index}.0.0/16"}],
        )["directConnectGatewayAssociation"]

    successes, errors = race(racers, associate)
    assert len(successes) == 6
    assert error_codes(errors) == {"LimitExceededException"}
    assert error_messages(errors) == {
        f"Direct Connect gateway {gateway_id} already has 6 transitGateway associations, the most allowed"}
    stored = associations(racers[0], directConnectGatewayId=gateway_id)
    assert {a["associationId"] for a in stored} == {a["associationId"] for a in successes}
    # Each loser's transit gateway holds no association either.
    won = {a["associatedGateway"]["id"] for a in successes}
    for index in range(RACERS):
        tgw = f"tgw-{index:08x}"
        assert len(associations(racers[0], associatedGatewayId=tgw)) == (1 if tgw in won else 0)


@dataclass
class Proposal:
    proposer_account: str
    proposers: list[Any]  # clients of the account owning the EC2 gateway
    gateway_id: str  # the racers' account's Direct Connect gateway
    proposal_id: str
    ec2_id: str


def proposed(server: RunningServer, racers: list[Any], account: str, ec2_id: str) -> Proposal:
    """A proposal from another account, of its VGW or TGW, to a new gateway of the racers' account."""
    proposer_account = new_account()
    declare(server.url, proposer_account,
            vgws=[{"virtualGatewayId": VGW, "region": "us-east-1", "vpcCidrs": ["10.0.0.0/16"]}],
            tgws=[{"transitGatewayId": TGW, "region": "us-east-1", "amazonSideAsn": 64513}])
    proposers = [client(server.url, proposer_account) for _ in range(RACERS // 2)]
    gateway_id = new_gateway(racers[0])
    made = proposers[0].create_direct_connect_gateway_association_proposal(
        directConnectGatewayId=gateway_id, directConnectGatewayOwnerAccount=account, gatewayId=ec2_id,
        addAllowedPrefixesToDirectConnectGateway=[{"cidr": "10.0.0.0/24"}],
    )["directConnectGatewayAssociationProposal"]
    assert made["proposalState"] == "requested"
    return Proposal(proposer_account, proposers, gateway_id, made["proposalId"], ec2_id)


def accept(dx: Any, p: Proposal) -> Any:
    return dx.accept_direct_connect_gateway_association_proposal(
        directConnectGatewayId=p.gateway_id, proposalId=p.proposal_id,
        associatedGatewayOwnerAccount=p.proposer_account)["directConnectGatewayAssociation"]


def assert_accepted_once(racers: list[Any], p: Proposal, won: dict[str, Any], state: str = "accepted") -> None:
    """One association, as both accounts see it, and the proposal accepted (or deleted since)."""
    assert (won["directConnectGatewayId"], won["associatedGateway"]["id"]) == (p.gateway_id, p.ec2_id)
    assert won["allowedPrefixesToDirectConnectGateway"] == [{"cidr": "10.0.0.0/24"}]
    [stored] = associations(racers[0], directConnectGatewayId=p.gateway_id)
    assert stored["associationId"] == won["associationId"]
    [seen] = associations(p.proposers[0], associatedGatewayId=p.ec2_id)
    assert seen["associationId"] == won["associationId"]
    [proposal] = proposals(p.proposers[0], proposalId=p.proposal_id)
    assert proposal["proposalState"] == state
    assert proposals(racers[0], directConnectGatewayId=p.gateway_id) == []  # no longer open on the gateway


@pytest.mark.parametrize("ec2_id", [VGW, TGW])
def test_racing_accepts_of_one_proposal(server: RunningServer, racers: list[Any], account: str, ec2_id: str) -> None:
    p = proposed(server, racers, account, ec2_id)
    successes, errors = race(racers, lambda dx, _: accept(dx, p))
    assert len(successes) == 1
    assert len(errors) == RACERS - 1
    assert error_codes(errors) == {CLIENT_ERROR}
    assert error_messages(errors) == {
        f"Direct Connect Gateway Association Proposal {p.proposal_id} has been accepted!"}
    assert_accepted_once(racers, p, successes[0])


@pytest.mark.parametrize("ec2_id", [VGW, TGW])
def test_racing_accepts_against_withdrawals_of_one_proposal(server: RunningServer, racers: list[Any], account: str,
                                                            ec2_id: str) -> None:
    """Half the racers (the gateway's owner) accept, half (the proposer) withdraw (deletes the proposal)."""
    p = proposed(server, racers, account, ec2_id)
    # Interleaved, so neither side is released first.
    clients = [racers[index // 2] if index % 2 == 0 else p.proposers[index // 2] for index in range(RACERS)]

    def accept_or_withdraw(dx: Any, index: int) -> Any:
        if index % 2 == 0:
            return tagged("accept", lambda: accept(dx, p))
        return tagged("withdraw", lambda: dx.delete_direct_connect_gateway_association_proposal(
            proposalId=p.proposal_id)["directConnectGatewayAssociationProposal"])

    outcomes, errors = race(clients, accept_or_withdraw)
    assert errors == []
    accepted, accept_errors = split(outcomes, "accept")
    withdrawn, withdraw_errors = split(outcomes, "withdraw")
    # One accept at most, one withdrawal at most; both only in that order (an accepted proposal may
    # be deleted, its association staying), never an accept after a withdrawal.
    assert len(accepted) <= 1 and len(withdrawn) <= 1 and accepted + withdrawn
    assert error_codes(accept_errors + withdraw_errors) == {CLIENT_ERROR}
    not_found = f"Direct Connect Gateway Association Proposal {p.proposal_id} is not found"
    assert error_messages(withdraw_errors) == {not_found}
    assert all(answer["proposalState"] == "deleted" for answer in withdrawn)
    if accepted:
        # Those who read it accepted were told so; those who read it deleted after, not found.
        assert error_messages(accept_errors) <= {
            f"Direct Connect Gateway Association Proposal {p.proposal_id} has been accepted!", not_found}
        assert_accepted_once(racers, p, accepted[0], "deleted" if withdrawn else "accepted")
        return
    assert error_messages(accept_errors) == {not_found}
    assert associations(racers[0], directConnectGatewayId=p.gateway_id) == []
    assert associations(p.proposers[0], associatedGatewayId=p.ec2_id) == []
    [proposal] = proposals(p.proposers[0], proposalId=p.proposal_id)
    assert proposal["proposalState"] == "deleted"


@pytest.mark.parametrize(("kind", "deleters"), [("private", RACERS // 2), ("transit", 1)])
def test_racing_attachments_against_the_gateway_delete(racers: list[Any], kind: str, deleters: int) -> None:
    """Some racers attach VIFs (each on a connection of its own), the others delete the gateway: either
    the delete wins and no VIF attaches, or VIFs attach and every delete is refused."""
    gateway_id = new_gateway(racers[0])
    every = RACERS // deleters  # deleters interleaved with the attachers
    deleting = {index for index in range(RACERS) if index % every == 0}
    conn_ids = {index: connection(racers[0])["connectionId"] for index in range(RACERS) if index not in deleting}

    def attach_or_delete(dx: Any, index: int) -> Any:
        if index in deleting:
            return tagged("delete", lambda: dx.delete_direct_connect_gateway(directConnectGatewayId=gateway_id)[
                "directConnectGateway"])
        if kind == "private":
            return tagged("attach", lambda: private_vif(dx, conn_ids[index], virtualGatewayId=None,
                                                        directConnectGatewayId=gateway_id))
        return tagged("attach", lambda: transit_vif(dx, conn_ids[index], directConnectGatewayId=gateway_id))

    outcomes, errors = race(racers, attach_or_delete)
    assert errors == []
    deleted, delete_errors = split(outcomes, "delete")
    attached, attach_errors = split(outcomes, "attach")
    gone = f"Direct Connect gateway {gateway_id} does not exist"
    vifs = racers[0].describe_virtual_interfaces()["virtualInterfaces"]
    if deleted:
        assert attached == []
        assert error_codes(attach_errors) == {CLIENT_ERROR}
        assert error_messages(attach_errors) <= {gone, f"Direct Connect gateway {gateway_id} is deleting"}
        # Other deleters found it deleting (and answered so) or gone.
        assert {answer["directConnectGatewayState"] for answer in deleted} == {"deleting"}
        assert error_messages(delete_errors) <= {gone}
        # Stored: the gateway gone, and no VIF at all (a refused create writes nothing).
        assert racers[0].describe_direct_connect_gateways(directConnectGatewayId=gateway_id)[
            "directConnectGateways"] == []
        assert vifs == []
        expect_error(racers[0].describe_direct_connect_gateway_attachments, CLIENT_ERROR, gone,
                     directConnectGatewayId=gateway_id)
        return
    # The attachers won: each delete was refused, and every VIF within the quota attached.
    attachers = RACERS - deleters
    assert len(attached) == min(attachers, 30)
    assert error_codes(attach_errors) <= {"LimitExceededException"}
    assert error_messages(attach_errors) <= {
        f"Direct Connect gateway {gateway_id} already has 30 virtual interfaces attached, the most allowed"}
    assert len(delete_errors) == deleters
    assert error_codes(delete_errors) == {CLIENT_ERROR}
    assert error_messages(delete_errors) == {
        f"Direct Connect gateway {gateway_id} has virtual interfaces attached: delete them first"}
    [stored] = racers[0].describe_direct_connect_gateways(directConnectGatewayId=gateway_id)["directConnectGateways"]
    assert stored["directConnectGatewayState"] == "available"
    told = {vif["virtualInterfaceId"] for vif in attached}
    assert {vif["virtualInterfaceId"] for vif in vifs} == told
    assert all(vif["directConnectGatewayId"] == gateway_id for vif in vifs)
    assert {vif["virtualInterfaceState"] for vif in vifs} <= {"pending", "available"}
    listed = racers[0].describe_direct_connect_gateway_attachments(directConnectGatewayId=gateway_id)[
        "directConnectGatewayAttachments"]
    assert {a["virtualInterfaceId"] for a in listed} == told
    assert {a["attachmentState"] for a in listed} <= {"attaching", "attached"}

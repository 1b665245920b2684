"""Racing clients of two accounts on hosted VIFs: a confirm against deletes of the VIF, an allocation
against a create on the same VLAN, BGP peers against the allocator's delete. Each race asserts who
won, every loser's error, and the stored state afterwards as each account's Describe shows it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.errors import expect_error
from tests.support.races import RACERS, error_codes, error_messages, race, split, tagged
from tests.support.server import RunningServer, client, new_account
from tests.support.world import connection, gateway, private_vif

CLIENT_ERROR = "DirectConnectClientException"
VLAN, VGW = 1000, "vgw-0a1b2c3d"
HALF = RACERS // 2




def allocate(dx: Any, connection_id: str, owner_account: str) -> dict[str, Any]:
    return dict(dx.allocate_private_virtual_interface(
        connectionId=connection_id, ownerAccount=owner_account,
        newPrivateVirtualInterfaceAllocation={"virtualInterfaceName": "hosted", "vlan": VLAN, "asn": 65000}))


def seen_by(dx: Any, vif_id: str) -> dict[str, Any]:
    [found] = dx.describe_virtual_interfaces(virtualInterfaceId=vif_id)["virtualInterfaces"]
    return dict(found)


def listed(dx: Any, **filters: str) -> list[str]:
    return [vif["virtualInterfaceId"] for vif in dx.describe_virtual_interfaces(**filters)["virtualInterfaces"]]


@dataclass
class Allocator:
    """The connection owner, with clients of its own, and the VIF it allocated to the racers' account."""

    account: str
    clients: list[Any]
    connection_id: str
    vif_id: str


def allocated_to(server: RunningServer, owner_account: str, redundancy: str | None = None) -> Allocator:
    account = new_account()
    clients = [client(server.url, account) for _ in range(HALF)]
    connection_id = connection(clients[0], redundancy)["connectionId"]
    vif = allocate(clients[0], connection_id, owner_account)
    assert vif["virtualInterfaceState"] == "confirming"
    return Allocator(account, clients, connection_id, vif["virtualInterfaceId"])


@pytest.mark.parametrize("deleter", ["owner", "allocator"])
def test_racing_confirms_against_deletes(server: RunningServer, racers: list[Any], account: str,
                                         deleter: str) -> None:
    """Half the owner's racers confirm the VIF onto its gateway; the other half (or the allocator's
    clients) delete it. A delete before any confirm declines it (owner: rejected) or ends it (allocator):
    every confirm then fails; a confirm first wins once, and the deletes end the confirmed VIF."""
    a = allocated_to(server, account)
    gateway_id = gateway(racers[0])
    deleters = racers[HALF:] if deleter == "owner" else a.clients

    def confirm_or_delete(_: Any, index: int) -> Any:
        if index % 2 == 0:  # interleaved, so neither side is released first
            return tagged("confirm", lambda: racers[index // 2].confirm_private_virtual_interface(
                virtualInterfaceId=a.vif_id, directConnectGatewayId=gateway_id)["virtualInterfaceState"])
        return tagged("delete", lambda: deleters[index // 2].delete_virtual_interface(
            virtualInterfaceId=a.vif_id)["virtualInterfaceState"])

    outcomes, errors = race(racers, confirm_or_delete)
    assert errors == []
    confirmed, confirm_errors = split(outcomes, "confirm")
    deleted, delete_errors = split(outcomes, "delete")
    assert delete_errors == []  # a delete never fails: it declines, ends, or finds it ended
    assert len(deleted) == HALF
    assert len(confirmed) <= 1 and len(confirmed) + len(confirm_errors) == HALF
    assert error_codes(confirm_errors) == {CLIENT_ERROR}
    refused = f"ConfirmPrivateVirtualInterface failed. {a.vif_id} is in state "
    if confirmed:
        assert confirmed == ["pending"]
        # Every delete came after it (a declined VIF takes no confirm): the VIF is deleted, not rejected.
        assert set(deleted) <= {"deleting", "deleted"} and "deleting" in deleted
        # Losers read it confirmed (pending, then available) or deleted since.
        assert error_messages(confirm_errors) <= {refused + state for state in
                                                  ("pending", "available", "deleting", "deleted")}
        final = "deleted"
    elif deleter == "owner":
        assert deleted == ["rejected"] * HALF  # declined once; the other deletes found it declined
        assert error_messages(confirm_errors) == {refused + "rejected"}
        final = "rejected"
    else:
        assert set(deleted) <= {"deleting", "deleted"} and "deleting" in deleted
        assert error_messages(confirm_errors) <= {refused + "deleting", refused + "deleted"}
        final = "deleted"

    for dx in (racers[0], a.clients[0]):  # both accounts see the one outcome
        vif = seen_by(dx, a.vif_id)
        assert (vif["virtualInterfaceState"], vif["ownerAccount"]) == (final, account)
        assert vif.get("directConnectGatewayId") == (gateway_id if confirmed else None)
        assert [(p["bgpPeerState"], p["bgpStatus"]) for p in vif["bgpPeers"]] == [("deleted", "down")]
        assert listed(dx) == [a.vif_id]
    # Nothing holds the gateway (it deletes), nor the VLAN (the allocator allocates on it again).
    assert racers[0].describe_direct_connect_gateway_attachments(directConnectGatewayId=gateway_id)[
        "directConnectGatewayAttachments"] == []
    racers[0].delete_direct_connect_gateway(directConnectGatewayId=gateway_id)
    again = allocate(a.clients[0], a.connection_id, account)["virtualInterfaceId"]
    assert sorted(listed(racers[0])) == sorted(listed(a.clients[0])) == sorted([a.vif_id, again])


def test_racing_creates_and_allocations_on_one_vlan(server: RunningServer, racers: list[Any], account: str) -> None:
    """On one connection, half the racers create their own private VIF on a VLAN, the other half
    allocate a VIF on the same VLAN to another account: one VIF gets it."""
    owner_account = new_account()
    owner = client(server.url, owner_account)
    connection_id = connection(racers[0])["connectionId"]

    def create_or_allocate(dx: Any, index: int) -> Any:
        if index % 2 == 0:
            return tagged("create", lambda: private_vif(dx, connection_id, vlan=VLAN))
        return tagged("allocate", lambda: allocate(dx, connection_id, owner_account))

    outcomes, errors = race(racers, create_or_allocate)
    assert errors == []
    created, create_errors = split(outcomes, "create")
    allocated, allocate_errors = split(outcomes, "allocate")
    assert len(created) + len(allocated) == 1
    [won] = created + allocated
    winner = won["virtualInterfaceId"]
    losers = create_errors + allocate_errors
    assert len(losers) == RACERS - 1
    assert error_codes(losers) == {CLIENT_ERROR}
    assert error_messages(losers) == {f"VLAN {VLAN} is already used by virtual interface {winner} on {connection_id}"}

    hosted = bool(allocated)
    assert (won["ownerAccount"], won["virtualInterfaceState"]) == (
        (owner_account, "confirming") if hosted else (account, "pending"))
    # The connection owner lists the winner alone, by connection too; the other account only a hosted one.
    assert listed(racers[0]) == listed(racers[0], connectionId=connection_id) == [winner]
    assert listed(owner) == ([winner] if hosted else [])
    if hosted:
        assert listed(owner, connectionId=connection_id) == [winner]
        assert seen_by(owner, winner)["vlan"] == VLAN
    else:
        assert owner.describe_virtual_interfaces(virtualInterfaceId=winner)["virtualInterfaces"] == []
    # The VLAN stays taken, for both kinds of request.
    taken = f"VLAN {VLAN} is already used by virtual interface {winner} on {connection_id}"
    expect_error(private_vif, CLIENT_ERROR, taken, dx=racers[0], connection_id=connection_id, vlan=VLAN)
    expect_error(allocate, CLIENT_ERROR, taken, dx=racers[0], connection_id=connection_id,
                 owner_account=owner_account)


@pytest.mark.parametrize(("redundancy", "limit"), [("no", 1), ("yes", 2)])
def test_racing_peers_against_the_allocators_delete(server: RunningServer, racers: list[Any], account: str,
                                                   redundancy: str, limit: int) -> None:
    """The owner's racers add IPv6 peers to its confirmed VIF while the allocator's clients delete it:
    peers go on (within the per-family limit) only while it lives, and go with it."""
    a = allocated_to(server, account, redundancy)
    assert racers[0].confirm_private_virtual_interface(virtualInterfaceId=a.vif_id,
                                                       virtualGatewayId=VGW)["virtualInterfaceState"] == "pending"
    [first] = seen_by(racers[0], a.vif_id)["bgpPeers"]

    def add_or_delete(_: Any, index: int) -> Any:
        if index % 2 == 0:
            return tagged("add", lambda: racers[index // 2].create_bgp_peer(
                virtualInterfaceId=a.vif_id, newBGPPeer={"asn": 65100 + index, "addressFamily": "ipv6"},
            )["virtualInterface"])
        return tagged("delete", lambda: a.clients[index // 2].delete_virtual_interface(
            virtualInterfaceId=a.vif_id)["virtualInterfaceState"])

    outcomes, errors = race(racers, add_or_delete)
    assert errors == []
    added, add_errors = split(outcomes, "add")
    deleted, delete_errors = split(outcomes, "delete")
    assert delete_errors == []
    assert set(deleted) <= {"deleting", "deleted"} and "deleting" in deleted
    assert len(added) <= limit and len(added) + len(add_errors) == HALF
    # Each peer went onto a live VIF; the answers show every peer added so far, the last one all of them.
    assert all(vif["virtualInterfaceState"] in ("pending", "available") for vif in added)
    peers = {p["bgpPeerId"] for vif in added for p in vif["bgpPeers"] if p["addressFamily"] == "ipv6"}
    assert len(peers) == len(added)
    assert error_codes(add_errors) <= {CLIENT_ERROR}
    full = (f"Virtual interface {a.vif_id} already has a BGP peer for address family ipv6, and its connection "
            "does not support logical redundancy") if limit == 1 else (
        f"Virtual interface {a.vif_id} already has 2 BGP peers for address family ipv6, the most a connection "
        "with logical redundancy allows")
    ended = {f"Virtual interface {a.vif_id} is {state}: BGP peers cannot be added to it"
             for state in ("deleting", "deleted")}
    assert error_messages(add_errors) <= ended | ({full} if len(added) == limit else set())

    for dx in (racers[0], a.clients[0]):
        vif = seen_by(dx, a.vif_id)
        assert vif["virtualInterfaceState"] == "deleted"
        # No peer added after the delete, none lost: the first one and the winners', all gone with it.
        assert {p["bgpPeerId"] for p in vif["bgpPeers"]} == {first["bgpPeerId"], *peers}
        assert {(p["bgpPeerState"], p["bgpStatus"]) for p in vif["bgpPeers"]} == {("deleted", "down")}
    expect_error(racers[0].create_bgp_peer, CLIENT_ERROR,
                 f"Virtual interface {a.vif_id} is deleted: BGP peers cannot be added to it",
                 virtualInterfaceId=a.vif_id, newBGPPeer={"asn": 65099, "addressFamily": "ipv6"})

"""Hosted VIFs across accounts, played by access keys of two or three accounts: the connection owner
allocates a VIF to another account, which sees it ``confirming``, confirms it onto its gateway (or
declines it by deleting it) and manages its BGP peers; the connection owner sees it and may delete it.
Both accounts' views are checked after each step."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.errors import expect_error
from tests.support.raw import json_call
from tests.support.server import RunningServer, new_account
from tests.support.world import connection, gateway, private_vif

CLIENT, NOT_FOUND = "DirectConnectClientException", "DirectConnectClientException"
ALLOCATION = {"virtualInterfaceName": "hosted", "vlan": 1000, "asn": 65000}


@dataclass
class Parties:
    allocator: Any  # owns the connection
    owner: Any  # the account the VIF is allocated to
    allocator_account: str
    owner_account: str
    connection_id: str


@pytest.fixture
def parties(make_client: Callable[..., Any]) -> Parties:
    allocator_account, owner_account = new_account(), new_account()
    allocator = make_client(allocator_account)
    return Parties(allocator, make_client(owner_account), allocator_account, owner_account,
                   connection(allocator)["connectionId"])


def allocate(p: Parties, kind: str = "private", **overrides: Any) -> dict[str, Any]:
    member = {"private": "newPrivateVirtualInterfaceAllocation", "public": "newPublicVirtualInterfaceAllocation",
              "transit": "newTransitVirtualInterfaceAllocation"}[kind]
    new = {**ALLOCATION, **overrides}
    if kind == "public":
        new.setdefault("routeFilterPrefixes", [{"cidr": "203.0.113.0/30"}])
        new.setdefault("amazonAddress", "203.0.113.1/30")
        new.setdefault("customerAddress", "203.0.113.2/30")
    answer = getattr(p.allocator, f"allocate_{kind}_virtual_interface")(
        connectionId=overrides.pop("connectionId", p.connection_id), ownerAccount=p.owner_account, **{member: new})
    return dict(answer["virtualInterface"] if kind == "transit" else answer)


def seen_by(dx: Any, vif_id: str) -> dict[str, Any] | None:
    found = dx.describe_virtual_interfaces(virtualInterfaceId=vif_id)["virtualInterfaces"]
    assert len(found) <= 1
    return dict(found[0]) if found else None


def test_allocated_vif_is_confirming_and_seen_by_both_accounts(parties: Parties) -> None:
    p = parties
    vif = allocate(p, authKey="asdf34example", amazonAddress="192.168.1.1/30", customerAddress="192.168.1.2/30")
    assert vif["virtualInterfaceState"] == "confirming"
    assert vif["ownerAccount"] == p.owner_account
    assert vif["connectionId"] == p.connection_id
    assert (vif["virtualGatewayId"], vif.get("directConnectGatewayId")) == ("", None)
    # The region's Amazon ASN until the owner confirms it onto a gateway [seen: AWS's examples].
    assert vif["amazonSideAsn"] == 7224
    assert "<amazon_bgp_asn>7224</amazon_bgp_asn>" in vif["customerRouterConfig"]
    [peer] = vif["bgpPeers"]
    assert (peer["bgpPeerState"], peer["bgpStatus"]) == ("pending", "down")
    vif_id = vif["virtualInterfaceId"]
    # The allocator sees it by id, by connection and in its listing, router configuration included.
    by_allocator = seen_by(p.allocator, vif_id)
    assert by_allocator is not None and by_allocator["virtualInterfaceState"] == "confirming"
    assert "customerRouterConfig" in by_allocator
    listed = p.allocator.describe_virtual_interfaces(connectionId=p.connection_id)["virtualInterfaces"]
    assert [v["virtualInterfaceId"] for v in listed] == [vif_id]
    assert [v["virtualInterfaceId"] for v in p.allocator.describe_virtual_interfaces()["virtualInterfaces"]] == [vif_id]
    # The owner sees it as its own, without the router configuration (the allocator's to give).
    by_owner = seen_by(p.owner, vif_id)
    assert by_owner is not None and by_owner["ownerAccount"] == p.owner_account
    assert "customerRouterConfig" not in by_owner
    assert [v["virtualInterfaceId"] for v in p.owner.describe_virtual_interfaces()["virtualInterfaces"]] == [vif_id]
    assert [v["virtualInterfaceId"] for v in p.owner.describe_virtual_interfaces(
        connectionId=p.connection_id)["virtualInterfaces"]] == [vif_id]


def test_a_third_account_sees_nothing(parties: Parties, make_client: Callable[..., Any]) -> None:
    vif_id = allocate(parties)["virtualInterfaceId"]
    stranger = make_client(new_account())
    assert seen_by(stranger, vif_id) is None
    assert stranger.describe_virtual_interfaces()["virtualInterfaces"] == []
    expect_error(stranger.confirm_private_virtual_interface, NOT_FOUND, f"Virtual interface {vif_id} does not exist",
                 virtualInterfaceId=vif_id, virtualGatewayId="vgw-0a1b2c3d")
    expect_error(stranger.delete_virtual_interface, NOT_FOUND, f"Virtual interface {vif_id} does not exist",
                 virtualInterfaceId=vif_id)


def test_allocating_to_the_connection_owner_is_refused(parties: Parties) -> None:
    p = parties
    expect_error(p.allocator.allocate_private_virtual_interface, CLIENT,
                 "Cannot allocate VirtualInterface for the connection owner.", connectionId=p.connection_id,
                 ownerAccount=p.allocator_account, newPrivateVirtualInterfaceAllocation=ALLOCATION)
    expect_error(p.allocator.allocate_private_virtual_interface, CLIENT,
                 "ownerAccount 12345 is not an AWS account id (12 digits)", connectionId=p.connection_id,
                 ownerAccount="12345", newPrivateVirtualInterfaceAllocation=ALLOCATION)
    # Only the connection's owner allocates on it.
    expect_error(p.owner.allocate_private_virtual_interface, NOT_FOUND,
                 f"Could not find Connection with ID {p.connection_id}", connectionId=p.connection_id,
                 ownerAccount=p.allocator_account, newPrivateVirtualInterfaceAllocation=ALLOCATION)
    assert p.allocator.describe_virtual_interfaces()["virtualInterfaces"] == []


def test_confirmed_onto_a_gateway_the_owner_manages_its_peers(parties: Parties) -> None:
    p = parties
    vif_id = allocate(p)["virtualInterfaceId"]
    expect_error(p.owner.create_bgp_peer, CLIENT,
                 f"Virtual interface {vif_id} is confirming: BGP peers cannot be added to it",
                 virtualInterfaceId=vif_id, newBGPPeer={"asn": 65001, "addressFamily": "ipv6"})
    gateway_id = gateway(p.owner, amazonSideAsn=64600)
    answer = p.owner.confirm_private_virtual_interface(virtualInterfaceId=vif_id, directConnectGatewayId=gateway_id)
    assert answer["virtualInterfaceState"] == "pending"
    for dx in (p.owner, p.allocator):
        seen = seen_by(dx, vif_id)
        assert seen is not None
        assert seen["virtualInterfaceState"] == "available"
        assert (seen["directConnectGatewayId"], seen["amazonSideAsn"]) == (gateway_id, 64600)
    [attachment] = p.owner.describe_direct_connect_gateway_attachments(directConnectGatewayId=gateway_id)[
        "directConnectGatewayAttachments"]
    assert (attachment["virtualInterfaceId"], attachment["virtualInterfaceOwnerAccount"]) == (vif_id, p.owner_account)
    # The owner adds and deletes peers; the allocator may not.
    peers = p.owner.create_bgp_peer(virtualInterfaceId=vif_id, newBGPPeer={"asn": 65001, "addressFamily": "ipv6"})
    assert len(peers["virtualInterface"]["bgpPeers"]) == 2
    expect_error(p.allocator.create_bgp_peer, CLIENT,
                 f"Virtual interface {vif_id} belongs to account {p.owner_account}, to which it was allocated: "
                 "only that account can confirm it, change it or read its tags",
                 virtualInterfaceId=vif_id, newBGPPeer={"asn": 65002, "addressFamily": "ipv6"})
    expect_error(p.allocator.update_virtual_interface_attributes, CLIENT, f"belongs to account {p.owner_account}",
                 virtualInterfaceId=vif_id, mtu=9001)
    # Confirming again is refused in ConfirmConnection's words.
    expect_error(p.owner.confirm_private_virtual_interface, CLIENT,
                 f"ConfirmPrivateVirtualInterface failed. {vif_id} is in state available",
                 virtualInterfaceId=vif_id, directConnectGatewayId=gateway_id)


def test_confirmed_onto_a_virtual_private_gateway(parties: Parties) -> None:
    p = parties
    vif_id = allocate(p)["virtualInterfaceId"]
    expect_error(p.owner.confirm_private_virtual_interface, CLIENT,
                 "A private virtual interface needs a virtualGatewayId or a directConnectGatewayId",
                 virtualInterfaceId=vif_id)
    answer = p.owner.confirm_private_virtual_interface(virtualInterfaceId=vif_id, virtualGatewayId="vgw-e4a47df9")
    assert answer["virtualInterfaceState"] == "pending"
    seen = seen_by(p.allocator, vif_id)
    assert seen is not None
    assert (seen["virtualGatewayId"], seen["amazonSideAsn"]) == ("vgw-e4a47df9", 64512)


def test_the_allocator_deletes_it(parties: Parties) -> None:
    p = parties
    vif_id = allocate(p)["virtualInterfaceId"]
    p.owner.confirm_private_virtual_interface(virtualInterfaceId=vif_id, virtualGatewayId="vgw-e4a47df9")
    assert p.allocator.delete_virtual_interface(virtualInterfaceId=vif_id)["virtualInterfaceState"] == "deleting"
    for dx in (p.owner, p.allocator):
        seen = seen_by(dx, vif_id)
        assert seen is not None and seen["virtualInterfaceState"] == "deleted"
    # Its VLAN is free on the allocator's connection at once.
    again = allocate(p)
    assert again["vlan"] == ALLOCATION["vlan"]


def test_the_owner_declines_it_by_deleting_it(parties: Parties) -> None:
    p = parties
    vif_id = allocate(p)["virtualInterfaceId"]
    assert p.owner.delete_virtual_interface(virtualInterfaceId=vif_id)["virtualInterfaceState"] == "rejected"
    for dx in (p.owner, p.allocator):
        seen = seen_by(dx, vif_id)
        assert seen is not None and seen["virtualInterfaceState"] == "rejected"
    expect_error(p.owner.confirm_private_virtual_interface, CLIENT,
                 f"ConfirmPrivateVirtualInterface failed. {vif_id} is in state rejected",
                 virtualInterfaceId=vif_id, virtualGatewayId="vgw-e4a47df9")
    # The VLAN is free; the allocator's delete (Terraform's destroy) ends it.
    assert allocate(p)["virtualInterfaceState"] == "confirming"
    assert p.allocator.delete_virtual_interface(virtualInterfaceId=vif_id)["virtualInterfaceState"] == "deleting"
    seen = seen_by(p.allocator, vif_id)
    assert seen is not None and seen["virtualInterfaceState"] == "deleted"


def test_public_and_transit_allocations(parties: Parties) -> None:
    p = parties
    public = allocate(p, "public", vlan=2000)
    assert public["virtualInterfaceState"] == "confirming"
    assert public["routeFilterPrefixes"] == [{"cidr": "203.0.113.0/30"}]
    expect_error(p.owner.confirm_private_virtual_interface, CLIENT,
                 f"Virtual interface {public['virtualInterfaceId']} is a public virtual interface: "
                 "ConfirmPrivateVirtualInterface confirms private ones",
                 virtualInterfaceId=public["virtualInterfaceId"], virtualGatewayId="vgw-e4a47df9")
    answer = p.owner.confirm_public_virtual_interface(virtualInterfaceId=public["virtualInterfaceId"])
    assert answer["virtualInterfaceState"] == "verifying"
    transit = allocate(p, "transit", vlan=126, mtu=8500)
    assert (transit["virtualInterfaceState"], transit["mtu"]) == ("confirming", 8500)
    gateway_id = gateway(p.owner)
    answer = p.owner.confirm_transit_virtual_interface(virtualInterfaceId=transit["virtualInterfaceId"],
                                                       directConnectGatewayId=gateway_id)
    assert answer["virtualInterfaceState"] == "pending"
    seen = seen_by(p.allocator, transit["virtualInterfaceId"])
    assert seen is not None and seen["directConnectGatewayId"] == gateway_id


def test_allocations_keep_the_connections_vlans_and_quotas(parties: Parties) -> None:
    p = parties
    own = private_vif(p.allocator, p.connection_id, vlan=1000)
    expect_error(p.allocator.allocate_private_virtual_interface, CLIENT,
                 f"VLAN 1000 is already used by virtual interface {own['virtualInterfaceId']} on {p.connection_id}",
                 connectionId=p.connection_id, ownerAccount=p.owner_account,
                 newPrivateVirtualInterfaceAllocation=ALLOCATION)
    hosted = allocate(p, vlan=1001)
    expect_error(private_vif, CLIENT,
                 f"VLAN 1001 is already used by virtual interface {hosted['virtualInterfaceId']} on {p.connection_id}",
                 dx=p.allocator, connection_id=p.connection_id, vlan=1001)
    # The connection holds its hosted VIF: it cannot be deleted under it.
    expect_error(p.allocator.delete_connection, CLIENT, "has 2 virtual interfaces: delete them first",
                 connectionId=p.connection_id)


def test_an_allocation_takes_only_its_own_members(parties: Parties, server: RunningServer,
                                                  make_client: Callable[..., Any]) -> None:
    """Gateways and SiteLink are the owner's to choose: an allocation that sends them (an SDK would
    not) gets a VIF without them, which both accounts can still delete."""
    p = parties
    body = {"connectionId": p.connection_id, "ownerAccount": p.owner_account,
            "newTransitVirtualInterfaceAllocation": {
                **ALLOCATION, "directConnectGatewayId": "11111111-2222-4333-8444-555555555555",
                "enableSiteLink": True}}
    answer = json_call(server.url, "OvertureService.AllocateTransitVirtualInterface", json.dumps(body).encode(),
                       account=p.allocator_account)
    assert answer.status == 200, answer.body
    vif = answer.json()["virtualInterface"]
    assert (vif["directConnectGatewayId"], vif["siteLinkEnabled"]) == ("", False)
    assert p.owner.delete_virtual_interface(virtualInterfaceId=vif["virtualInterfaceId"])[
        "virtualInterfaceState"] == "rejected"
    expect_error(p.allocator.allocate_private_virtual_interface, CLIENT, "is not an AWS account id (12 digits)",
                 connectionId=p.connection_id, ownerAccount="١٢٣٤٥٦٧٨٩٠١٢",
                 newPrivateVirtualInterfaceAllocation=ALLOCATION)


def test_the_owner_changes_a_hosted_vifs_rate_limit(parties: Parties) -> None:
    p = parties
    vif_id = allocate(p)["virtualInterfaceId"]
    p.owner.confirm_private_virtual_interface(virtualInterfaceId=vif_id, virtualGatewayId="vgw-e4a47df9")
    updated = p.owner.update_virtual_interface_attributes(virtualInterfaceId=vif_id, rateLimit="1Gbps")
    assert updated["rateLimit"] == "1Gbps"

"""Terraform's aws_dx_{private,public,transit}_virtual_interface and aws_dx_bgp_peer, replayed call by
call: create and wait, read, update and wait, import read, replace, delete and wait, CheckDestroy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.support.terraform import (
    GONE,
    PEER_DELETE_PENDING,
    VIF_DELETE_PENDING,
    find_bgp_peer,
    find_vif,
    read_tags,
    regional_arn,
    wait,
)
from tests.support.world import connection, gateway

LAST_PEER = "The last BGP Peer on a Virtual Interface cannot be deleted"


def create_private(dx: Any, conn_id: str, vlan: int) -> str:
    return str(dx.create_private_virtual_interface(connectionId=conn_id, newPrivateVirtualInterface={
        "addressFamily": "ipv4", "asn": 65351, "enableSiteLink": False, "mtu": 1500, "virtualInterfaceName": "tf-vif",
        "vlan": vlan, "virtualGatewayId": "vgw-0123456789abcdef0", "tags": [{"key": "Name", "value": "tf"}],
    })["virtualInterfaceId"])


def create_public(dx: Any, conn_id: str, vlan: int) -> str:
    return str(dx.create_public_virtual_interface(connectionId=conn_id, newPublicVirtualInterface={
        "addressFamily": "ipv4", "asn": 65352, "virtualInterfaceName": "tf-vif", "vlan": vlan,
        "amazonAddress": "175.45.176.1/30", "customerAddress": "175.45.176.2/30",
        "routeFilterPrefixes": [{"cidr": "210.52.109.0/24"}, {"cidr": "175.45.176.0/22"}],
    })["virtualInterfaceId"])


def create_transit(dx: Any, conn_id: str, vlan: int) -> str:
    # The answer nests the VIF: the provider reads output.VirtualInterface.VirtualInterfaceId, unchecked.
    return str(dx.create_transit_virtual_interface(connectionId=conn_id, newTransitVirtualInterface={
        "addressFamily": "ipv4", "asn": 65353, "enableSiteLink": False, "mtu": 1500, "virtualInterfaceName": "tf-vif",
        "vlan": vlan, "directConnectGatewayId": gateway(dx), "tags": [{"key": "Name", "value": "tf"}],
    })["virtualInterface"]["virtualInterfaceId"])


KINDS: dict[str, tuple[Callable[[Any, str, int], str], set[str], int | None]] = {
    # create, the create waiter's targets, an MTU to update to (public VIFs take no update)
    "private": (create_private, {"available", "down"}, 9001),
    "public": (create_public, {"available", "down", "verifying"}, None),
    "transit": (create_transit, {"available", "down"}, 8500),
}


def delete_vif(dx: Any, vif_id: str) -> None:
    try:
        dx.delete_virtual_interface(virtualInterfaceId=vif_id)
    except ClientError as error:
        if "does not exist" not in error.response["Error"]["Message"]:
            raise
    wait(lambda: find_vif(dx, vif_id), "virtualInterfaceState", VIF_DELETE_PENDING, set())


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_aws_dx_virtual_interface(dx: Any, account: str, kind: str) -> None:
    create, targets, new_mtu = KINDS[kind]
    conn_id = connection(dx)["connectionId"]
    vif_id = create(dx, conn_id, 2049)
    read = wait(lambda: find_vif(dx, vif_id), "virtualInterfaceState", {"pending"}, targets)
    arn = regional_arn("us-east-1", account, "dxvif", vif_id)  # the provider's region and caller account
    # Computed members Terraform stores; ForceNew ones echo the request.
    for member in ("amazonAddress", "customerAddress", "authKey", "awsDeviceV2", "amazonSideAsn"):
        assert read[member], member
    assert (read["virtualInterfaceType"], read["vlan"], read["connectionId"], read["addressFamily"]) == (
        kind, 2049, conn_id, "ipv4")
    assert read["asn"] == read["asnLong"]  # both for an ASN that fits asn; never asnLong 0 beside a real asn
    if kind == "public":
        assert {p["cidr"] for p in read["routeFilterPrefixes"]} == {"210.52.109.0/24", "175.45.176.0/22"}
    else:
        assert (read["mtu"], read["jumboFrameCapable"], read["siteLinkEnabled"]) == (1500, True, False)
        assert read_tags(dx, arn) == {"Name": "tf"}
    if new_mtu is not None:  # Update: mtu, then SiteLink, each followed by the create waiter
        dx.update_virtual_interface_attributes(virtualInterfaceId=vif_id, mtu=new_mtu)
        assert wait(lambda: find_vif(dx, vif_id), "virtualInterfaceState", {"pending"}, targets)["mtu"] == new_mtu
        dx.update_virtual_interface_attributes(virtualInterfaceId=vif_id, enableSiteLink=True)
        assert wait(lambda: find_vif(dx, vif_id), "virtualInterfaceState", {"pending"}, targets)["siteLinkEnabled"]
    assert find_vif(dx, vif_id)["virtualInterfaceType"] == kind  # import: the type must match the resource

    # A new VLAN is ForceNew: destroy, then create (on the VLAN just freed, too).
    delete_vif(dx, vif_id)
    replacement = create(dx, conn_id, 2049)
    wait(lambda: find_vif(dx, replacement), "virtualInterfaceState", {"pending"}, targets)
    delete_vif(dx, replacement)
    assert find_vif(dx, vif_id) is GONE and find_vif(dx, replacement) is GONE  # CheckDestroy
    delete_vif(dx, vif_id)  # destroying what is already gone


def create_peer(dx: Any, vif_id: str, family: str, **asn: int) -> Any:
    dx.create_bgp_peer(virtualInterfaceId=vif_id, newBGPPeer={"addressFamily": family, **asn})
    effective = asn.get("asnLong") or asn["asn"]
    return wait(lambda: find_bgp_peer(dx, vif_id, family, effective), "bgpPeerState", {"pending"},
                {"available", "verifying"})


def destroy_peer(dx: Any, vif_id: str, family: str, asn: int, customer_address: str) -> None:
    """DeleteBGPPeer by VIF, ASN and customer address (no peer id, no family), then the delete waiter."""
    try:
        dx.delete_bgp_peer(virtualInterfaceId=vif_id, asn=asn, customerAddress=customer_address)
    except ClientError as error:
        if LAST_PEER not in error.response["Error"]["Message"]:
            raise
        return
    wait(lambda: find_bgp_peer(dx, vif_id, family, asn), "bgpPeerState", PEER_DELETE_PENDING, set())


def test_aws_dx_bgp_peer(dx: Any) -> None:
    vif_id = create_private(dx, connection(dx)["connectionId"], 2050)
    peer = create_peer(dx, vif_id, "ipv6", asn=65351)
    for member in ("amazonAddress", "awsDeviceV2", "authKey", "bgpPeerId", "bgpStatus", "customerAddress"):
        assert peer[member], member

    # Replace: destroy, then create the same family and ASN. The lookup needs exactly one match.
    destroy_peer(dx, vif_id, "ipv6", 65351, peer["customerAddress"])
    assert find_bgp_peer(dx, vif_id, "ipv6", 65351) is GONE  # CheckDestroy
    again = create_peer(dx, vif_id, "ipv6", asn=65351)
    assert again["bgpPeerId"] != peer["bgpPeerId"]
    assert find_bgp_peer(dx, vif_id, "ipv6", 65351)["bgpPeerId"] == again["bgpPeerId"]

    # The VIF's own first peer, managed as a resource: its destroy meets the last-peer rule, which the
    # provider takes as done.
    destroy_peer(dx, vif_id, "ipv6", 65351, again["customerAddress"])
    first = find_bgp_peer(dx, vif_id, "ipv4", 65351)
    destroy_peer(dx, vif_id, "ipv4", 65351, first["customerAddress"])
    assert find_bgp_peer(dx, vif_id, "ipv4", 65351)["bgpPeerState"] == "available"


@pytest.mark.parametrize("asn", [{"asn": 131_072}, {"asnLong": 4_200_000_001}])
def test_aws_dx_bgp_peer_with_a_four_byte_asn(dx: Any, asn: dict[str, int]) -> None:
    # Older providers send a 4-byte ASN in asn; newer ones use asnLong. Both read back the one peer.
    vif_id = create_private(dx, connection(dx)["connectionId"], 2051)
    peer = create_peer(dx, vif_id, "ipv6", **asn)
    effective = next(iter(asn.values()))
    assert peer["asnLong"] == effective
    assert peer["asn"] == (effective if effective <= 2_147_483_646 else 0)

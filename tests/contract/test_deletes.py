"""DeleteBGPPeer, DeleteVirtualInterface, DeleteConnection, UpdateVirtualInterfaceAttributes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.errors import expect_error
from tests.support.world import connection, private_vif, public_vif, transit_vif, vif_with_connection

CLIENT = "DirectConnectClientException"
LAST_PEER = "The last BGP Peer on a Virtual Interface cannot be deleted"


def describe_vif(dx: Any, vif_id: str) -> dict[str, Any]:
    [vif] = dx.describe_virtual_interfaces(virtualInterfaceId=vif_id)["virtualInterfaces"]
    return vif  # type: ignore[no-any-return]


def vif_id_peer(vif: dict[str, Any], family: str) -> str:
    return next(str(p["bgpPeerId"]) for p in vif["bgpPeers"] if p["addressFamily"] == family)


def with_two_peers(dx: Any) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """A VIF with an ipv4 and an ipv6 peer."""
    vif = vif_with_connection(dx, asn=65000)
    vif_id = vif["virtualInterfaceId"]
    peers = dx.create_bgp_peer(virtualInterfaceId=vif_id, newBGPPeer={"asn": 65001, "addressFamily": "ipv6"})
    ipv4, ipv6 = peers["virtualInterface"]["bgpPeers"]
    return vif_id, ipv4, ipv6


class TestDeleteBgpPeer:
    def test_by_asn_and_customer_address(self, dx: Any) -> None:
        vif_id, _, ipv6 = with_two_peers(dx)
        answer = dx.delete_bgp_peer(virtualInterfaceId=vif_id, asn=65001, customerAddress=ipv6["customerAddress"])
        states = {p["bgpPeerId"]: p["bgpPeerState"] for p in answer["virtualInterface"]["bgpPeers"]}
        assert states[ipv6["bgpPeerId"]] == "deleting"
        after = describe_vif(dx, vif_id)
        # Finished deleting, the peer is no longer listed (Terraform's lookup of a replacement with
        # the same family and ASN needs exactly one match).
        assert [p["bgpPeerId"] for p in after["bgpPeers"]] == [vif_id_peer(after, "ipv4")]
        assert "ipv6_" not in after["customerRouterConfig"]  # the XML follows the live peers
        # A deleted peer no longer counts for the one-per-family rule.
        again = dx.create_bgp_peer(virtualInterfaceId=vif_id, newBGPPeer={"asn": 65002, "addressFamily": "ipv6"})
        assert "<ipv6_bgp_asn>65002</ipv6_bgp_asn>" in again["virtualInterface"]["customerRouterConfig"]

    def test_customer_address_matches_with_or_without_prefix(self, dx: Any) -> None:
        vif_id, _, ipv6 = with_two_peers(dx)
        bare = ipv6["customerAddress"].split("/")[0]
        answer = dx.delete_bgp_peer(virtualInterfaceId=vif_id, asnLong=65001, customerAddress=bare)
        assert [p["bgpPeerState"] for p in answer["virtualInterface"]["bgpPeers"]] == ["available", "deleting"]

    def test_by_peer_id_alone(self, dx: Any) -> None:
        vif_id, ipv4, _ = with_two_peers(dx)
        answer = dx.delete_bgp_peer(bgpPeerId=ipv4["bgpPeerId"])
        assert answer["virtualInterface"]["virtualInterfaceId"] == vif_id
        assert answer["virtualInterface"]["bgpPeers"][0]["bgpPeerState"] == "deleting"
        expect_error(dx.delete_bgp_peer, CLIENT,
                     f"BGP peer {ipv4['bgpPeerId']} does not exist on virtual interface {vif_id}",
                     virtualInterfaceId=vif_id, bgpPeerId=ipv4["bgpPeerId"])

    def test_the_last_live_peer_cannot_be_deleted(self, dx: Any) -> None:
        vif_id, ipv4, ipv6 = with_two_peers(dx)
        dx.delete_bgp_peer(virtualInterfaceId=vif_id, bgpPeerId=ipv6["bgpPeerId"])
        expect_error(dx.delete_bgp_peer, CLIENT, LAST_PEER, virtualInterfaceId=vif_id, bgpPeerId=ipv4["bgpPeerId"])
        expect_error(dx.delete_bgp_peer, CLIENT, LAST_PEER, virtualInterfaceId=vif_id, asn=65000,
                     customerAddress=ipv4["customerAddress"])
        assert [p["bgpPeerState"] for p in describe_vif(dx, vif_id)["bgpPeers"]] == ["available"]

    def test_refusals(self, dx: Any) -> None:
        vif_id, _, _ = with_two_peers(dx)
        expect_error(dx.delete_bgp_peer, CLIENT, "BGP peer dxpeer-00000000 does not exist",
                     bgpPeerId="dxpeer-00000000")
        expect_error(dx.delete_bgp_peer, CLIENT,
                     f"BGP peer dxpeer-00000000 does not exist on virtual interface {vif_id}",
                     virtualInterfaceId=vif_id, bgpPeerId="dxpeer-00000000")
        expect_error(dx.delete_bgp_peer, CLIENT,
                     f"No BGP peer with ASN 65009 and customer address 10.0.0.2/30 exists on virtual interface "
                     f"{vif_id}", virtualInterfaceId=vif_id, asn=65009, customerAddress="10.0.0.2/30")
        expect_error(dx.delete_bgp_peer, CLIENT,
                     "Name the BGP peer: bgpPeerId, or asn (or asnLong) and customerAddress", virtualInterfaceId=vif_id)
        expect_error(dx.delete_bgp_peer, CLIENT, "virtualInterfaceId is required unless bgpPeerId is given", asn=65000)
        expect_error(dx.delete_bgp_peer, CLIENT, "Virtual interface dxvif-00000000 does not exist",
                     virtualInterfaceId="dxvif-00000000", asn=65000)

    def test_an_asn_naming_two_peers_needs_the_address(self, dx: Any) -> None:
        vif = vif_with_connection(dx, asn=65000)
        vif_id = vif["virtualInterfaceId"]
        dx.create_bgp_peer(virtualInterfaceId=vif_id, newBGPPeer={"asn": 65000, "addressFamily": "ipv6"})
        expect_error(dx.delete_bgp_peer, CLIENT,
                     f"2 BGP peers with ASN 65000 exist on virtual interface {vif_id}: give customerAddress or "
                     "bgpPeerId", virtualInterfaceId=vif_id, asn=65000)


class TestDeleteVirtualInterface:
    def test_deleting_then_deleted_and_listed(self, dx: Any) -> None:
        conn_id = connection(dx)["connectionId"]
        vif = private_vif(dx, conn_id, vlan=300)
        vif_id = vif["virtualInterfaceId"]
        assert dx.delete_virtual_interface(virtualInterfaceId=vif_id)["virtualInterfaceState"] == "deleting"
        after = describe_vif(dx, vif_id)
        assert after["virtualInterfaceState"] == "deleted"
        assert [p["bgpPeerState"] for p in after["bgpPeers"]] == ["deleted"]  # its peers go with it
        listed = dx.describe_virtual_interfaces(connectionId=conn_id)["virtualInterfaces"]
        assert [(v["virtualInterfaceId"], v["virtualInterfaceState"]) for v in listed] == [(vif_id, "deleted")]
        # Deleting again is answered with the state, not an error.
        assert dx.delete_virtual_interface(virtualInterfaceId=vif_id)["virtualInterfaceState"] == "deleted"

    def test_nothing_can_be_added_or_changed(self, dx: Any) -> None:
        vif_id = vif_with_connection(dx)["virtualInterfaceId"]
        dx.delete_virtual_interface(virtualInterfaceId=vif_id)
        expect_error(dx.create_bgp_peer, CLIENT, f"Virtual interface {vif_id} is deleted: BGP peers cannot be added",
                     virtualInterfaceId=vif_id, newBGPPeer={"asn": 65000, "addressFamily": "ipv6"})
        expect_error(dx.update_virtual_interface_attributes, CLIENT, f"Virtual interface {vif_id} is deleted",
                     virtualInterfaceId=vif_id, mtu=9001)
        expect_error(dx.delete_bgp_peer, CLIENT, f"Virtual interface {vif_id} is deleted",
                     virtualInterfaceId=vif_id, asn=65000)

    def test_the_vlan_and_quota_slot_are_freed(self, dx: Any) -> None:
        conn_id = connection(dx)["connectionId"]
        for vlan in range(1, 5):
            transit_vif(dx, conn_id, vlan=vlan)
        first = dx.describe_virtual_interfaces(connectionId=conn_id)["virtualInterfaces"][0]
        dx.delete_virtual_interface(virtualInterfaceId=first["virtualInterfaceId"])
        again = transit_vif(dx, conn_id, vlan=first["vlan"])
        assert again["vlan"] == first["vlan"]

    def test_unknown(self, dx: Any) -> None:
        expect_error(dx.delete_virtual_interface, CLIENT, "Virtual interface dxvif-00000000 does not exist",
                     virtualInterfaceId="dxvif-00000000")


class TestDeleteConnection:
    def test_refused_while_it_has_virtual_interfaces(self, dx: Any) -> None:
        conn_id = connection(dx)["connectionId"]
        vif = private_vif(dx, conn_id)
        expect_error(dx.delete_connection, CLIENT, f"Connection {conn_id} has 1 virtual interface: delete them first",
                     connectionId=conn_id)
        dx.delete_virtual_interface(virtualInterfaceId=vif["virtualInterfaceId"])
        deleted = dx.delete_connection(connectionId=conn_id)
        # AWS answers DeleteConnection "deleted" [the CLI's example]: so does the emulator without a delete delay.
        assert (deleted["connectionId"], deleted["connectionState"]) == (conn_id, "deleted")
        [listed] = dx.describe_connections(connectionId=conn_id)["connections"]
        assert listed["connectionState"] == "deleted"
        assert dx.delete_connection(connectionId=conn_id)["connectionState"] == "deleted"
        expect_error(private_vif, CLIENT,
                     f"Connection {conn_id} is deleted: virtual interfaces cannot be created on it",
                     dx=dx, connection_id=conn_id, vlan=999)

    def test_unknown(self, dx: Any) -> None:
        expect_error(dx.delete_connection, CLIENT, "Could not find Connection with ID dxcon-00000000",
                     connectionId="dxcon-00000000")


class TestUpdateVirtualInterfaceAttributes:
    def test_mtu_name_and_site_link(self, dx: Any) -> None:
        vif_id = vif_with_connection(dx)["virtualInterfaceId"]
        updated = dx.update_virtual_interface_attributes(virtualInterfaceId=vif_id, mtu=9001,
                                                         virtualInterfaceName="Renamed VIF", enableSiteLink=True)
        assert (updated["mtu"], updated["jumboFrameCapable"], updated["virtualInterfaceName"]) == (
            9001, True, "Renamed VIF")
        assert updated["siteLinkEnabled"] is True
        assert describe_vif(dx, vif_id)["mtu"] == 9001

    @pytest.mark.parametrize(("kind", "change", "message"), [
        ("transit", {"mtu": 9001}, "MTU 9001 is not valid for a transit virtual interface: use one of 1500, 8500"),
        ("public", {"mtu": 8500}, "MTU 8500 is not valid for a public virtual interface: use one of 1500"),
        ("public", {"enableSiteLink": True}, "SiteLink is not available on public virtual interfaces"),
        ("private", {"mtu": 1234}, "MTU 1234 is not valid for a private virtual interface"),
    ])
    def test_refusals(self, dx: Any, kind: str, change: dict[str, Any], message: str) -> None:
        conn_id = connection(dx)["connectionId"]
        build = {"private": private_vif, "public": public_vif, "transit": transit_vif}[kind]
        vif_id = build(dx, conn_id)["virtualInterfaceId"]
        expect_error(dx.update_virtual_interface_attributes, CLIENT, message, virtualInterfaceId=vif_id, **change)

"""CreateBGPPeer: every rule AWS applies, through a real boto3 client."""

from __future__ import annotations

import ipaddress
import re
from typing import Any

import pytest

from tests.support.errors import expect_error
from tests.support.world import connection, public_vif, stable, transit_vif, vif_with_connection

CLIENT = "DirectConnectClientException"
PEER_ID = re.compile(r"dxpeer-[a-z0-9]{8}")


def add_peer(dx: Any, vif_id: str, **peer: Any) -> dict[str, Any]:
    vif: dict[str, Any] = dx.create_bgp_peer(virtualInterfaceId=vif_id, newBGPPeer=peer)["virtualInterface"]
    return vif


def new_peer(vif: dict[str, Any], before: dict[str, Any]) -> dict[str, Any]:
    known = {peer["bgpPeerId"] for peer in before["bgpPeers"]}
    [peer] = [peer for peer in vif["bgpPeers"] if peer["bgpPeerId"] not in known]
    found: dict[str, Any] = peer
    return found


def test_ipv6_peer_on_an_ipv4_vif(dx: Any) -> None:
    created = vif_with_connection(dx)
    [vif] = dx.describe_virtual_interfaces(virtualInterfaceId=created["virtualInterfaceId"])["virtualInterfaces"]
    after = add_peer(dx, vif["virtualInterfaceId"], asn=65001, addressFamily="ipv6")
    peer = new_peer(after, vif)
    assert PEER_ID.fullmatch(peer["bgpPeerId"])
    assert (peer["bgpPeerState"], peer["bgpStatus"], peer["asn"], peer["asnLong"]) == ("pending", "down", 65001, 65001)
    # No delay configured: the next read finds the peer available and its session up.
    assert (vif["bgpPeers"][0]["bgpPeerState"], vif["bgpPeers"][0]["bgpStatus"]) == ("available", "up")
    amazon = ipaddress.ip_interface(peer["amazonAddress"])
    customer = ipaddress.ip_interface(peer["customerAddress"])
    assert amazon.network == customer.network
    assert amazon.network.prefixlen == 125
    assert (amazon.ip, customer.ip) == (amazon.network[1], amazon.network[6])
    assert peer["authKey"] != vif["authKey"]  # each peer its own generated key
    assert (peer["awsDeviceV2"], peer["awsLogicalDeviceId"]) == (vif["awsDeviceV2"], vif["awsLogicalDeviceId"])
    # The VIF itself does not change state, and its own BGP fields stay those it was created with.
    for name in ("virtualInterfaceState", "addressFamily", "amazonAddress", "customerAddress", "authKey", "asn"):
        assert after[name] == vif[name]
    assert f"<ipv6_amazon_address>{peer['amazonAddress']}</ipv6_amazon_address>" in after["customerRouterConfig"]
    [described] = dx.describe_virtual_interfaces(virtualInterfaceId=vif["virtualInterfaceId"])["virtualInterfaces"]
    assert stable(described["bgpPeers"]) == stable(after["bgpPeers"])
    assert [p["bgpPeerState"] for p in described["bgpPeers"]] == ["available", "available"]


@pytest.mark.parametrize("redundancy", [None, "no"])
@pytest.mark.parametrize("family", ["ipv4", "ipv6"])
def test_one_peer_per_family_without_logical_redundancy(dx: Any, redundancy: str | None, family: str) -> None:
    vif = vif_with_connection(dx, redundancy, addressFamily=family)
    vif_id = vif["virtualInterfaceId"]
    expect_error(add_peer, CLIENT,
                 f"Virtual interface {vif_id} already has a BGP peer for address family {family}, "
                 "and its connection does not support logical redundancy",
                 dx=dx, vif_id=vif_id, asn=65002, addressFamily=family)
    assert len(dx.describe_virtual_interfaces(virtualInterfaceId=vif_id)["virtualInterfaces"][0]["bgpPeers"]) == 1


def test_two_peers_per_family_with_logical_redundancy(dx: Any) -> None:
    vif = vif_with_connection(dx, "yes")
    vif_id = vif["virtualInterfaceId"]
    after = add_peer(dx, vif_id, asn=65000, addressFamily="ipv4")
    second = new_peer(after, vif)
    first = vif["bgpPeers"][0]
    assert second["awsLogicalDeviceId"] != first["awsLogicalDeviceId"]
    # Both /30s come from 169.254.0.0/16 and do not overlap.
    networks = {ipaddress.ip_interface(p["amazonAddress"]).network for p in after["bgpPeers"]}
    assert len(networks) == 2
    assert all(n.network_address in ipaddress.ip_network("169.254.0.0/16") for n in networks)
    expect_error(add_peer, CLIENT,
                 f"Virtual interface {vif_id} already has 2 BGP peers for address family ipv4, "
                 "the most a connection with logical redundancy allows",
                 dx=dx, vif_id=vif_id, asn=65000, addressFamily="ipv4")
    after_ipv6 = add_peer(dx, vif_id, asn=65000, addressFamily="ipv6")
    add_peer(dx, vif_id, asn=65000, addressFamily="ipv6")
    assert len(after_ipv6["bgpPeers"]) == 3


def test_ipv6_addresses_cannot_be_chosen(dx: Any) -> None:
    vif = vif_with_connection(dx)
    expect_error(add_peer, CLIENT,
                 "IPv6 addresses are assigned from the Amazon pool: omit amazonAddress and customerAddress",
                 dx=dx, vif_id=vif["virtualInterfaceId"], asn=65000, addressFamily="ipv6",
                 customerAddress="2001:db8::6/125")


@pytest.mark.parametrize(("amazon", "customer", "message"), [
    ("192.168.1.1/30", None, "Give both amazonAddress and customerAddress, or neither"),
    (None, "192.168.1.2/30", "Give both amazonAddress and customerAddress, or neither"),
    ("192.168.1.1/30", "192.168.1.6/30", "Amazon Address and Customer Address must be in the same CIDR"),
    ("192.168.1.1/30", "192.168.1.2/29", "Amazon Address and Customer Address must be in the same CIDR"),
    ("192.168.1.0/30", "192.168.1.2/30", "Amazon Address is address 0 on its subnet."),
    ("192.168.1.1/30", "192.168.1.3/30", "Customer Address is the broadcast address on its subnet."),
    ("192.168.1.3/30", "192.168.1.1/30", "Amazon Address is the broadcast address on its subnet."),
    ("192.168.1.1/30", "192.168.1.1/30", "Amazon Address and Customer Address must be different addresses"),
    ("192.168.1.1", "192.168.1.2", "Amazon Address 192.168.1.1 must be in CIDR form, e.g. 169.254.255.1/30"),
    ("192.168.1.300/30", "192.168.1.2/30", "Amazon Address 192.168.1.300/30 is not a valid IPv4 address in CIDR form"),
    ("2001:db8::1/125", "2001:db8::6/125", "Amazon Address 2001:db8::1/125 is not an IPv4 address"),
])
def test_ipv4_address_refusals(dx: Any, amazon: str | None, customer: str | None, message: str) -> None:
    vif = vif_with_connection(dx, addressFamily="ipv6")
    peer = {k: v for k, v in {"amazonAddress": amazon, "customerAddress": customer}.items() if v is not None}
    expect_error(add_peer, CLIENT, message, dx=dx, vif_id=vif["virtualInterfaceId"], asn=65000,
                 addressFamily="ipv4", **peer)


@pytest.mark.parametrize(("amazon", "customer"), [
    ("192.168.1.0/31", "192.168.1.1/31"),  # RFC 3021: no network or broadcast address on a /31
    ("10.0.0.1/24", "10.0.0.200/24"),
    ("172.16.5.9/29", "172.16.5.10/29"),
])
def test_ipv4_addresses_given(dx: Any, amazon: str, customer: str) -> None:
    vif = vif_with_connection(dx, addressFamily="ipv6")
    peer = new_peer(add_peer(dx, vif["virtualInterfaceId"], asn=65000, addressFamily="ipv4",
                             amazonAddress=amazon, customerAddress=customer), vif)
    assert (peer["amazonAddress"], peer["customerAddress"]) == (amazon, customer)


@pytest.mark.parametrize(("asns", "shown"), [
    ({"asn": 64512}, (64512, 64512)),
    ({"asn": 1}, (1, 1)),
    ({"asnLong": 65535}, (65535, 65535)),
    ({"asnLong": 4_294_967_294}, (0, 4_294_967_294)),
    ({"asn": 131_072}, (131_072, 131_072)),  # Terraform sends 4-byte ASNs in asn; AWS answers them in both
    ({"asnLong": 2_147_483_646}, (2_147_483_646, 2_147_483_646)),
    ({"asn": 65000, "asnLong": 4_200_000_000}, (0, 4_200_000_000)),  # asnLong wins
    ({"asn": 70000, "asnLong": 65001}, (65001, 65001)),  # only asnLong counts when both are given
])
def test_asn_fields(dx: Any, asns: dict[str, int], shown: tuple[int, int]) -> None:
    vif = vif_with_connection(dx)
    peer = new_peer(add_peer(dx, vif["virtualInterfaceId"], addressFamily="ipv6", **asns), vif)
    assert (peer["asn"], peer["asnLong"]) == shown


@pytest.mark.parametrize(("asns", "message"), [
    ({}, "An ASN is required: give asn (1-2147483646) or asnLong (1-4294967294)"),
    ({"asn": 0}, "BGP ASN 0 must have value greater than or equal to 1"),
    ({"asn": -94_967_296}, "BGP ASN -94967296 must have value greater than or equal to 1"),  # AWS's words
    ({"asn": 2_147_483_647}, "BGP ASN 2147483647 is out of range for asn (1-2147483646): use asnLong"),
    ({"asnLong": 0}, "BGP ASN 0 must be between 1 and 4294967294 (asnLong)"),
    ({"asnLong": 4_294_967_295}, "BGP ASN 4294967295 must be between 1 and 4294967294 (asnLong)"),
])
def test_asn_refusals(dx: Any, asns: dict[str, int], message: str) -> None:
    vif = vif_with_connection(dx)
    expect_error(add_peer, CLIENT, message, dx=dx, vif_id=vif["virtualInterfaceId"], addressFamily="ipv6", **asns)


@pytest.mark.parametrize("length", [6, 80])
def test_auth_key_lengths_accepted(dx: Any, length: int) -> None:
    vif = vif_with_connection(dx)
    key = "k" * length
    peer = new_peer(add_peer(dx, vif["virtualInterfaceId"], asn=65000, addressFamily="ipv6", authKey=key), vif)
    assert peer["authKey"] == key


@pytest.mark.parametrize("length", [5, 81])
def test_auth_key_lengths_refused(dx: Any, length: int) -> None:
    vif = vif_with_connection(dx)
    message = f"authKey must be 6 to 80 characters long; the one given has {length}"
    expect_error(add_peer, CLIENT, message, dx=dx, vif_id=vif["virtualInterfaceId"], asn=65000,
                 addressFamily="ipv6", authKey="k" * length)


@pytest.mark.parametrize(("family", "message"), [
    (None, "addressFamily is required: ipv4 or ipv6"),
    ("IPv6", "addressFamily IPv6 is not valid: use ipv4 or ipv6"),
])
def test_address_family_refusals(dx: Any, family: str | None, message: str) -> None:
    vif = vif_with_connection(dx)
    peer = {"asn": 65000} if family is None else {"asn": 65000, "addressFamily": family}
    expect_error(add_peer, CLIENT, message, dx=dx, vif_id=vif["virtualInterfaceId"], **peer)


def test_unknown_and_missing_vif(dx: Any) -> None:
    expect_error(add_peer, CLIENT, "Virtual interface dxvif-00000000 does not exist",
                 dx=dx, vif_id="dxvif-00000000", asn=65000, addressFamily="ipv6")
    expect_error(dx.create_bgp_peer, CLIENT, "virtualInterfaceId is required",
                 newBGPPeer={"asn": 65000, "addressFamily": "ipv6"})


class TestPublicVif:
    """A public VIF's peer ASN must be private or on its allow list; its IPv4 addresses are given and public."""

    def vif(self, dx: Any) -> dict[str, Any]:
        return public_vif(dx, connection(dx, "yes")["connectionId"], asn=7000)

    @pytest.mark.parametrize("asn", [64512, 65534, 7000, 7224])  # private, private, its own, operator's list
    def test_allowed_asns(self, dx: Any, asn: int) -> None:
        vif = self.vif(dx)
        peer = new_peer(add_peer(dx, vif["virtualInterfaceId"], asn=asn, addressFamily="ipv6"), vif)
        assert (peer["asn"], peer["bgpPeerState"]) == (asn, "verifying")

    def test_private_four_byte_asn_is_allowed(self, dx: Any) -> None:
        vif = self.vif(dx)
        peer = new_peer(add_peer(dx, vif["virtualInterfaceId"], asnLong=4_200_000_000, addressFamily="ipv6"), vif)
        assert peer["asnLong"] == 4_200_000_000

    @pytest.mark.parametrize("asn", [7001, 64511, 65535])
    def test_other_public_asns_are_refused(self, dx: Any, asn: int) -> None:
        vif = self.vif(dx)
        vif_id = vif["virtualInterfaceId"]
        expect_error(add_peer, CLIENT,
                     f"ASN {asn} is not allowed on public virtual interface {vif_id}: use a private ASN or one "
                     "on the virtual interface's allow list", dx=dx, vif_id=vif_id, asn=asn, addressFamily="ipv6")

    def test_ipv4_peer_needs_public_addresses(self, dx: Any) -> None:
        vif = self.vif(dx)
        vif_id = vif["virtualInterfaceId"]
        expect_error(add_peer, CLIENT, "Amazon Address and Customer Address are required for an ipv4 peer",
                     dx=dx, vif_id=vif_id, asn=7000, addressFamily="ipv4")
        expect_error(add_peer, CLIENT, "Amazon Address is not allowed to contain a private IP", dx=dx, vif_id=vif_id,
                     asn=7000, addressFamily="ipv4", amazonAddress="172.20.0.1/30", customerAddress="172.20.0.2/30")
        peer = new_peer(add_peer(dx, vif_id, asn=7000, addressFamily="ipv4", amazonAddress="198.51.100.1/31",
                                 customerAddress="198.51.100.0/31"), vif)
        assert peer["customerAddress"] == "198.51.100.0/31"

    def test_a_customer_address_is_not_used_twice(self, dx: Any) -> None:
        vif = self.vif(dx)
        expect_error(add_peer, CLIENT, "Customer Address 203.0.113.2/30 is already used by BGP peer", dx=dx,
                     vif_id=vif["virtualInterfaceId"], asn=7000, addressFamily="ipv4",
                     amazonAddress="203.0.113.1/30", customerAddress="203.0.113.2/30")


def test_transit_vif_takes_peers_like_a_private_one(dx: Any) -> None:
    vif = transit_vif(dx, connection(dx)["connectionId"])
    peer = new_peer(add_peer(dx, vif["virtualInterfaceId"], asn=65020, addressFamily="ipv6"), vif)
    assert peer["bgpPeerState"] == "pending"


@pytest.mark.parametrize(("member", "value", "message"), [
    ("asn", "65000", "newBGPPeer.asn must be an integer"),
    ("asn", True, "newBGPPeer.asn must be an integer"),
    ("asn", 2**31, "newBGPPeer.asn is out of range for its type"),
    ("addressFamily", 4, "newBGPPeer.addressFamily must be a string"),
    ("authKey", ["k"], "newBGPPeer.authKey must be a string"),
])
# JSON only (as every test not marked every_protocol): botocore's CBOR serialiser cannot send these; see
# test_cbor_protocol.
def test_wrong_member_types(raw_dx: Any, member: str, value: Any, message: str) -> None:
    vif = vif_with_connection(raw_dx)
    peer = {"asn": 65000, "addressFamily": "ipv6", member: value}
    expect_error(add_peer, "SerializationException", message, dx=raw_dx, vif_id=vif["virtualInterfaceId"], **peer)
    described = raw_dx.describe_virtual_interfaces(virtualInterfaceId=vif["virtualInterfaceId"])
    assert len(described["virtualInterfaces"][0]["bgpPeers"]) == 1  # nothing written

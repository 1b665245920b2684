"""Create{Private,Public,Transit}VirtualInterface and DescribeVirtualInterfaces."""

from __future__ import annotations

import ipaddress
import re
from typing import Any

import pytest

from tests.support.errors import expect_error
from tests.support.world import connection, gateway, private_vif, public_vif, stable, transit_vif

VIF_ID = re.compile(r"dxvif-[a-z0-9]{8}")
PEER_ID = re.compile(r"dxpeer-[a-z0-9]{8}")
AUTH_KEY = re.compile(r"0x[A-Za-z0-9_-]{22}")
CLIENT = "DirectConnectClientException"


def test_private_vif_is_flat_pending_with_its_first_peer(dx: Any, account: str) -> None:
    conn = connection(dx)
    vif = private_vif(dx, conn["connectionId"], vlan=101, asn=65000)
    assert VIF_ID.fullmatch(vif["virtualInterfaceId"])
    assert (vif["virtualInterfaceType"], vif["virtualInterfaceState"]) == ("private", "pending")
    assert (vif["connectionId"], vif["vlan"], vif["ownerAccount"]) == (conn["connectionId"], 101, account)
    assert (vif["asn"], vif["asnLong"], vif["addressFamily"], vif["mtu"]) == (65000, 65000, "ipv4", 1500)
    # Capable of jumbo frames at MTU 1500 (Terraform's acceptance test expects true), on a VGW whose
    # Amazon ASN is a new gateway's default; "" for the gateway it does not have.
    assert (vif["jumboFrameCapable"], vif["amazonSideAsn"], vif["virtualGatewayId"]) == (True, 64512, "vgw-0123456789")
    assert "directConnectGatewayId" not in vif
    assert vif["awsDeviceV2"] == conn["awsDeviceV2"]
    [peer] = vif["bgpPeers"]
    assert PEER_ID.fullmatch(peer["bgpPeerId"])
    assert (peer["bgpPeerState"], peer["bgpStatus"], peer["addressFamily"]) == ("pending", "down", "ipv4")
    # Omitted addresses: a /30 from 169.254.0.0/16, Amazon .1 and customer .2 of it.
    amazon = ipaddress.ip_interface(peer["amazonAddress"])
    customer = ipaddress.ip_interface(peer["customerAddress"])
    assert amazon.network == customer.network
    assert amazon.network.prefixlen == 30
    assert amazon.ip in ipaddress.ip_network("169.254.0.0/16")
    assert (amazon.ip, customer.ip) == (amazon.network[1], amazon.network[2])
    assert AUTH_KEY.fullmatch(peer["authKey"])
    # The VIF-level BGP fields are its first peer's.
    for name in ("authKey", "amazonAddress", "customerAddress", "addressFamily", "asn"):
        assert vif[name] == peer[name]
    # AWS's layout: one element per line, two-space indent, a trailing newline [the CLI's examples].
    assert vif["customerRouterConfig"] == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<logical_connection id="{vif["virtualInterfaceId"]}">\n  <vlan>101</vlan>\n'
        f"  <customer_address>{peer['customerAddress']}</customer_address>\n"
        f"  <amazon_address>{peer['amazonAddress']}</amazon_address>\n  <bgp_asn>65000</bgp_asn>\n"
        f"  <bgp_auth_key>{peer['authKey']}</bgp_auth_key>\n  <amazon_bgp_asn>64512</amazon_bgp_asn>\n"
        "  <connection_type>private</connection_type>\n</logical_connection>\n")


def test_given_addresses_and_key_are_kept(dx: Any) -> None:
    vif = private_vif(dx, connection(dx)["connectionId"], amazonAddress="192.168.10.1/30",
                      customerAddress="192.168.10.2/30", authKey="my-secret-key")
    peer = vif["bgpPeers"][0]
    assert (peer["amazonAddress"], peer["customerAddress"], peer["authKey"]) == (
        "192.168.10.1/30", "192.168.10.2/30", "my-secret-key")


def test_ipv6_vif_gets_a_125_from_the_amazon_pool(dx: Any) -> None:
    vif = private_vif(dx, connection(dx)["connectionId"], addressFamily="ipv6")
    amazon = ipaddress.ip_interface(vif["amazonAddress"])
    assert amazon.network.prefixlen == 125
    assert amazon.ip == amazon.network[1]
    assert ipaddress.ip_interface(vif["customerAddress"]).ip == amazon.network[6]


def test_four_byte_asn_through_asn_long(dx: Any) -> None:
    vif = private_vif(dx, connection(dx)["connectionId"], asn=None, asnLong=4_200_000_001)
    assert (vif["asn"], vif["asnLong"]) == (0, 4_200_000_001)
    assert (vif["bgpPeers"][0]["asn"], vif["bgpPeers"][0]["asnLong"]) == (0, 4_200_000_001)


@pytest.mark.parametrize("mtu", [1500, 8500, 9001])
def test_private_mtus(dx: Any, mtu: int) -> None:
    vif = private_vif(dx, connection(dx)["connectionId"], mtu=mtu)
    assert (vif["mtu"], vif["jumboFrameCapable"]) == (mtu, True)


@pytest.mark.parametrize(("region", "amazon_asn"), [("us-east-1", 7224), ("eu-west-1", 9059),
                                                     ("ap-northeast-1", 10124), ("eu-central-1", 7224)])
def test_a_public_vif_peers_with_the_regions_amazon_asn(make_client: Any, region: str, amazon_asn: int) -> None:
    dx = make_client(region=region)
    vif = public_vif(dx, connection(dx)["connectionId"])
    assert (vif["amazonSideAsn"], vif["jumboFrameCapable"], vif["virtualGatewayId"]) == (amazon_asn, False, "")
    assert f"<amazon_bgp_asn>{amazon_asn}</amazon_bgp_asn>" in vif["customerRouterConfig"]


def test_other_private_mtu_is_refused(dx: Any) -> None:
    expect_error(private_vif, CLIENT,
                 "MTU 9000 is not valid for a private virtual interface: use one of 1500, 8500, 9001",
                 dx=dx, connection_id=connection(dx)["connectionId"], mtu=9000)


def test_transit_vif_output_is_nested_and_mtu_9001_is_refused(dx: Any) -> None:
    conn_id = connection(dx)["connectionId"]
    vif = transit_vif(dx, conn_id, mtu=8500)
    assert (vif["virtualInterfaceType"], vif["virtualInterfaceState"], vif["mtu"]) == ("transit", "pending", 8500)
    assert vif["directConnectGatewayId"] == gateway(dx)
    expect_error(transit_vif, CLIENT, "MTU 9001 is not valid for a transit virtual interface: use one of 1500, 8500",
                 dx=dx, connection_id=conn_id, vlan=302, mtu=9001)


def test_transit_vif_needs_a_gateway(dx: Any) -> None:
    expect_error(transit_vif, CLIENT, "A transit virtual interface needs a directConnectGatewayId",
                 dx=dx, connection_id=connection(dx)["connectionId"], directConnectGatewayId=None)


@pytest.mark.parametrize(("gateways", "message"), [
    ({"virtualGatewayId": None}, "A private virtual interface needs a virtualGatewayId or a directConnectGatewayId"),
    ({"directConnectGatewayId": "5f6ed5a1-4c3a-4d9b-9a52-0a1b2c3d4e5f"},  # checked before the gateway is read
     "Give virtualGatewayId or directConnectGatewayId, not both"),
])
def test_private_vif_gateways(dx: Any, gateways: dict[str, Any], message: str) -> None:
    expect_error(private_vif, CLIENT, message, dx=dx, connection_id=connection(dx)["connectionId"], **gateways)


def test_public_vif_is_verifying_with_its_prefixes(dx: Any) -> None:
    vif = public_vif(dx, connection(dx)["connectionId"])
    assert (vif["virtualInterfaceType"], vif["virtualInterfaceState"]) == ("public", "verifying")
    assert vif["routeFilterPrefixes"] == [{"cidr": "203.0.113.0/24"}]
    assert vif["bgpPeers"][0]["bgpPeerState"] == "verifying"
    assert (vif["amazonAddress"], vif["customerAddress"]) == ("203.0.113.1/30", "203.0.113.2/30")


@pytest.mark.parametrize(("overrides", "message"), [
    ({"routeFilterPrefixes": []}, "A public virtual interface needs 1 to 1000 routeFilterPrefixes; 0 were given"),
    ({"routeFilterPrefixes": [{"cidr": f"198.51.{i // 256}.{i % 256}/32"} for i in range(1001)]},
     "needs 1 to 1000 routeFilterPrefixes; 1001 were given"),
    ({"routeFilterPrefixes": [{"cidr": "203.0.113.0/33"}]}, "Route filter prefix 203.0.113.0/33 is not a valid CIDR"),
    ({"amazonAddress": None, "customerAddress": None},
     "Amazon Address and Customer Address are required for an ipv4 peer on a public virtual interface"),
    ({"amazonAddress": "10.0.0.1/30", "customerAddress": "10.0.0.2/30"},
     "Amazon Address is not allowed to contain a private IP"),
    ({"amazonAddress": "203.0.113.1/30", "customerAddress": "192.168.0.2/30"},
     "Customer Address is not allowed to contain a private IP"),
])
def test_public_vif_refusals(dx: Any, overrides: dict[str, Any], message: str) -> None:
    expect_error(public_vif, CLIENT, message, dx=dx, connection_id=connection(dx)["connectionId"], **overrides)


@pytest.mark.parametrize(("overrides", "message"), [
    ({"vlan": 0}, "VLAN 0 is out of range: the valid range is 1-4094"),
    ({"vlan": 4095}, "VLAN 4095 is out of range: the valid range is 1-4094"),
    ({"asn": None}, "An ASN is required"),
    ({"asn": -1}, "BGP ASN -1 must have value greater than or equal to 1"),
    ({"addressFamily": "ipv5"}, "addressFamily ipv5 is not valid: use ipv4 or ipv6"),
    ({"addressFamily": "ipv6", "amazonAddress": "2001:db8::1/125", "customerAddress": "2001:db8::6/125"},
     "IPv6 addresses are assigned from the Amazon pool"),
    ({"authKey": "12345"}, "authKey must be 6 to 80 characters long; the one given has 5"),
])
def test_vif_refusals(dx: Any, overrides: dict[str, Any], message: str) -> None:
    expect_error(private_vif, CLIENT, message, dx=dx, connection_id=connection(dx)["connectionId"], **overrides)


@pytest.mark.parametrize(("missing", "message"), [
    ("vlan", "vlan is required"),
    ("virtualInterfaceName", "virtualInterfaceName is required"),
])
def test_required_vif_members(raw_dx: Any, missing: str, message: str) -> None:
    """The model requires these, so boto3 checks them; other SDKs and raw callers meet the server's check."""
    conn_id = connection(raw_dx)["connectionId"]
    expect_error(private_vif, CLIENT, message, dx=raw_dx, connection_id=conn_id, **{missing: None})


def test_vlan_is_unique_per_connection(dx: Any) -> None:
    first, second = connection(dx)["connectionId"], connection(dx)["connectionId"]
    vif = private_vif(dx, first, vlan=500)
    expect_error(public_vif, CLIENT, f"VLAN 500 is already used by virtual interface {vif['virtualInterfaceId']}",
                 dx=dx, connection_id=first, vlan=500)
    assert private_vif(dx, second, vlan=500)["vlan"] == 500  # another connection may use it


def test_unknown_connection_is_refused(dx: Any) -> None:
    expect_error(private_vif, CLIENT, "Could not find Connection with ID dxcon-00000000",
                 dx=dx, connection_id="dxcon-00000000")


def test_at_most_four_transit_vifs_per_connection(dx: Any) -> None:
    conn_id = connection(dx)["connectionId"]
    for vlan in range(1, 5):
        transit_vif(dx, conn_id, vlan=vlan)
    expect_error(transit_vif, "LimitExceededException", "already has 4 transit virtual interfaces, the most allowed",
                 dx=dx, connection_id=conn_id, vlan=5)
    assert private_vif(dx, conn_id, vlan=6)["vlan"] == 6  # transit has a quota of its own


def test_at_most_fifty_private_and_public_vifs_per_connection(dx: Any) -> None:
    conn_id = connection(dx)["connectionId"]
    for vlan in range(1, 50):
        private_vif(dx, conn_id, vlan=vlan)
    public_vif(dx, conn_id, vlan=50)
    expect_error(private_vif, "LimitExceededException",
                 "already has 50 private and public virtual interfaces, the most allowed",
                 dx=dx, connection_id=conn_id, vlan=51)


def test_describe_virtual_interfaces_filters(dx: Any, make_client: Any) -> None:
    first, second = connection(dx)["connectionId"], connection(dx)["connectionId"]
    a, b = private_vif(dx, first, vlan=1), public_vif(dx, first, vlan=2)
    c = transit_vif(dx, second, vlan=3)
    other = make_client()  # another account's VIF must not show
    private_vif(other, connection(other)["connectionId"])

    def ids(**filters: str) -> set[str]:
        return {v["virtualInterfaceId"] for v in dx.describe_virtual_interfaces(**filters)["virtualInterfaces"]}

    assert ids() == {a["virtualInterfaceId"], b["virtualInterfaceId"], c["virtualInterfaceId"]}
    assert ids(connectionId=first) == {a["virtualInterfaceId"], b["virtualInterfaceId"]}
    assert ids(virtualInterfaceId=c["virtualInterfaceId"]) == {c["virtualInterfaceId"]}
    assert ids(connectionId=first, virtualInterfaceId=c["virtualInterfaceId"]) == set()
    [described] = dx.describe_virtual_interfaces(virtualInterfaceId=a["virtualInterfaceId"])["virtualInterfaces"]
    assert stable(described) == stable(a)


def test_describe_unknown_ids(dx: Any) -> None:
    # An unknown VIF id answers an empty list, as Terraform's finder needs; an unknown connection is an error.
    assert dx.describe_virtual_interfaces(virtualInterfaceId="dxvif-00000000")["virtualInterfaces"] == []
    expect_error(dx.describe_virtual_interfaces, CLIENT, "Could not find Connection with ID dxcon-00000000",
                 connectionId="dxcon-00000000")

"""ListVirtualInterfaceRoutes: routes derived from what the emulator knows of a VIF (its prefixes,
its gateway's allowed prefixes, its declared VPC), carried by each BGP session that is up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from tests.support.admin import declare
from tests.support.errors import expect_error
from tests.support.server import RunningServer
from tests.support.world import connection, gateway, private_vif, public_vif, transit_vif

CLIENT = "DirectConnectClientException"


def routes(dx: Any, vif_id: str, **more: Any) -> list[tuple[str, str, str, list[int], str]]:
    answer = dx.list_virtual_interface_routes(virtualInterfaceId=vif_id, **more)
    assert answer["virtualInterfaceId"] == vif_id
    found = []
    for route in answer["routes"]:
        [segment] = route["asPath"]
        assert segment["pathType"] == "seq" and isinstance(route["routeInstalledAt"], datetime)
        assert set(route) == {"cidr", "routeDirection", "addressFamily", "asPath", "awsLogicalDeviceId",
                              "routeInstalledAt"}
        found.append((route["routeDirection"], route["addressFamily"], route["cidr"], segment["path"],
                      route["awsLogicalDeviceId"]))
    return found


def peers(dx: Any, vif_id: str) -> dict[str, dict[str, Any]]:
    [vif] = dx.describe_virtual_interfaces(virtualInterfaceId=vif_id)["virtualInterfaces"]
    return {peer["addressFamily"]: peer for peer in vif["bgpPeers"]}


def public_with_two_families(dx: Any) -> tuple[str, dict[str, dict[str, Any]]]:
    prefixes = [{"cidr": "203.0.113.0/24"}, {"cidr": "198.51.100.0/25"}, {"cidr": "2001:db8:beef::/48"}]
    vif_id = public_vif(dx, connection(dx)["connectionId"], routeFilterPrefixes=prefixes)["virtualInterfaceId"]
    dx.create_bgp_peer(virtualInterfaceId=vif_id, newBGPPeer={"asn": 65010, "addressFamily": "ipv6"})
    return vif_id, peers(dx, vif_id)


def test_a_public_vif_accepts_its_prefixes_on_each_session(dx: Any) -> None:
    vif_id, by_family = public_with_two_families(dx)
    device4, device6 = by_family["ipv4"]["awsLogicalDeviceId"], by_family["ipv6"]["awsLogicalDeviceId"]
    # In a stable order: direction, family, address; public VIFs advertise nothing emulated.
    assert routes(dx, vif_id) == [("accepted", "ipv4", "198.51.100.0/25", [65010], device4),
                                  ("accepted", "ipv4", "203.0.113.0/24", [65010], device4),
                                  ("accepted", "ipv6", "2001:db8:beef::/48", [65010], device6)]
    assert routes(dx, vif_id, filters={"routeDirection": "advertised"}) == []


def test_filters(dx: Any, make_client: Callable[..., Any], account: str) -> None:
    vif_id, _ = public_with_two_families(dx)

    def cidrs(**filters: Any) -> list[str]:
        return [route[2] for route in routes(dx, vif_id, filters=filters)]

    assert cidrs(addressFamily="ipv6") == ["2001:db8:beef::/48"]
    assert cidrs(routeDirection="accepted", addressFamily="ipv4") == ["198.51.100.0/25", "203.0.113.0/24"]
    # A CIDR keeps the routes equal to it or inside it [choice].
    assert cidrs(cidrs=["198.51.100.0/24"]) == ["198.51.100.0/25"]
    assert cidrs(cidrs=["203.0.113.0/24", "2001:db8::/32"]) == ["203.0.113.0/24", "2001:db8:beef::/48"]
    assert cidrs(cidrs=["203.0.113.128/25"]) == []
    assert len(cidrs(asPath=[65010])) == 3
    assert cidrs(asPath=[65010, 7224]) == []
    assert cidrs(communities=["7224:9100"]) == []  # no emulated route carries a community
    raw = make_client(account, parameter_validation=False)
    for filters, message in (
            ({"routeDirection": "both"}, "routeDirection both is not valid: use accepted or advertised"),
            ({"addressFamily": "ipv5"}, "addressFamily ipv5 is not valid: use ipv4 or ipv6"),
            ({"cidrs": ["10.0.0.0/33"]}, "10.0.0.0/33 is not a valid CIDR"),
            ({"cidrs": [f"10.{index}.0.0/16" for index in range(11)]},
             "filters.cidrs must hold 1 to 10 CIDRs; 11 were given"),
            ({"cidrs": []}, "filters.cidrs must hold 1 to 10 CIDRs; 0 were given")):
        expect_error(raw.list_virtual_interface_routes, CLIENT, message, virtualInterfaceId=vif_id, filters=filters)
    expect_error(raw.list_virtual_interface_routes, "SerializationException", "filters.asPath[0] must be an integer",
                 virtualInterfaceId=vif_id, filters={"asPath": ["65010"]})


def test_pages(dx: Any) -> None:
    vif_id, _ = public_with_two_families(dx)
    every = routes(dx, vif_id)
    first = dx.list_virtual_interface_routes(virtualInterfaceId=vif_id, maxResults=2)
    assert [route["cidr"] for route in first["routes"]] == [route[2] for route in every[:2]]
    rest = dx.list_virtual_interface_routes(virtualInterfaceId=vif_id, maxResults=2, nextToken=first["nextToken"])
    assert ([route["cidr"] for route in rest["routes"]], "nextToken" in rest) == ([every[2][2]], False)
    expect_error(dx.list_virtual_interface_routes, CLIENT, "The nextToken is not valid for this request",
                 virtualInterfaceId=vif_id, maxResults=2, nextToken=first["nextToken"],
                 filters={"addressFamily": "ipv4"})


def test_a_gateway_advertises_its_associations_allowed_prefixes(dx: Any) -> None:
    gateway_id = gateway(dx, directConnectGatewayName="routes", amazonSideAsn=64600)
    conn = connection(dx)["connectionId"]
    vif = private_vif(dx, conn, virtualGatewayId=None, directConnectGatewayId=gateway_id)
    device = vif["bgpPeers"][0]["awsLogicalDeviceId"]
    assert routes(dx, vif["virtualInterfaceId"]) == []  # nothing associated yet
    association = dx.create_direct_connect_gateway_association(
        directConnectGatewayId=gateway_id, gatewayId="vgw-0a1b2c3d",
        addAllowedPrefixesToDirectConnectGateway=[{"cidr": "10.1.0.0/16"}, {"cidr": "10.2.0.0/16"}])
    assert routes(dx, vif["virtualInterfaceId"]) == [("advertised", "ipv4", "10.1.0.0/16", [64600], device),
                                                     ("advertised", "ipv4", "10.2.0.0/16", [64600], device)]
    dx.delete_direct_connect_gateway_association(
        associationId=association["directConnectGatewayAssociation"]["associationId"])
    assert routes(dx, vif["virtualInterfaceId"]) == []  # disassociated: no longer advertised


def test_a_transit_vif_advertises_its_transit_gateways_prefixes(dx: Any) -> None:
    gateway_id = gateway(dx, directConnectGatewayName="transit", amazonSideAsn=64700)
    vif = transit_vif(dx, connection(dx)["connectionId"], directConnectGatewayId=gateway_id)
    dx.create_direct_connect_gateway_association(directConnectGatewayId=gateway_id, gatewayId="tgw-0a1b2c3d",
                                                 addAllowedPrefixesToDirectConnectGateway=[{"cidr": "10.9.0.0/16"}])
    device = vif["bgpPeers"][0]["awsLogicalDeviceId"]
    assert routes(dx, vif["virtualInterfaceId"]) == [("advertised", "ipv4", "10.9.0.0/16", [64700], device)]


def test_a_declared_vgw_advertises_its_vpc(server: RunningServer, dx: Any, account: str) -> None:
    declare(server.url, account, vgws=[{"virtualGatewayId": "vgw-0e0e0e0e", "region": "us-east-1",
                                        "amazonSideAsn": 64513, "vpcCidrs": ["10.0.0.0/16", "10.5.0.0/24"]}])
    conn = connection(dx)["connectionId"]
    vif = private_vif(dx, conn, virtualGatewayId="vgw-0e0e0e0e")
    device = vif["bgpPeers"][0]["awsLogicalDeviceId"]
    assert routes(dx, vif["virtualInterfaceId"]) == [("advertised", "ipv4", "10.0.0.0/16", [64513], device),
                                                     ("advertised", "ipv4", "10.5.0.0/24", [64513], device)]
    # An undeclared VGW's VPC is unknown, and a private VIF's customer routes too.
    assert routes(dx, private_vif(dx, conn, vlan=102)["virtualInterfaceId"]) == []


def test_routes_need_sessions_that_are_up(dx: Any) -> None:
    vif_id, by_family = public_with_two_families(dx)
    before = dx.list_virtual_interface_routes(virtualInterfaceId=vif_id)["routes"]
    dx.start_bgp_failover_test(virtualInterfaceId=vif_id, bgpPeers=[by_family["ipv4"]["bgpPeerId"]],
                               testDurationInMinutes=5)
    assert [route[2] for route in routes(dx, vif_id)] == ["2001:db8:beef::/48"]  # the ipv4 session is down
    stopped = dx.stop_bgp_failover_test(virtualInterfaceId=vif_id)["virtualInterfaceTest"]["endTime"]
    after = dx.list_virtual_interface_routes(virtualInterfaceId=vif_id)["routes"]
    assert [route["cidr"] for route in after] == [route["cidr"] for route in before]
    installed = {route["cidr"]: route["routeInstalledAt"] for route in after}
    assert installed["203.0.113.0/24"] == stopped  # reinstalled when the session came back
    assert installed["2001:db8:beef::/48"] < stopped
    dx.delete_virtual_interface(virtualInterfaceId=vif_id)
    assert routes(dx, vif_id) == []  # a deleted VIF carries none


def test_whose_vif(dx: Any, make_client: Callable[..., Any], account: str) -> None:
    vif_id = public_vif(dx, connection(dx)["connectionId"])["virtualInterfaceId"]
    expect_error(dx.list_virtual_interface_routes, CLIENT, "Virtual interface dxvif-ffffffff does not exist",
                 virtualInterfaceId="dxvif-ffffffff")
    expect_error(make_client(account, parameter_validation=False).list_virtual_interface_routes, CLIENT,
                 "virtualInterfaceId is required")
    for stranger in (make_client(), make_client(account, region="eu-west-1")):
        expect_error(stranger.list_virtual_interface_routes, CLIENT, f"Virtual interface {vif_id} does not exist",
                     virtualInterfaceId=vif_id)

"""DescribeLocations (and strict locations) and DescribeRouterConfiguration, as Terraform's
aws_dx_location(s) and aws_dx_router_configuration data sources read them."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.support.errors import expect_error
from tests.support.server import RunningServer, client, new_account, start_server
from tests.support.world import connection, vif_with_connection

CLIENT, NOT_FOUND = "DirectConnectClientException", "DirectConnectClientException"
CISCO_2900 = "CiscoSystemsInc-2900SeriesRouters-IOS124"


@pytest.mark.parametrize("region", ["us-east-1", "sa-east-1", "eu-central-1"])
def test_every_region_lists_locations_terraform_can_pick(make_client: Callable[..., Any], region: str) -> None:
    found = make_client(new_account(), region)
    listed = found.describe_locations()["locations"]
    # aws_dx_locations takes location_codes[min(2, n-1)] and its first provider; the MACsec test a
    # location with 10G MACsec ports and a provider.
    assert len(listed) >= 2
    assert all(loc["region"] == region and loc["locationName"] and loc["availablePortSpeeds"] and
               loc["availableProviders"] for loc in listed)
    assert len({loc["locationCode"] for loc in listed}) == len(listed)
    assert any("10G" in loc["availableMacSecPortSpeeds"] for loc in listed)
    assert all(speed.endswith("G") for loc in listed for speed in loc["availablePortSpeeds"])


def test_the_cli_examples_locations(make_client: Callable[..., Any]) -> None:
    listed = make_client(new_account(), "sa-east-1").describe_locations()["locations"]
    names = {loc["locationCode"]: loc["locationName"] for loc in listed}
    assert names["TIVIT"] == "Tivit - Site Transamerica (Sao Paulo)"
    assert names["TNDB"] == "NAP do Brasil, Barueri, Sao Paulo"


@pytest.fixture(scope="module")
def strict_server() -> Iterator[RunningServer]:
    running = start_server(None, table=f"dx-strict-{uuid.uuid4().hex[:8]}", extra=("--strict-locations",))
    yield running
    running.stop()


def test_strict_locations_refuse_unknown_ones(strict_server: RunningServer) -> None:
    dx = client(strict_server.url, new_account())
    assert connection(dx, location="CSVA1")["location"] == "CSVA1"
    message = "Location Narnia1 is not a Direct Connect location in us-east-1: DescribeLocations lists them"
    expect_error(connection, CLIENT, message, dx=dx, location="Narnia1")
    expect_error(dx.create_lag, CLIENT, message, numberOfConnections=1, location="Narnia1",
                 connectionsBandwidth="1Gbps", lagName="l")
    assert dx.describe_connections()["connections"][0]["location"] == "CSVA1"


def test_by_default_any_location_is_taken(dx: Any) -> None:
    assert connection(dx, location="Narnia1")["location"] == "Narnia1"


def test_router_configuration_for_a_cisco_2900(dx: Any) -> None:
    vif = vif_with_connection(dx)
    vif_id = vif["virtualInterfaceId"]
    answer = dx.describe_router_configuration(virtualInterfaceId=vif_id, routerTypeIdentifier=CISCO_2900)
    # The literals Terraform's acceptance test checks.
    assert answer["router"] == {"vendor": "Cisco Systems, Inc.", "platform": "2900 Series Routers",
                                "software": "IOS 12.4+", "xsltTemplateName": "customer-router-cisco-generic.xslt",
                                "xsltTemplateNameForMacSec": "", "routerTypeIdentifier": CISCO_2900}
    assert (answer["virtualInterfaceId"], answer["virtualInterfaceName"]) == (vif_id, vif["virtualInterfaceName"])
    config = answer["customerRouterConfig"]
    [peer] = vif["bgpPeers"]
    customer, amazon = peer["customerAddress"].split("/")[0], peer["amazonAddress"].split("/")[0]
    assert f"encapsulation dot1Q {vif['vlan']}" in config
    assert f" ip address {customer} 255.255.255." in config
    assert f"router bgp {peer['asn']}" in config
    assert f" neighbor {amazon} remote-as {vif['amazonSideAsn']}" in config
    assert f" neighbor {amazon} password {peer['authKey']}" in config


def test_router_configuration_in_other_syntaxes(dx: Any) -> None:
    vif_id = vif_with_connection(dx)["virtualInterfaceId"]
    juniper = dx.describe_router_configuration(virtualInterfaceId=vif_id,
                                               routerTypeIdentifier="JuniperNetworksInc-MMXSeriesRouters-JunOS95")
    assert juniper["router"]["xsltTemplateNameForMacSec"] == "customer-router-juniper-generic-macsec.xslt"
    assert "set protocols bgp group EBGP-AWS neighbor" in juniper["customerRouterConfig"]
    generic = dx.describe_router_configuration(virtualInterfaceId=vif_id)
    assert "router" not in generic
    assert generic["customerRouterConfig"].startswith('<?xml version="1.0" encoding="UTF-8"?>')
    expect_error(dx.describe_router_configuration, CLIENT, "Router type Acme-1 is not supported: use one of "
                 f"{CISCO_2900}", virtualInterfaceId=vif_id, routerTypeIdentifier="Acme-1")
    expect_error(dx.describe_router_configuration, NOT_FOUND, "Virtual interface dxvif-ffffffff does not exist",
                 virtualInterfaceId="dxvif-ffffffff", routerTypeIdentifier=CISCO_2900)


def test_a_hosted_vifs_router_configuration_is_its_allocators(make_client: Callable[..., Any]) -> None:
    allocator_account, owner_account = new_account(), new_account()
    allocator, owner = make_client(allocator_account), make_client(owner_account)
    conn_id = connection(allocator)["connectionId"]
    vif_id = allocator.allocate_private_virtual_interface(
        connectionId=conn_id, ownerAccount=owner_account,
        newPrivateVirtualInterfaceAllocation={"virtualInterfaceName": "h", "vlan": 7, "asn": 65000})[
        "virtualInterfaceId"]
    assert "router bgp 65000" in allocator.describe_router_configuration(
        virtualInterfaceId=vif_id, routerTypeIdentifier=CISCO_2900)["customerRouterConfig"]
    expect_error(owner.describe_router_configuration, CLIENT, f"The router configuration of hosted virtual interface "
                 f"{vif_id} is available to the account that allocated it", virtualInterfaceId=vif_id,
                 routerTypeIdentifier=CISCO_2900)


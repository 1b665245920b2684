"""Hosted connections across accounts: a partner allocates one on its interconnect or LAG to a
customer, which confirms it (or declines it), creates its one VIF on it, and may hand a hosted VIF on
to a third account. Each step is checked from the partner's and the customer's side."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.admin import declare
from tests.support.errors import expect_error
from tests.support.server import RunningServer, new_account
from tests.support.world import private_vif

CLIENT, NOT_FOUND = "DirectConnectClientException", "DirectConnectClientException"


@dataclass
class Parties:
    partner: Any
    customer: Any
    partner_account: str
    customer_account: str
    interconnect_id: str


@pytest.fixture
def parties(server: RunningServer, make_client: Callable[..., Any]) -> Parties:
    partner_account, customer_account = new_account(), new_account()
    declare(server.url, partner_account, partner="v2")
    partner = make_client(partner_account)
    interconnect_id = partner.create_interconnect(interconnectName="port", bandwidth="10Gbps", location="EqDC2",
                                                  providerName="TIVIT")["interconnectId"]
    return Parties(partner, make_client(customer_account), partner_account, customer_account, interconnect_id)


def allocate(p: Parties, vlan: int = 4092, bandwidth: str = "100Mbps", host: str | None = None) -> dict[str, Any]:
    return dict(p.partner.allocate_hosted_connection(connectionId=host or p.interconnect_id,
                                                     ownerAccount=p.customer_account, bandwidth=bandwidth,
                                                     connectionName="hosted", vlan=vlan))


def hosted(p: Parties, host: str | None = None) -> list[dict[str, Any]]:
    return list(p.partner.describe_hosted_connections(connectionId=host or p.interconnect_id)["connections"])


def test_allocated_confirmed_and_carrying_one_vif(parties: Parties) -> None:
    p = parties
    conn = allocate(p)
    conn_id = conn["connectionId"]
    assert (conn["connectionState"], conn["ownerAccount"], conn["vlan"]) == ("ordering", p.customer_account, 4092)
    assert (conn["partnerName"], conn["bandwidth"], conn["location"]) == ("TIVIT", "100Mbps", "EqDC2")
    [mine] = p.customer.describe_connections()["connections"]
    assert (mine["connectionId"], mine["connectionState"]) == (conn_id, "ordering")
    expect_error(private_vif, CLIENT, f"Connection {conn_id} is ordering: virtual interfaces cannot be created on it",
                 dx=p.customer, connection_id=conn_id, vlan=4092)
    # Only the customer confirms.
    expect_error(p.partner.confirm_connection, NOT_FOUND, f"Could not find Connection with ID {conn_id}",
                 connectionId=conn_id)
    assert p.customer.confirm_connection(connectionId=conn_id)["connectionState"] == "pending"
    [listed] = hosted(p)
    assert (listed["connectionId"], listed["connectionState"]) == (conn_id, "available")
    expect_error(p.customer.confirm_connection, CLIENT, f"ConfirmConnection failed. {conn_id} is in state available",
                 connectionId=conn_id)
    # One VIF, on the VLAN its partner gave it.
    expect_error(private_vif, CLIENT, f"VLAN 101 is not hosted connection {conn_id}'s: its partner allocated it "
                 "VLAN 4092", dx=p.customer, connection_id=conn_id, vlan=101)
    vif = private_vif(p.customer, conn_id, vlan=4092)
    expect_error(private_vif, "LimitExceededException", f"Hosted connection {conn_id} already has virtual interface "
                 f"{vif['virtualInterfaceId']}: a hosted connection carries one", dx=p.customer,
                 connection_id=conn_id, vlan=4092)
    # The partner deletes it once its VIF is gone.
    expect_error(p.partner.delete_connection, CLIENT, "has 1 virtual interface: delete them first",
                 connectionId=conn_id)
    p.customer.delete_virtual_interface(virtualInterfaceId=vif["virtualInterfaceId"])
    assert p.partner.delete_connection(connectionId=conn_id)["connectionState"] == "deleted"
    [seen] = p.customer.describe_connections(connectionId=conn_id)["connections"]
    assert seen["connectionState"] == "deleted"
    assert hosted(p)[0]["connectionState"] == "deleted"


def test_a_hosted_connection_joins_no_lag(parties: Parties) -> None:
    p = parties
    conn_id = allocate(p, bandwidth="1Gbps")["connectionId"]
    expect_error(p.customer.create_lag, CLIENT, f"Connection {conn_id} is a hosted connection: it cannot join a LAG",
                 numberOfConnections=1, location="EqDC2", connectionsBandwidth="1Gbps", lagName="l",
                 connectionId=conn_id)
    expect_error(p.partner.allocate_connection_on_interconnect, CLIENT, "interconnectId is required",
                 **{"ownerAccount": p.customer_account, "bandwidth": "50Mbps", "connectionName": "n", "vlan": 5,
                    "interconnectId": ""})


def test_declined_while_ordering(parties: Parties) -> None:
    p = parties
    conn_id = allocate(p)["connectionId"]
    assert p.customer.delete_connection(connectionId=conn_id)["connectionState"] == "rejected"
    [listed] = hosted(p)
    assert listed["connectionState"] == "rejected"
    expect_error(p.customer.confirm_connection, CLIENT, f"ConfirmConnection failed. {conn_id} is in state rejected",
                 connectionId=conn_id)
    assert allocate(p)["vlan"] == 4092  # its VLAN is free again


def test_the_hosts_rules(parties: Parties, make_client: Callable[..., Any]) -> None:
    p = parties
    first = allocate(p)
    expect_error(allocate, CLIENT, f"VLAN 4092 is already used by hosted connection {first['connectionId']} on "
                 f"{p.interconnect_id}", p=p)
    expect_error(allocate, CLIENT, "Bandwidth 3Gbps is not available for a hosted connection", p=p, vlan=7,
                 bandwidth="3Gbps")
    expect_error(allocate, CLIENT, f"A 25Gbps hosted connection does not fit on Interconnect {p.interconnect_id}",
                 p=p, vlan=7, bandwidth="25Gbps")
    expect_error(p.partner.delete_interconnect, CLIENT,
                 f"Interconnect {p.interconnect_id} has 1 hosted connection: delete them first",
                 interconnectId=p.interconnect_id)
    unknown = f"{p.partner_account} DescribeHostedConnections failed for connection dxcon-ffffffff doesn't exist."
    expect_error(p.partner.describe_hosted_connections, NOT_FOUND, unknown, connectionId="dxcon-ffffffff")
    # Terraform up to 6.4 reads with the hosted connection's own id: it answers with that connection.
    assert [c["connectionId"] for c in hosted(p, first["connectionId"])] == [first["connectionId"]]
    assert [c["connectionId"] for c in p.partner.describe_connections_on_interconnect(
        interconnectId=p.interconnect_id)["connections"]] == [first["connectionId"]]
    # The deprecated allocation: the same, without 25Gbps.
    old = p.partner.allocate_connection_on_interconnect(interconnectId=p.interconnect_id, ownerAccount=new_account(),
                                                        bandwidth="500Mbps", connectionName="old style", vlan=8)
    assert (old["connectionState"], old["vlan"]) == ("ordering", 8)


def test_a_v1_partner_allocates_sub_gigabit_only(make_client: Callable[..., Any]) -> None:
    v1 = make_client("999900001111")  # the deployment's configured v1 partner
    interconnect_id = v1.create_interconnect(interconnectName="v1", bandwidth="1Gbps", location="EqDC2")[
        "interconnectId"]
    expect_error(v1.allocate_hosted_connection, CLIENT, "Account 999900001111 is a v1 Direct Connect partner: it "
                 "allocates hosted connections of 50Mbps to 500Mbps, not 1Gbps", connectionId=interconnect_id,
                 ownerAccount=new_account(), bandwidth="1Gbps", connectionName="too fast", vlan=9)
    ok = v1.allocate_hosted_connection(connectionId=interconnect_id, ownerAccount=new_account(), bandwidth="50Mbps",
                                       connectionName="slow", vlan=9)
    assert ok["bandwidth"] == "50Mbps"
    v1.delete_connection(connectionId=ok["connectionId"])
    assert v1.delete_interconnect(interconnectId=interconnect_id)["interconnectState"] == "deleted"


def test_moved_onto_a_partner_lag(parties: Parties) -> None:
    p = parties
    conn_id = allocate(p)["connectionId"]
    lag_id = p.partner.create_lag(numberOfConnections=1, location="EqDC2", connectionsBandwidth="10Gbps",
                                  lagName="partner lag")["lagId"]
    moved = p.partner.associate_hosted_connection(connectionId=conn_id, parentConnectionId=lag_id)
    assert (moved["lagId"], moved["connectionState"]) == (lag_id, "ordering")
    assert hosted(p) == []
    assert [c["connectionId"] for c in hosted(p, lag_id)] == [conn_id]
    # Its VLAN moved too: the interconnect can give it again, the LAG cannot.
    allocate(p)
    expect_error(allocate, CLIENT, f"VLAN 4092 is already used by hosted connection {conn_id} on {lag_id}",
                 p=p, host=lag_id)
    expect_error(p.customer.associate_hosted_connection, CLIENT, "is not a hosted connection of yours",
                 connectionId=conn_id, parentConnectionId=lag_id)
    expect_error(p.partner.delete_lag, CLIENT, f"LAG {lag_id} has 1 hosted connection: delete them first",
                 lagId=lag_id)
    # The LAG's own VIFs share its ports' VLANs with the connections it hosts, both ways.
    expect_error(private_vif, CLIENT, f"VLAN 4092 is already used by hosted connection {conn_id} on {lag_id}",
                 dx=p.partner, connection_id=lag_id, vlan=4092)
    own = private_vif(p.partner, lag_id, vlan=200)
    expect_error(allocate, CLIENT, f"VLAN 200 is already used by virtual interface {own['virtualInterfaceId']} on "
                 f"{lag_id}", p=p, vlan=200, host=lag_id)


def test_a_hosted_vif_on_a_hosted_connection_for_a_third_account(parties: Parties,
                                                                 make_client: Callable[..., Any]) -> None:
    p = parties
    conn_id = allocate(p)["connectionId"]
    p.customer.confirm_connection(connectionId=conn_id)
    third_account = new_account()
    third = make_client(third_account)
    vif = p.customer.allocate_private_virtual_interface(
        connectionId=conn_id, ownerAccount=third_account,
        newPrivateVirtualInterfaceAllocation={"virtualInterfaceName": "handed on", "vlan": 4092, "asn": 65000})
    assert (vif["ownerAccount"], vif["virtualInterfaceState"]) == (third_account, "confirming")
    third.confirm_private_virtual_interface(virtualInterfaceId=vif["virtualInterfaceId"], virtualGatewayId="vgw-1")
    for dx in (p.customer, third):
        [seen] = dx.describe_virtual_interfaces(virtualInterfaceId=vif["virtualInterfaceId"])["virtualInterfaces"]
        assert seen["virtualInterfaceState"] == "available"
    assert p.partner.describe_virtual_interfaces()["virtualInterfaces"] == []

"""AssociateConnectionWithLag and DisassociateConnectionFromLag: connections in and out of LAGs,
their VIFs moving (or staying) as AWS documents."""

from __future__ import annotations

from typing import Any

from tests.support.errors import expect_error
from tests.support.world import connection, private_vif

CLIENT, NOT_FOUND = "DirectConnectClientException", "DirectConnectClientException"


def lag(dx: Any, members: int = 1, bandwidth: str = "10Gbps") -> dict[str, Any]:
    return dict(dx.create_lag(numberOfConnections=members, location="EqDC2", connectionsBandwidth=bandwidth,
                              lagName="l"))


def vif(dx: Any, vif_id: str) -> dict[str, Any]:
    return dict(dx.describe_virtual_interfaces(virtualInterfaceId=vif_id)["virtualInterfaces"][0])


def test_a_connection_joins_a_lag_with_its_vifs(dx: Any) -> None:
    target = lag(dx)
    conn_id = connection(dx)["connectionId"]
    moving = private_vif(dx, conn_id, vlan=10)
    joined = dx.associate_connection_with_lag(connectionId=conn_id, lagId=target["lagId"])
    assert joined["lagId"] == target["lagId"]
    [listed] = dx.describe_lags(lagId=target["lagId"])["lags"]
    assert listed["numberOfConnections"] == 2
    # Its VIF is the LAG's now [doc], and its VLAN held there.
    assert vif(dx, moving["virtualInterfaceId"])["connectionId"] == target["lagId"]
    expect_error(private_vif, CLIENT, f"VLAN 10 is already used by virtual interface {moving['virtualInterfaceId']}",
                 dx=dx, connection_id=target["lagId"], vlan=10)
    # Associating again changes nothing.
    assert dx.associate_connection_with_lag(connectionId=conn_id, lagId=target["lagId"])["lagId"] == target["lagId"]


def test_what_a_lag_refuses(dx: Any) -> None:
    target = lag(dx)
    slow = connection(dx, bandwidth="1Gbps")["connectionId"]
    expect_error(dx.associate_connection_with_lag, CLIENT, "Connection bandwidth 1Gbps differs from LAG",
                 connectionId=slow, lagId=target["lagId"])
    clash = connection(dx)["connectionId"]
    on_lag = private_vif(dx, target["lagId"], vlan=20)
    private_vif(dx, clash, vlan=20)
    expect_error(dx.associate_connection_with_lag, CLIENT, "VLAN 20 of virtual interface", connectionId=clash,
                 lagId=target["lagId"])
    assert on_lag["connectionId"] == target["lagId"]
    full = lag(dx, 4)
    expect_error(dx.associate_connection_with_lag, CLIENT, "already has 4 connections", connectionId=clash,
                 lagId=full["lagId"])
    expect_error(dx.associate_connection_with_lag, NOT_FOUND, "Could not find Lag with ID dxlag-ffffffff",
                 connectionId=clash, lagId="dxlag-ffffffff")


def test_a_member_leaves_and_its_vifs_stay(dx: Any) -> None:
    target = lag(dx, 2)
    member, other = (c["connectionId"] for c in target["connections"])
    staying = private_vif(dx, member, vlan=30)
    left = dx.disassociate_connection_from_lag(connectionId=member, lagId=target["lagId"])
    assert "lagId" not in left
    assert vif(dx, staying["virtualInterfaceId"])["connectionId"] == target["lagId"]
    [listed] = dx.describe_lags(lagId=target["lagId"])["lags"]
    assert [c["connectionId"] for c in listed["connections"]] == [other]
    expect_error(dx.disassociate_connection_from_lag, CLIENT, f"Connection {member} is not a member of LAG",
                 connectionId=member, lagId=target["lagId"])
    # Terraform ignores these two on destroy.
    expect_error(dx.disassociate_connection_from_lag, NOT_FOUND, "Connection does not exist",
                 connectionId="dxcon-ffffffff", lagId=target["lagId"])
    expect_error(dx.disassociate_connection_from_lag, NOT_FOUND, "Lag does not exist", connectionId=member,
                 lagId="dxlag-ffffffff")


def test_minimum_links_hold_except_for_the_last_member(dx: Any) -> None:
    target = lag(dx, 2)
    first, second = (c["connectionId"] for c in target["connections"])
    dx.update_lag(lagId=target["lagId"], minimumLinks=2)
    expect_error(dx.disassociate_connection_from_lag, CLIENT, "below its minimumLinks (2)", connectionId=first,
                 lagId=target["lagId"])
    dx.update_lag(lagId=target["lagId"], minimumLinks=1)
    dx.disassociate_connection_from_lag(connectionId=first, lagId=target["lagId"])
    # The last member may always leave; the LAG stays, empty [doc].
    dx.disassociate_connection_from_lag(connectionId=second, lagId=target["lagId"])
    [listed] = dx.describe_lags(lagId=target["lagId"])["lags"]
    assert listed["numberOfConnections"] == 0


def test_a_connection_moves_between_lags(dx: Any) -> None:
    source, target = lag(dx, 2), lag(dx, 1)
    member = source["connections"][0]["connectionId"]
    staying = private_vif(dx, member, vlan=40)
    moved = dx.associate_connection_with_lag(connectionId=member, lagId=target["lagId"])
    assert moved["lagId"] == target["lagId"]
    # Its VIF stays with the original LAG [doc].
    assert vif(dx, staying["virtualInterfaceId"])["connectionId"] == source["lagId"]
    counts = {item["lagId"]: item["numberOfConnections"] for item in dx.describe_lags()["lags"]}
    assert (counts[source["lagId"]], counts[target["lagId"]]) == (1, 2)

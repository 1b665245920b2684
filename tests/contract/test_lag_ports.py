"""A LAG and its member connections are one set of ports: one VLAN space, one set of VIF quotas;
and a LAG takes no more members than AWS allows at its speed."""

from __future__ import annotations

from typing import Any

import pytest

from tests.contract.test_lags import lag
from tests.support.errors import expect_error
from tests.support.world import connection, private_vif, transit_vif

CLIENT = "DirectConnectClientException"


def test_a_vlan_is_unique_across_a_lag_and_its_members(dx: Any) -> None:
    created = lag(dx, count=2)
    lag_id, (first, second) = created["lagId"], [c["connectionId"] for c in created["connections"]]
    on_lag = private_vif(dx, lag_id, vlan=100)["virtualInterfaceId"]
    expect_error(private_vif, CLIENT, f"VLAN 100 is already used by virtual interface {on_lag} on {lag_id}",
                 dx=dx, connection_id=first, vlan=100)
    on_first = private_vif(dx, first, vlan=101)
    assert (on_first["connectionId"], on_first["vlan"]) == (first, 101)
    expect_error(private_vif, CLIENT, f"VLAN 101 is already used by virtual interface {on_first['virtualInterfaceId']} "
                 f"on {first}", dx=dx, connection_id=second, vlan=101)
    expect_error(private_vif, CLIENT, "VLAN 101 is already used", dx=dx, connection_id=lag_id, vlan=101)
    # Each VIF is listed on what it is on.
    assert [v["virtualInterfaceId"] for v in dx.describe_virtual_interfaces(connectionId=first)[
        "virtualInterfaces"]] == [on_first["virtualInterfaceId"]]
    assert [v["virtualInterfaceId"] for v in dx.describe_virtual_interfaces(connectionId=lag_id)[
        "virtualInterfaces"]] == [on_lag]


def test_quotas_count_a_lag_and_its_members_together(dx: Any) -> None:
    created = lag(dx, count=2)
    lag_id, (first, second) = created["lagId"], [c["connectionId"] for c in created["connections"]]
    for parent, vlan in ((lag_id, 301), (lag_id, 302), (first, 303), (second, 304)):
        transit_vif(dx, parent, vlan=vlan)
    expect_error(transit_vif, "LimitExceededException",
                 f"{lag_id} (with its member connections) already has 4 transit virtual interfaces, the most allowed",
                 dx=dx, connection_id=second, vlan=305)
    expect_error(transit_vif, "LimitExceededException", "already has 4 transit virtual interfaces",
                 dx=dx, connection_id=lag_id, vlan=305)


def test_a_member_with_vifs_is_not_deleted_and_its_vlans_free_with_them(dx: Any) -> None:
    created = lag(dx, count=2)
    lag_id, member = created["lagId"], created["connections"][0]["connectionId"]
    vif_id = private_vif(dx, member, vlan=700)["virtualInterfaceId"]
    expect_error(dx.delete_connection, CLIENT, f"Connection {member} has 1 virtual interface: delete them first",
                 connectionId=member)
    expect_error(dx.delete_lag, CLIENT, f"LAG {lag_id} has 1 virtual interface: delete them first", lagId=lag_id)
    dx.delete_virtual_interface(virtualInterfaceId=vif_id)
    assert private_vif(dx, lag_id, vlan=700)["vlan"] == 700  # the LAG's ports took the VLAN back
    assert dx.delete_connection(connectionId=member)["connectionState"] == "deleted"
    [listed] = dx.describe_lags(lagId=lag_id)["lags"]
    assert member not in {c["connectionId"] for c in listed["connections"]}


@pytest.mark.parametrize(("bandwidth", "most"), [("10Gbps", 4), ("100Gbps", 2)])
def test_a_lag_takes_no_more_members_than_its_speed_allows(dx: Any, bandwidth: str, most: int) -> None:
    lag_id = lag(dx, count=most, connectionsBandwidth=bandwidth)["lagId"]
    expect_error(connection, CLIENT, f"LAG {lag_id} already has {most} connections, the most a {bandwidth} LAG can "
                 "have", dx=dx, bandwidth=bandwidth, lagId=lag_id)
    assert len(dx.describe_lags(lagId=lag_id)["lags"][0]["connections"]) == most

"""CreateLag, DescribeLags, DeleteLag; VIFs and connections on LAGs."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support.errors import expect_error
from tests.support.world import REDUNDANCY_TAG, connection, private_vif

CLIENT = "DirectConnectClientException"


def lag(dx: Any, count: int = 2, redundancy: str | None = None, **overrides: Any) -> dict[str, Any]:
    params: dict[str, Any] = {"numberOfConnections": count, "location": "EqDC2", "connectionsBandwidth": "10Gbps",
                              "lagName": "core lag"}
    if redundancy:
        params["tags"] = [{"key": REDUNDANCY_TAG, "value": redundancy}]
    params.update(overrides)
    created: dict[str, Any] = dx.create_lag(**params)
    return created


def test_create_lag_with_its_connections(dx: Any, account: str) -> None:
    created = lag(dx, count=2)
    assert re.fullmatch(r"dxlag-[a-z0-9]{8}", created["lagId"])
    # AWS answers CreateLag "pending", its new connections "requested" [the CLI's examples].
    assert (created["lagState"], created["numberOfConnections"], created["ownerAccount"]) == ("pending", 2, account)
    assert (created["location"], created["connectionsBandwidth"], created["hasLogicalRedundancy"]) == (
        "EqDC2", "10Gbps", "unknown")
    members = created["connections"]
    assert len(members) == 2
    assert all(member["lagId"] == created["lagId"] and member["bandwidth"] == "10Gbps" for member in members)
    assert [member["connectionName"] for member in members] == [
        f"Requested Connection {number} for Lag {created['lagId']}" for number in (1, 2)]
    assert {member["connectionState"] for member in members} == {"requested"}
    listed = {c["connectionId"]: c for c in dx.describe_connections()["connections"]}
    assert {member["connectionId"] for member in members} <= set(listed)


def test_describe_lags(dx: Any) -> None:
    first, second = lag(dx), lag(dx, count=1)
    described = {item["lagId"]: item for item in dx.describe_lags()["lags"]}
    assert set(described) == {first["lagId"], second["lagId"]}
    assert described[first["lagId"]]["lagState"] == "available"
    assert len(described[second["lagId"]]["connections"]) == 1
    [one] = dx.describe_lags(lagId=first["lagId"])["lags"]
    assert sorted(c["connectionId"] for c in one["connections"]) == sorted(
        c["connectionId"] for c in first["connections"])
    expect_error(dx.describe_lags, CLIENT, "Could not find Lag with ID dxlag-00000000", lagId="dxlag-00000000")


def test_vifs_on_a_lag_follow_its_logical_redundancy(dx: Any) -> None:
    created = lag(dx, redundancy="yes")
    assert created["hasLogicalRedundancy"] == "yes"
    assert {c["hasLogicalRedundancy"] for c in created["connections"]} == {"yes"}
    vif = private_vif(dx, created["lagId"], vlan=10)
    assert vif["connectionId"] == created["lagId"]
    vif_id = vif["virtualInterfaceId"]
    dx.create_bgp_peer(virtualInterfaceId=vif_id, newBGPPeer={"asn": 65000, "addressFamily": "ipv4"})
    listed = dx.describe_virtual_interfaces(connectionId=created["lagId"])["virtualInterfaces"]
    assert [len(v["bgpPeers"]) for v in listed] == [2]
    expect_error(private_vif, CLIENT, f"VLAN 10 is already used by virtual interface {vif_id} on {created['lagId']}",
                 dx=dx, connection_id=created["lagId"], vlan=10)


def test_create_connection_into_a_lag(dx: Any) -> None:
    created = lag(dx, count=1)
    joined = connection(dx, lagId=created["lagId"], bandwidth="10Gbps")
    assert joined["lagId"] == created["lagId"]
    [described] = dx.describe_lags(lagId=created["lagId"])["lags"]
    assert described["numberOfConnections"] == 2
    expect_error(connection, CLIENT, f"Connection bandwidth 1Gbps differs from LAG {created['lagId']}'s 10Gbps",
                 dx=dx, lagId=created["lagId"], bandwidth="1Gbps")
    expect_error(connection, CLIENT, f"Connection location EqLD5 differs from LAG {created['lagId']}'s EqDC2",
                 dx=dx, lagId=created["lagId"], location="EqLD5", bandwidth="10Gbps")
    expect_error(connection, CLIENT, "Could not find Lag with ID dxlag-ffffffff", dx=dx, lagId="dxlag-ffffffff")


def test_migrating_an_existing_connection(dx: Any) -> None:
    existing = connection(dx, bandwidth="10Gbps")
    created = lag(dx, count=2, connectionId=existing["connectionId"])
    # As AWS answers [the CLI's create-lag example]: the requested connection first, numbered from 1,
    # then the migrated one with its own name.
    assert [(c["connectionId"], c["connectionName"]) for c in created["connections"]][1:] == [
        (existing["connectionId"], existing["connectionName"])]
    assert created["connections"][0]["connectionName"] == f"Requested Connection 1 for Lag {created['lagId']}"
    expect_error(lag, CLIENT, f"Connection {existing['connectionId']} is already in LAG {created['lagId']}",
                 dx=dx, count=1, connectionId=existing["connectionId"])


@pytest.mark.parametrize(("overrides", "message"), [
    ({"numberOfConnections": 0}, "numberOfConnections must be 1 to 4 at 10Gbps; 0 was given"),
    ({"numberOfConnections": 5}, "numberOfConnections must be 1 to 4 at 10Gbps; 5 was given"),
    ({"numberOfConnections": 3, "connectionsBandwidth": "100Gbps"},
     "numberOfConnections must be 1 to 2 at 100Gbps; 3 was given"),
    ({"connectionsBandwidth": "2Gbps"}, "Bandwidth 2Gbps is not available for a dedicated connection"),
])
def test_create_lag_refusals(dx: Any, overrides: dict[str, Any], message: str) -> None:
    expect_error(lag, CLIENT, message, dx=dx, **overrides)


def test_delete_lag_after_its_vifs_and_connections(dx: Any) -> None:
    created = lag(dx, count=2)
    lag_id = created["lagId"]
    vif = private_vif(dx, lag_id)
    expect_error(dx.delete_lag, CLIENT, f"LAG {lag_id} has 1 virtual interface: delete them first", lagId=lag_id)
    dx.delete_virtual_interface(virtualInterfaceId=vif["virtualInterfaceId"])
    expect_error(dx.delete_lag, CLIENT, f"LAG {lag_id} has 2 connections: delete them first", lagId=lag_id)
    for member in created["connections"]:
        dx.delete_connection(connectionId=member["connectionId"])
    assert dx.describe_lags(lagId=lag_id)["lags"][0]["numberOfConnections"] == 0
    deleted = dx.delete_lag(lagId=lag_id)
    # AWS's answer [the CLI's delete-lag example]: deleted, no connections.
    assert (deleted["lagId"], deleted["lagState"], deleted["numberOfConnections"]) == (lag_id, "deleted", 0)
    assert deleted["connections"] == []
    assert dx.describe_lags(lagId=lag_id)["lags"][0]["lagState"] == "deleted"
    expect_error(private_vif, CLIENT, f"LAG {lag_id} is deleted: virtual interfaces cannot be created on it",
                 dx=dx, connection_id=lag_id, vlan=77)

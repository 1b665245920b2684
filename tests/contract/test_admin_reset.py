"""POST /_dx-emulator/reset and GET /_dx-emulator/state: an account's own, and only its own."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest

from dx_emulator.local.admin_client import AdminError
from tests.support.admin import admin, declare
from tests.support.server import RunningServer, client, new_account

REGIONS = ("us-east-1", "eu-west-1")


def _world(url: str, account: str) -> dict[str, str]:
    """Resources in two regions and the global partition: connection, LAG, VIF with two peers, a
    running failover test, a gateway with an association, settings and a declared world."""
    declare(url, account, vgws=[{"virtualGatewayId": "vgw-0a1b2c3d", "region": "us-east-1"}])
    admin(url, account).call("PUT", "settings", {"delays": {"bgpUp": 0}})
    ids: dict[str, str] = {}
    for region in REGIONS:
        dx = client(url, account, region)
        ids[f"connection-{region}"] = dx.create_connection(location="EqDC2", bandwidth="1Gbps",
                                                           connectionName="c")["connectionId"]
        ids[f"lag-{region}"] = dx.create_lag(location="EqDC2", connectionsBandwidth="1Gbps", lagName="l",
                                             numberOfConnections=1)["lagId"]
    dx = client(url, account)
    gateway = dx.create_direct_connect_gateway(directConnectGatewayName="g")["directConnectGateway"]
    dx.create_direct_connect_gateway_association(directConnectGatewayId=gateway["directConnectGatewayId"],
                                                 gatewayId="vgw-0a1b2c3d")
    vif = dx.create_private_virtual_interface(connectionId=ids["connection-us-east-1"], newPrivateVirtualInterface={
        "virtualInterfaceName": "v", "vlan": 101, "asn": 65000,
        "directConnectGatewayId": gateway["directConnectGatewayId"]})
    dx.create_bgp_peer(virtualInterfaceId=vif["virtualInterfaceId"],
                       newBGPPeer={"asn": 65000, "addressFamily": "ipv6"})
    dx.start_bgp_failover_test(virtualInterfaceId=vif["virtualInterfaceId"], testDurationInMinutes=5)
    ids["vif"], ids["authKey"] = vif["virtualInterfaceId"], vif["authKey"]
    return ids


def _raw_items(server: RunningServer, account: str) -> list[dict[str, Any]]:
    """The account's items exactly as DynamoDB holds them (DynamoDB Local), or [] on the embedded store."""
    if server.store in ("embedded", "remote"):
        return []
    dynamodb = boto3.client("dynamodb", endpoint_url=server.store, region_name="us-east-1",
                            aws_access_key_id="local", aws_secret_access_key="local")
    found: list[dict[str, Any]] = []
    for partition in (*(f"{account}#{region}" for region in REGIONS), f"{account}#global"):
        pages = dynamodb.get_paginator("query").paginate(
            TableName=server.table, KeyConditionExpression="pk = :pk",
            ExpressionAttributeValues={":pk": {"S": partition}}, ConsistentRead=True)
        found += [item for page in pages for item in page["Items"]]
    return found


def _everything(url: str, account: str) -> str:
    """What the API shows of an account, every region (the state dump minus its clock)."""
    state = admin(url, account).call("GET", "state")
    state.pop("generatedAt")
    return json.dumps(state, sort_keys=True)


def test_reset_removes_the_callers_account_and_nothing_of_anyone_elses(server: RunningServer) -> None:
    mine, theirs = new_account(), new_account()
    _world(server.url, mine)
    _world(server.url, theirs)
    their_items, their_view = _raw_items(server, theirs), _everything(server.url, theirs)

    answer = admin(server.url, mine).call("POST", "reset")

    assert answer["account"] == mine and sorted(answer["regions"]) == sorted(REGIONS)
    removed = answer["removed"]
    # Each LAG came with a member connection: 4 connections.
    assert (removed["connections"], removed["lags"], removed["virtualInterfaces"]) == (4, 2, 1)
    assert (removed["directConnectGateways"], removed["directConnectGatewayAssociations"]) == (1, 1)
    assert removed["settings"] == 1 and removed["world"] == 1
    assert _raw_items(server, theirs) == their_items  # byte for byte, on DynamoDB Local
    assert _everything(server.url, theirs) == their_view
    for region in REGIONS:
        dx = client(server.url, mine, region)
        assert dx.describe_connections()["connections"] == []
        assert dx.describe_lags()["lags"] == []
        assert dx.describe_virtual_interfaces()["virtualInterfaces"] == []
    assert client(server.url, mine).describe_direct_connect_gateways()["directConnectGateways"] == []
    assert admin(server.url, mine).call("GET", "settings")["settings"] == {}
    assert admin(server.url, mine).call("GET", "world") == {"virtualGateways": [], "transitGateways": []}
    # The account starts again from nothing: a VLAN it held is free, quotas are whole.
    dx = client(server.url, mine)
    connection_id = dx.create_connection(location="EqDC2", bandwidth="1Gbps", connectionName="c")["connectionId"]
    assert dx.create_private_virtual_interface(connectionId=connection_id, newPrivateVirtualInterface={
        "virtualInterfaceName": "v", "vlan": 101, "asn": 65000, "virtualGatewayId": "vgw-0a1b2c3d"})


def test_reset_of_an_empty_account_removes_only_the_record_its_own_request_made(server: RunningServer) -> None:
    answer = admin(server.url, new_account()).call("POST", "reset")
    assert answer["removed"] == {"settings": 1} and answer["regions"] == ["us-east-1"]


def test_state_of_a_region_that_is_no_region_is_refused(server: RunningServer) -> None:
    with pytest.raises(AdminError) as caught:
        admin(server.url, new_account()).call("GET", "state?region=moon-base-9x")
    assert (caught.value.status, caught.value.code, caught.value.message) == (
        400, "DirectConnectClientException", "region 'moon-base-9x' is not a region name, such as eu-west-1")


def test_state_shows_the_account_with_its_secrets_masked(server: RunningServer) -> None:
    mine = new_account()
    ids = _world(server.url, mine)
    state = admin(server.url, mine).call("GET", "state")
    text = json.dumps(state)
    assert ids["authKey"] not in text  # not in authKey, the peers' keys, nor the router configuration
    assert state["account"] == mine and sorted(state["regions"]) == sorted(REGIONS)
    east = state["regions"]["us-east-1"]
    vif = next(v for v in east["virtualInterfaces"] if v["virtualInterfaceId"] == ids["vif"])
    assert vif["authKey"] == "****" and {p["authKey"] for p in vif["bgpPeers"]} == {"****"}
    assert "<bgp_auth_key>****</bgp_auth_key>" in vif["customerRouterConfig"]
    assert sorted(p["addressFamily"] for p in vif["bgpPeers"]) == ["ipv4", "ipv6"]
    assert [t["status"] for t in east["failoverTests"]] == ["in progress"]
    lag = east["lags"][0]
    assert lag["lagId"] == ids["lag-us-east-1"]
    members = [c["connectionId"] for c in lag["connections"]]
    assert sorted(c["connectionId"] for c in east["connections"]) == sorted([ids["connection-us-east-1"], *members])
    assert [lag["lagId"] for lag in state["regions"]["eu-west-1"]["lags"]] == [ids["lag-eu-west-1"]]
    assert len(state["directConnectGateways"]) == 1 and len(state["directConnectGatewayAssociations"]) == 1
    assert state["settings"] == {"delays": {"bgpUp": 0}}
    assert state["world"]["virtualGateways"][0]["virtualGatewayId"] == "vgw-0a1b2c3d"
    only = admin(server.url, mine).call("GET", "state?region=eu-west-1")
    assert list(only["regions"]) == ["eu-west-1"]
    # Another account sees only its own.
    assert admin(server.url, new_account()).call("GET", "state")["regions"]["us-east-1"]["connections"] == []

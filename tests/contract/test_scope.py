"""Account and region come from the SigV4 credential scope; nobody sees or changes another's resources."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.errors import expect_error
from tests.support.raw import json_call
from tests.support.server import RunningServer, client
from tests.support.world import connection, private_vif, stable

CLIENT = "DirectConnectClientException"


@pytest.fixture(params=["other account", "other region"])
def stranger(request: pytest.FixtureRequest, make_client: Any, account: str) -> Any:
    if request.param == "other account":
        return make_client()
    return make_client(account=account, region="ap-southeast-2")


def test_resources_of_another_scope_are_invisible(dx: Any, stranger: Any) -> None:
    conn = connection(dx)
    vif = private_vif(dx, conn["connectionId"])
    conn_id, vif_id = conn["connectionId"], vif["virtualInterfaceId"]
    assert stranger.describe_connections()["connections"] == []
    assert stranger.describe_virtual_interfaces()["virtualInterfaces"] == []
    expect_error(stranger.describe_connections, CLIENT, f"Could not find Connection with ID {conn_id}",
                 connectionId=conn_id)
    # By id, an unknown VIF is an empty list (Terraform's finder takes only that for "gone").
    assert stranger.describe_virtual_interfaces(virtualInterfaceId=vif_id)["virtualInterfaces"] == []
    expect_error(stranger.describe_virtual_interfaces, CLIENT, f"Could not find Connection with ID {conn_id}",
                 connectionId=conn_id)


def test_resources_of_another_scope_cannot_be_changed(dx: Any, stranger: Any) -> None:
    conn = connection(dx)
    vif = private_vif(dx, conn["connectionId"])
    vif_id = vif["virtualInterfaceId"]
    expect_error(stranger.create_bgp_peer, CLIENT, f"Virtual interface {vif_id} does not exist",
                 virtualInterfaceId=vif_id, newBGPPeer={"asn": 65000, "addressFamily": "ipv6"})
    expect_error(private_vif, CLIENT, f"Could not find Connection with ID {conn['connectionId']}",
                 dx=stranger, connection_id=conn["connectionId"], vlan=102)
    [unchanged] = dx.describe_virtual_interfaces(connectionId=conn["connectionId"])["virtualInterfaces"]
    assert len(unchanged["bgpPeers"]) == 1


def test_a_key_that_is_not_an_account_id_means_the_default_account(server: RunningServer, protocol: str) -> None:
    dx = client(server.url, account="AKIAIOSFODNN7EXAMPLE", region="eu-central-1", protocol=protocol)
    conn = connection(dx)
    assert (conn["ownerAccount"], conn["region"]) == ("123456789012", "eu-central-1")


def snapshot(dx: Any) -> Any:
    return stable({"connections": dx.describe_connections()["connections"], "lags": dx.describe_lags()["lags"],
                   "vifs": dx.describe_virtual_interfaces()["virtualInterfaces"]})


def test_no_operation_reaches_another_scope(dx: Any, account: str, stranger: Any) -> None:
    """Every operation, aimed by a stranger at this account's resources, finds nothing and changes nothing."""
    conn = connection(dx, tags=[{"key": "k", "value": "v"}])
    conn_id = conn["connectionId"]
    lag = dx.create_lag(numberOfConnections=1, location="EqDC2", connectionsBandwidth="10Gbps", lagName="l")
    lag_id = lag["lagId"]
    vif = private_vif(dx, conn_id)
    vif_id = vif["virtualInterfaceId"]
    peer_id = vif["bgpPeers"][0]["bgpPeerId"]
    vif_arn = f"arn:aws:directconnect:us-east-1:{account}:dxvif/{vif_id}"
    before = snapshot(dx)
    no_conn = f"Could not find Connection with ID {conn_id}"
    no_lag = f"Could not find Lag with ID {lag_id}"
    no_vif = f"Virtual interface {vif_id} does not exist"
    attempts: list[tuple[Any, str, dict[str, Any]]] = [
        (stranger.describe_connections, no_conn, {"connectionId": conn_id}),
        (stranger.delete_connection, no_conn, {"connectionId": conn_id}),
        (stranger.create_connection, no_lag, {"location": "EqDC2", "bandwidth": "10Gbps", "connectionName": "x",
                                              "lagId": lag_id}),
        (stranger.describe_lags, no_lag, {"lagId": lag_id}),
        (stranger.delete_lag, no_lag, {"lagId": lag_id}),
        (stranger.create_private_virtual_interface, no_lag, {"connectionId": lag_id, "newPrivateVirtualInterface": {
            "virtualInterfaceName": "x", "vlan": 7, "asn": 65000, "virtualGatewayId": "vgw-1"}}),
        (stranger.create_public_virtual_interface, no_conn, {"connectionId": conn_id, "newPublicVirtualInterface": {
            "virtualInterfaceName": "x", "vlan": 8, "asn": 65000, "amazonAddress": "203.0.113.1/30",
            "customerAddress": "203.0.113.2/30", "routeFilterPrefixes": [{"cidr": "203.0.113.0/24"}]}}),
        (stranger.create_transit_virtual_interface, no_conn, {"connectionId": conn_id, "newTransitVirtualInterface": {
            "virtualInterfaceName": "x", "vlan": 9, "asn": 65000, "directConnectGatewayId": "g"}}),
        (stranger.describe_virtual_interfaces, no_lag, {"connectionId": lag_id}),
        (stranger.delete_virtual_interface, no_vif, {"virtualInterfaceId": vif_id}),
        (stranger.update_virtual_interface_attributes, no_vif, {"virtualInterfaceId": vif_id, "mtu": 9001}),
        (stranger.create_bgp_peer, no_vif, {"virtualInterfaceId": vif_id,
                                            "newBGPPeer": {"asn": 65000, "addressFamily": "ipv6"}}),
        (stranger.delete_bgp_peer, no_vif, {"virtualInterfaceId": vif_id, "bgpPeerId": peer_id}),
        (stranger.delete_bgp_peer, f"BGP peer {peer_id} does not exist", {"bgpPeerId": peer_id}),
        (stranger.tag_resource, f"Resource {vif_arn} does not exist", {"resourceArn": vif_arn,
                                                                       "tags": [{"key": "a", "value": "b"}]}),
        (stranger.untag_resource, f"Resource {vif_arn} does not exist", {"resourceArn": vif_arn, "tagKeys": ["k"]}),
        (stranger.describe_tags, f"Resource {vif_arn} does not exist", {"resourceArns": [vif_arn]}),
    ]
    for call, message, params in attempts:
        expect_error(call, CLIENT, message, **params)
    assert stranger.describe_virtual_interfaces(virtualInterfaceId=vif_id)["virtualInterfaces"] == []
    assert snapshot(dx) == before


@pytest.mark.parametrize("region", ["x" * 3000, "eu-west-1;drop", "EU-WEST-1"])
def test_a_credential_scope_that_names_no_region_is_refused(server: RunningServer, region: str) -> None:
    # Before, a 3,000-character region went into the partition key and DynamoDB answered a 500.
    response = json_call(server.url, "OvertureService.DescribeConnections", b"{}", region=region)
    assert response.status == 403
    assert response.json() == {"__type": "InvalidSignatureException",
                               "message": "Credential should be scoped to a valid region."}
    assert response.headers["x-amzn-errortype"] == "InvalidSignatureException"

"""Smithy RPC v2 CBOR on the wire: paths, headers, bodies and error shapes, as raw HTTP sees them."""

from __future__ import annotations

from typing import Any

import cbor2
import pytest

from tests.support.raw import RawResponse, post
from tests.support.server import RunningServer

NAMESPACE = "com.amazonaws.directconnect#"


def cbor_call(url: str, operation: str, body: Any = None, *, service: str = "OvertureService", prefix: str = "",
              headers: dict[str, str] | None = None, raw: bytes | None = None,
              account: str = "123456789012") -> RawResponse:
    sent = {
        "Smithy-Protocol": "rpc-v2-cbor",
        "Content-Type": "application/cbor",
        "Accept": "application/cbor",
        "Authorization": f"AWS4-HMAC-SHA256 Credential={account}/20261125/us-east-1/directconnect/aws4_request, "
                         "SignedHeaders=host, Signature=0",
    }
    sent.update(headers or {})
    data = raw if raw is not None else (b"" if body is None else cbor2.dumps(body))
    path = f"{prefix}/service/{service}/operation/{operation}"
    return post(url, data, {k: v for k, v in sent.items() if v}, path=path)


def decoded(response: RawResponse) -> Any:
    assert response.headers["smithy-protocol"] == "rpc-v2-cbor"
    assert response.headers["content-type"] == "application/cbor"
    assert response.headers["x-amzn-requestid"]
    return cbor2.loads(response.body)


def assert_error(response: RawResponse, code: str, message: str, status: int = 400) -> None:
    assert response.status == status
    assert decoded(response) == {"__type": NAMESPACE + code, "message": message}


@pytest.mark.parametrize("prefix", ["", "/prod", "/a/b/c"])
@pytest.mark.parametrize("service", ["OvertureService", "com.amazonaws.directconnect.OvertureService"])
def test_paths_that_reach_the_operation(server: RunningServer, account: str, prefix: str, service: str) -> None:
    response = cbor_call(server.url, "DescribeConnections", {}, service=service, prefix=prefix, account=account)
    assert response.status == 200
    assert decoded(response) == {"connections": []}


def test_an_empty_body_is_an_empty_request(server: RunningServer, account: str) -> None:
    response = cbor_call(server.url, "DescribeConnections", account=account)
    assert (response.status, decoded(response)) == (200, {"connections": []})


def test_output_values_are_typed_and_null_members_omitted(server: RunningServer, account: str) -> None:
    conn = decoded(cbor_call(server.url, "CreateConnection", {"location": "EqDC2", "bandwidth": "1Gbps",
                                                               "connectionName": "c"}, account=account))
    vif = decoded(cbor_call(server.url, "CreatePrivateVirtualInterface", {
        "connectionId": conn["connectionId"],
        "newPrivateVirtualInterface": {"virtualInterfaceName": "v", "vlan": 7, "asn": 65000, "mtu": 9001,
                                       "virtualGatewayId": "vgw-1"}}, account=account))
    assert type(vif["vlan"]) is int
    assert type(vif["asnLong"]) is int
    assert vif["jumboFrameCapable"] is True
    assert isinstance(vif["bgpPeers"], list)
    assert "directConnectGatewayId" not in vif
    assert None not in vif.values()


@pytest.mark.parametrize(("headers", "message"), [
    ({"X-Amz-Target": "OvertureService.DescribeConnections"},
     "A Smithy RPC v2 CBOR request must not carry an X-Amz-Target header"),
    ({"Smithy-Protocol": ""}, "A request on this path needs the header Smithy-Protocol: rpc-v2-cbor"),
    ({"Smithy-Protocol": "rpc-v2-json"}, "A request on this path needs the header Smithy-Protocol: rpc-v2-cbor"),
])
def test_header_refusals(server: RunningServer, headers: dict[str, str], message: str) -> None:
    assert_error(cbor_call(server.url, "DescribeConnections", {}, headers=headers), "SerializationException", message)


@pytest.mark.parametrize(("raw", "message"), [
    (b"\xff\xff\xff", "The request body is not valid CBOR"),
    (b"\xa1", "The request body is not valid CBOR"),  # a map that never arrives
    (cbor2.dumps([1, 2]), "The request body must be a CBOR map"),
    (cbor2.dumps("text"), "The request body must be a CBOR map"),
])
def test_bodies_that_are_not_cbor_maps(server: RunningServer, raw: bytes, message: str) -> None:
    assert_error(cbor_call(server.url, "CreateBGPPeer", raw=raw), "SerializationException", message)


@pytest.mark.parametrize(("peer", "message"), [
    ({"asn": "65000", "addressFamily": "ipv6"}, "newBGPPeer.asn must be an integer"),
    ({"asn": 65000.5, "addressFamily": "ipv6"}, "newBGPPeer.asn must be an integer"),
    ({"asn": 65000, "addressFamily": b"ipv6"}, "newBGPPeer.addressFamily must be a string"),
    ("ipv6", "newBGPPeer must be an object"),
])
def test_wrong_member_types(server: RunningServer, peer: Any, message: str) -> None:
    body = {"virtualInterfaceId": "dxvif-00000000", "newBGPPeer": peer}
    assert_error(cbor_call(server.url, "CreateBGPPeer", body), "SerializationException", message)


def test_unknown_service_and_operation(server: RunningServer) -> None:
    assert_error(cbor_call(server.url, "DescribeConnections", {}, service="AmazonEC2"), "UnknownOperationException",
                 "Unknown service AmazonEC2: expected OvertureService")
    assert_error(cbor_call(server.url, "LaunchRocket", {}), "UnknownOperationException",
                 "Operation LaunchRocket is not served by this endpoint")


def test_client_errors_are_namespaced_shape_ids(server: RunningServer) -> None:
    body = {"virtualInterfaceId": "dxvif-00000000", "newBGPPeer": {"asn": 65000, "addressFamily": "ipv6"}}
    assert_error(cbor_call(server.url, "CreateBGPPeer", body), "DirectConnectClientException",
                 "Virtual interface dxvif-00000000 does not exist")

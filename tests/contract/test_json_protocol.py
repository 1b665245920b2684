"""AWS JSON 1.1 on the wire: targets, bodies, error shapes and headers, as raw HTTP sees them."""

from __future__ import annotations

import json

import pytest

from tests.support.raw import RawResponse, json_call, post
from tests.support.server import RunningServer

TARGET = "OvertureService."


def assert_error(response: RawResponse, code: str, message: str, status: int = 400) -> None:
    assert response.status == status
    assert response.headers["content-type"] == "application/x-amz-json-1.1"
    assert response.headers["x-amzn-errortype"] == code
    assert response.headers["x-amzn-requestid"]
    assert response.json() == {"__type": code, "message": message}


def test_success_headers_and_body(server: RunningServer, account: str) -> None:
    response = json_call(server.url, TARGET + "DescribeConnections", b"{}", account)
    assert response.status == 200
    assert response.headers["content-type"] == "application/x-amz-json-1.1"
    assert response.headers["x-amzn-requestid"]
    assert response.json() == {"connections": []}


def test_an_empty_body_is_an_empty_request(server: RunningServer, account: str) -> None:
    response = json_call(server.url, TARGET + "DescribeConnections", b"", account)
    assert (response.status, response.json()) == (200, {"connections": []})


def test_scope_comes_from_the_credential_scope(server: RunningServer, account: str) -> None:
    body = json.dumps({"location": "EqLD5", "bandwidth": "1Gbps", "connectionName": "c"}).encode()
    created = json_call(server.url, TARGET + "CreateConnection", body, account, region="eu-west-2").json()
    assert (created["ownerAccount"], created["region"]) == (account, "eu-west-2")


@pytest.mark.parametrize(("target", "message"), [
    (None, "Missing X-Amz-Target header: expected OvertureService.<Operation>"),
    ("DirectConnect.CreateBGPPeer", "Unknown target DirectConnect.CreateBGPPeer: expected OvertureService.<Operation>"),
    ("OvertureService.LaunchRocket", "Operation LaunchRocket is not served by this endpoint"),
])
def test_unknown_operations(server: RunningServer, target: str | None, message: str) -> None:
    assert_error(json_call(server.url, target, b"{}"), "UnknownOperationException", message)


@pytest.mark.parametrize(("body", "message"), [
    (b"{not json", "The request body is not valid JSON"),
    (b"\xff\xfe", "The request body is not valid JSON"),
    (b"[1, 2]", "The request body must be a JSON object"),
    (b'"text"', "The request body must be a JSON object"),
    (b"[" * 60_000 + b"]" * 60_000, "The request body is not valid JSON"),  # nested past any parser's depth
])
def test_bodies_that_are_not_json_objects(server: RunningServer, body: bytes, message: str) -> None:
    assert_error(json_call(server.url, TARGET + "CreateBGPPeer", body), "SerializationException", message)


def test_a_body_over_the_limit(server: RunningServer) -> None:
    response = json_call(server.url, TARGET + "CreateConnection", b"{" + b" " * 140_000 + b"}")
    assert_error(response, "RequestEntityTooLargeException",
                 "The request body is 140002 bytes; the limit is 131072", status=413)


def test_a_structure_member_that_is_not_an_object(server: RunningServer) -> None:
    body = json.dumps({"virtualInterfaceId": "dxvif-00000000", "newBGPPeer": "ipv6"}).encode()
    assert_error(json_call(server.url, TARGET + "CreateBGPPeer", body), "SerializationException",
                 "newBGPPeer must be an object")


def test_a_list_member_that_is_not_a_list(server: RunningServer) -> None:
    body = json.dumps({"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "c", "tags": {"k": "v"}}).encode()
    assert_error(json_call(server.url, TARGET + "CreateConnection", body), "SerializationException",
                 "tags must be a list")


def test_other_methods(server: RunningServer) -> None:
    response = post(server.url, b"", {}, path="/", method="GET")
    assert_error(response, "UnknownOperationException",
                 "Direct Connect requests are POST / with an X-Amz-Target header (JSON 1.1) or "
                 "POST /service/OvertureService/operation/<Operation> (Smithy RPC v2 CBOR)")


def test_json_behind_a_path_prefix(server: RunningServer, account: str) -> None:
    headers = {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET + "DescribeConnections",
               "Authorization": f"AWS4-HMAC-SHA256 Credential={account}/20261125/us-east-1/directconnect/aws4_request"}
    assert post(server.url, b"{}", headers, path="/prod/").json() == {"connections": []}
    assert_error(post(server.url, b"{}", {"Content-Type": "application/x-amz-json-1.1"}, path="/prod/"),
                 "UnknownOperationException", "Missing X-Amz-Target header: expected OvertureService.<Operation>")

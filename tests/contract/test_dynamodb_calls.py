"""The Lambda handler in-process, on DynamoDB Local: the DynamoDB calls each operation costs.

The happy path of CreateBGPPeer must be one consistent read and one conditional write.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import botocore.client
import pytest

from dx_emulator.local.events import http_api_event
from dx_emulator.local.server import InvocationContext
from dx_emulator.store import items
from dx_emulator.store.schema import ensure_table
from tests.support.server import new_account

pytestmark = pytest.mark.dynamodb_local

Invoke = Callable[[str, dict[str, Any]], dict[str, Any]]


@pytest.fixture(scope="module")
def handler(dynamodb_local: str) -> Iterator[Callable[[dict[str, Any], Any], dict[str, Any]]]:
    from dx_emulator.handler import lambda_handler

    with pytest.MonkeyPatch.context() as patch:
        # DynamoDB Local takes any credentials; botocore needs some to sign with.
        patch.setenv("AWS_ACCESS_KEY_ID", "local")
        patch.setenv("AWS_SECRET_ACCESS_KEY", "local")
        items.configure(f"dx-calls-{uuid.uuid4().hex[:8]}", dynamodb_local, "us-east-1")
        ensure_table()
        yield lambda_handler
        items.configure("dx-emulator", None, "us-east-1")


@pytest.fixture
def dynamodb_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    original = botocore.client.BaseClient._make_api_call

    def counting(client: Any, operation: str, params: dict[str, Any]) -> Any:
        if client.meta.service_model.service_name == "dynamodb":
            calls.append(operation)
        return original(client, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", counting)
    return calls


@pytest.fixture
def invoke(handler: Callable[[dict[str, Any], Any], dict[str, Any]]) -> Invoke:
    account = new_account()

    def call(operation: str, params: dict[str, Any]) -> dict[str, Any]:
        headers = [
            ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Target", f"OvertureService.{operation}"),
            ("Authorization", f"AWS4-HMAC-SHA256 Credential={account}/20261125/us-east-1/directconnect/aws4_request"),
        ]
        response = handler(http_api_event("POST", "/", headers, json.dumps(params).encode()), InvocationContext())
        assert response["statusCode"] == 200, response
        result: dict[str, Any] = json.loads(response["body"])
        return result

    return call


def test_calls_per_operation(invoke: Invoke, dynamodb_calls: list[str]) -> None:
    def cost(operation: str, params: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        dynamodb_calls.clear()
        result = invoke(operation, params)
        return result, list(dynamodb_calls)

    conn, calls = cost("CreateConnection", {"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "c"})
    assert calls == ["PutItem"]
    new_vif = {"virtualInterfaceName": "v", "vlan": 10, "asn": 65000, "virtualGatewayId": "vgw-1"}
    vif, calls = cost("CreatePrivateVirtualInterface",
                      {"connectionId": conn["connectionId"], "newPrivateVirtualInterface": new_vif})
    assert calls == ["GetItem", "TransactWriteItems"]
    _, calls = cost("CreateBGPPeer", {"virtualInterfaceId": vif["virtualInterfaceId"],
                                      "newBGPPeer": {"asn": 65000, "addressFamily": "ipv6"}})
    assert calls == ["GetItem", "PutItem"]
    _, calls = cost("DescribeVirtualInterfaces", {"virtualInterfaceId": vif["virtualInterfaceId"]})
    assert calls == ["GetItem"]
    _, calls = cost("DescribeVirtualInterfaces", {"connectionId": conn["connectionId"]})
    assert calls == ["GetItem", "Query"]
    _, calls = cost("DescribeConnections", {})
    assert calls == ["Query"]
    arn = f"arn:aws:directconnect:us-east-1:{vif['ownerAccount']}:dxvif/{vif['virtualInterfaceId']}"
    _, calls = cost("TagResource", {"resourceArn": arn, "tags": [{"key": "k", "value": "v"}]})
    assert calls == ["GetItem", "PutItem"]
    _, calls = cost("UpdateVirtualInterfaceAttributes", {"virtualInterfaceId": vif["virtualInterfaceId"], "mtu": 9001})
    assert calls == ["GetItem", "PutItem"]


def test_calls_of_deletes(invoke: Invoke, dynamodb_calls: list[str]) -> None:
    def cost(operation: str, params: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        dynamodb_calls.clear()
        result = invoke(operation, params)
        return result, list(dynamodb_calls)

    lag, calls = cost("CreateLag", {"numberOfConnections": 2, "location": "EqDC2", "connectionsBandwidth": "1Gbps",
                                    "lagName": "l"})
    assert calls == ["TransactWriteItems"]
    new_vif = {"virtualInterfaceName": "v", "vlan": 10, "asn": 65000, "virtualGatewayId": "vgw-1"}
    vif = invoke("CreatePrivateVirtualInterface", {"connectionId": lag["lagId"], "newPrivateVirtualInterface": new_vif})
    vif_id = vif["virtualInterfaceId"]
    new_peer = {"asn": 65001, "addressFamily": "ipv6"}
    peers = invoke("CreateBGPPeer", {"virtualInterfaceId": vif_id, "newBGPPeer": new_peer})
    ipv6 = peers["virtualInterface"]["bgpPeers"][1]
    _, calls = cost("DeleteBGPPeer", {"virtualInterfaceId": vif_id, "asn": 65001,
                                      "customerAddress": ipv6["customerAddress"]})
    assert calls == ["GetItem", "PutItem"]
    _, calls = cost("DeleteVirtualInterface", {"virtualInterfaceId": vif_id})
    assert calls == ["GetItem", "TransactWriteItems"]  # the VIF, and its slot freed on the LAG without a read
    member = lag["connections"][0]["connectionId"]
    _, calls = cost("DeleteConnection", {"connectionId": member})
    assert calls == ["GetItem", "TransactWriteItems"]  # the connection, and detached from its LAG
    _, calls = cost("DescribeLags", {"lagId": lag["lagId"]})
    assert calls == ["GetItem", "BatchGetItem"]

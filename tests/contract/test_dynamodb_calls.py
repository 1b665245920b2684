"""The Lambda handler in-process, on DynamoDB Local: the DynamoDB calls each operation costs.

Every request first reads its account's record (settings apply from the next request; operations/
accounts.py): ``RECORD``, or ``PAIR`` when the request names the resource it acts on, read in the
same BatchGetItem. The happy path of CreateBGPPeer is then that one read and one conditional write.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.support.inprocess import Harness, harness
from tests.support.server import new_account

pytestmark = pytest.mark.dynamodb_local

Invoke = Callable[[str, dict[str, Any]], dict[str, Any]]
RECORD = ["GetItem"]  # the account's record, read by every request
# The record and the resource the request names, in one round trip (operations/prefetch.py).
PAIR = ["BatchGetItem"]


@pytest.fixture(scope="module")
def local(dynamodb_local: str) -> Iterator[Harness]:
    with harness(dynamodb_local, table=f"dx-calls-{uuid.uuid4().hex[:8]}") as h:
        yield h


@pytest.fixture
def dynamodb_calls(local: Harness) -> list[str]:
    return local.calls


@pytest.fixture
def invoke(local: Harness) -> Invoke:
    account = new_account()

    def call(operation: str, params: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = local.call(operation, params, account=account)
        return result

    # The account's first request writes its record (regions, activity): a one-off, made here.
    local.calls.clear()
    call("DescribeConnections", {})
    assert local.calls == ["GetItem", "PutItem", "Query"]
    return call


def test_calls_per_operation(invoke: Invoke, dynamodb_calls: list[str]) -> None:
    def cost(operation: str, params: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        dynamodb_calls.clear()
        result = invoke(operation, params)
        return result, list(dynamodb_calls)

    conn, calls = cost("CreateConnection", {"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "c"})
    assert calls == [*RECORD, "PutItem"]
    new_vif = {"virtualInterfaceName": "v", "vlan": 10, "asn": 65000, "virtualGatewayId": "vgw-1"}
    vif, calls = cost("CreatePrivateVirtualInterface",
                      {"connectionId": conn["connectionId"], "newPrivateVirtualInterface": new_vif})
    # The record and the connection (one BatchGetItem), the account's declared world (the VGW must be its
    # own, in this region), then the write.
    assert calls == [*PAIR, "GetItem", "TransactWriteItems"]
    _, calls = cost("CreateBGPPeer", {"virtualInterfaceId": vif["virtualInterfaceId"],
                                      "newBGPPeer": {"asn": 65000, "addressFamily": "ipv6"}})
    assert calls == [*PAIR, "PutItem"]
    _, calls = cost("DescribeVirtualInterfaces", {"virtualInterfaceId": vif["virtualInterfaceId"]})
    assert calls == [*PAIR]
    _, calls = cost("DescribeVirtualInterfaces", {"connectionId": conn["connectionId"]})
    # The by-parent index names the VIFs on it (keys only), then exactly those are read; the connection
    # is read only when there are none, to tell an unknown one.
    assert calls == [*RECORD, "Query", "BatchGetItem"]
    _, calls = cost("DescribeConnections", {})
    assert calls == [*RECORD, "Query"]
    arn = f"arn:aws:directconnect:us-east-1:{vif['ownerAccount']}:dxvif/{vif['virtualInterfaceId']}"
    _, calls = cost("TagResource", {"resourceArn": arn, "tags": [{"key": "k", "value": "v"}]})
    assert calls == [*RECORD, "GetItem", "PutItem"]
    _, calls = cost("UpdateVirtualInterfaceAttributes", {"virtualInterfaceId": vif["virtualInterfaceId"], "mtu": 9001})
    assert calls == [*PAIR, "PutItem"]


def test_calls_of_deletes(invoke: Invoke, dynamodb_calls: list[str]) -> None:
    def cost(operation: str, params: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        dynamodb_calls.clear()
        result = invoke(operation, params)
        return result, list(dynamodb_calls)

    lag, calls = cost("CreateLag", {"numberOfConnections": 2, "location": "EqDC2", "connectionsBandwidth": "1Gbps",
                                    "lagName": "l"})
    assert calls == [*RECORD, "TransactWriteItems"]
    new_vif = {"virtualInterfaceName": "v", "vlan": 10, "asn": 65000, "virtualGatewayId": "vgw-1"}
    vif = invoke("CreatePrivateVirtualInterface", {"connectionId": lag["lagId"], "newPrivateVirtualInterface": new_vif})
    vif_id = vif["virtualInterfaceId"]
    new_peer = {"asn": 65001, "addressFamily": "ipv6"}
    peers = invoke("CreateBGPPeer", {"virtualInterfaceId": vif_id, "newBGPPeer": new_peer})
    ipv6 = peers["virtualInterface"]["bgpPeers"][1]
    _, calls = cost("DeleteBGPPeer", {"virtualInterfaceId": vif_id, "asn": 65001,
                                      "customerAddress": ipv6["customerAddress"]})
    assert calls == [*PAIR, "PutItem"]
    again = invoke("CreateBGPPeer", {"virtualInterfaceId": vif_id,
                                     "newBGPPeer": {"asn": 65002, "addressFamily": "ipv6"}})
    peer_id = again["virtualInterface"]["bgpPeers"][-1]["bgpPeerId"]
    assert peer_id[7:11] == vif_id[6:10]  # a peer's id begins as its VIF's does
    _, calls = cost("DeleteBGPPeer", {"bgpPeerId": peer_id})
    assert calls == [*RECORD, "Query", "PutItem"]  # the VIFs whose ids begin so (a key range), then the write
    _, calls = cost("DeleteVirtualInterface", {"virtualInterfaceId": vif_id})
    assert calls == [*PAIR, "TransactWriteItems"]  # the VIF, and its slot freed on the LAG without a read
    member = lag["connections"][0]["connectionId"]
    _, calls = cost("DeleteConnection", {"connectionId": member})
    # The connection, its LAG (which holds its VIFs' slots), then both written: deleted, and left.
    assert calls == [*PAIR, "GetItem", "TransactWriteItems"]
    _, calls = cost("DescribeLags", {"lagId": lag["lagId"]})
    assert calls == [*PAIR, "BatchGetItem"]


def test_calls_of_failover_tests_and_their_history(invoke: Invoke, dynamodb_calls: list[str]) -> None:
    def cost(operation: str, params: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        dynamodb_calls.clear()
        result = invoke(operation, params)
        return result, list(dynamodb_calls)

    conn = invoke("CreateConnection", {"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "c"})
    new_vif = {"virtualInterfaceName": "v", "vlan": 10, "asn": 65000, "virtualGatewayId": "vgw-1"}
    vif_id = invoke("CreatePrivateVirtualInterface", {"connectionId": conn["connectionId"],
                                                      "newPrivateVirtualInterface": new_vif})["virtualInterfaceId"]
    started, calls = cost("StartBgpFailoverTest", {"virtualInterfaceId": vif_id})
    assert calls == [*PAIR, "TransactWriteItems"]  # the VIF and the test's record, together
    test_id = started["virtualInterfaceTest"]["testId"]
    _, calls = cost("StopBgpFailoverTest", {"virtualInterfaceId": vif_id})
    assert calls == [*PAIR, "PutItem"]  # the record names the test; what it says is the VIF's
    _, calls = cost("ListVirtualInterfaceTestHistory", {})
    assert calls == [*RECORD, "Query", "BatchGetItem"]  # the page's records, then the VIFs they name
    _, calls = cost("ListVirtualInterfaceTestHistory", {"testId": test_id})
    assert calls == [*RECORD, "GetItem"]  # the VIF the test id names
    history, calls = cost("ListVirtualInterfaceTestHistory", {"virtualInterfaceId": vif_id})
    assert calls == PAIR  # the record and the VIF in one round trip
    assert [test["testId"] for test in history["virtualInterfaceTestHistory"]] == [test_id]
    _, calls = cost("DeleteVirtualInterface", {"virtualInterfaceId": vif_id})
    assert calls == [*PAIR, "TransactWriteItems"]  # its slot freed and its test's record set to expire with it

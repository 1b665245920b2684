"""The same operations in an account that holds 0, 1,000 and 10,000 other resources: every lookup by
id or by parent, and a page of a full listing, must cost the same whatever the account holds. Also
what each costs in DynamoDB request units, and so what 1,000 of them cost on the hosted endpoint.

The other resources are written straight into the table (copies of a VIF and a connection the API
made, under new ids) so that 10,000 of them take seconds, not minutes; the measured calls go
through the handler."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

import boto3
import botocore.client
from tests.support.inprocess import Harness

from .common import Timing, new_connection, new_vif

# On-demand prices in us-east-1 (aws.amazon.com/dynamodb/pricing/on-demand/, since November 2024):
# a write request unit $0.625 per million, a read request unit $0.125 per million.
PRICE_PER_WRU, PRICE_PER_RRU = 0.625e-6, 0.125e-6
READS = frozenset({"GetItem", "BatchGetItem", "Query"})
CAPACITY = READS | {"PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems"}
ON_PARENT = 50  # VIFs on the measured connection


@contextlib.contextmanager
def capacity() -> Iterator[dict[str, float]]:
    """Request units consumed by the DynamoDB calls inside the block, as DynamoDB reports them
    (transactional writes counted twice, as AWS bills them; DynamoDB Local reports them once)."""
    used = {"read": 0.0, "write": 0.0}
    original = botocore.client.BaseClient._make_api_call

    def counting(client: Any, operation: str, params: dict[str, Any]) -> Any:
        if client.meta.service_model.service_name != "dynamodb" or operation not in CAPACITY:
            return original(client, operation, params)
        answer = original(client, operation, {**params, "ReturnConsumedCapacity": "TOTAL"})
        reported = answer.get("ConsumedCapacity") or []
        units = sum(entry.get("CapacityUnits", 0.0) for entry in (reported if isinstance(reported, list)
                                                                   else [reported]))
        if operation in READS:
            used["read"] += units
        else:
            used["write"] += units * (2 if operation == "TransactWriteItems" else 1)
        return answer

    with mock.patch.object(botocore.client.BaseClient, "_make_api_call", counting):
        yield used


def _fill(dx: Harness, account: str, count: int) -> None:
    """``count`` more VIFs (50 to a connection) and a fifth as many connections in ``account``,
    copied from a pair the API made, straight into the table."""
    if count == 0:
        return
    # The harness's own credentials: DynamoDB Local keeps a database per access key.
    table = boto3.client("dynamodb", endpoint_url=dx.endpoint, region_name="us-east-1")
    template_account = f"7{uuid.uuid4().int % 10**11:011d}"
    conn = new_connection(dx, template_account)
    vif = new_vif(dx, conn, 4000, template_account)["virtualInterfaceId"]
    items = {sk: table.get_item(TableName=dx.table, Key={"pk": {"S": f"{template_account}#us-east-1"},
                                                         "sk": {"S": sk}}, ConsistentRead=True)["Item"]
             for sk in (conn, vif)}
    copies: list[dict[str, Any]] = []
    for number in range(count):
        parent = f"dxcon-f{number // 50:07d}"
        vif_id = f"dxvif-f{number:07d}"
        copies.append({**items[vif], "pk": {"S": f"{account}#us-east-1"}, "sk": {"S": vif_id},
                       "virtual_interface_id": {"S": vif_id}, "connection_id": {"S": parent},
                       "owner_account": {"S": account}})
    for number in range(count // 5):  # and a connection for every five of them: full pages at every size
        parent = f"dxcon-f{number:07d}"
        copies.append({**items[conn], "pk": {"S": f"{account}#us-east-1"}, "sk": {"S": parent},
                       "connection_id": {"S": parent}, "owner_account": {"S": account}, "vif_slots": {"M": {}}})
    for start in range(0, len(copies), 25):
        table.batch_write_item(RequestItems={dx.table: [{"PutRequest": {"Item": item}}
                                                        for item in copies[start:start + 25]]})


Measured = dict[str, dict[str, Any]]


def _measure(name: str, action: Callable[[], Any], dx: Harness, results: Measured, samples: int) -> None:
    timing = Timing()
    for _ in range(samples):
        timing.measure(action)
    with capacity() as used, dx.counting() as calls:
        action()
    results[name] = {"ms": timing.median, "calls": calls, "read": used["read"], "write": used["write"]}


def measure(dx: Harness, sizes: tuple[int, ...] = (0, 1000, 10000), samples: int = 15) -> dict[int, Measured]:
    """By account size (other VIFs), each operation's median ms, DynamoDB calls and request units.
    A first round warms DynamoDB Local's JVM up and is not kept."""
    _one_size(dx, 0, samples)
    return {size: _one_size(dx, size, samples) for size in sizes}


def _one_size(dx: Harness, size: int, samples: int) -> Measured:
    account = f"6{uuid.uuid4().int % 10**11:011d}"
    conn = new_connection(dx, account)
    vifs = [new_vif(dx, conn, vlan, account)["virtualInterfaceId"] for vlan in range(1, ON_PARENT + 1)]
    _fill(dx, account, size)
    measured: Measured = {}
    peers: list[str] = []

    def call(operation: str, params: dict[str, Any]) -> Any:
        return dx.call(operation, params, account=account)

    def create() -> None:
        peered = call("CreateBGPPeer", {"virtualInterfaceId": vifs[0], "newBGPPeer": {"asn": 65001,
                                                                                      "addressFamily": "ipv6"}})
        peers.append(peered["virtualInterface"]["bgpPeers"][-1]["bgpPeerId"])

    def delete() -> None:
        call("DeleteBGPPeer", {"bgpPeerId": peers.pop()})

    # Alternated, so every CreateBGPPeer meets a VIF with one peer and every delete one with two.
    timings = {"CreateBGPPeer": Timing(), "DeleteBGPPeer(bgpPeerId)": Timing()}
    for _ in range(samples):
        timings["CreateBGPPeer"].measure(create)
        timings["DeleteBGPPeer(bgpPeerId)"].measure(delete)
    for name, action in (("CreateBGPPeer", create), ("DeleteBGPPeer(bgpPeerId)", delete)):
        with capacity() as used, dx.counting() as calls:
            action()
        measured[name] = {"ms": timings[name].median, "calls": calls, **used}
    _measure("DescribeVirtualInterfaces(virtualInterfaceId)", lambda: call(
        "DescribeVirtualInterfaces", {"virtualInterfaceId": vifs[1]}), dx, measured, samples)
    _measure(f"DescribeVirtualInterfaces(connectionId), {ON_PARENT} VIFs", lambda: call(
        "DescribeVirtualInterfaces", {"connectionId": conn}), dx, measured, samples)
    _measure("DescribeConnections, a page of 100", lambda: call(
        "DescribeConnections", {"maxResults": 100}), dx, measured, samples)
    _measure("DescribeVirtualInterfaces, a page of 100", lambda: call(
        "DescribeVirtualInterfaces", {"maxResults": 100}), dx, measured, samples)
    # 101 failover tests on the measured VIFs (two on each, a third on one), all stopped: a full page
    # and a nextToken. The other VIFs have none, so the account's size is all that changes.
    for vif in [*vifs, *vifs, vifs[0]]:
        call("StartBgpFailoverTest", {"virtualInterfaceId": vif})
        call("StopBgpFailoverTest", {"virtualInterfaceId": vif})
    _measure("ListVirtualInterfaceTestHistory, a page of 100", lambda: call(
        "ListVirtualInterfaceTestHistory", {"maxResults": 100}), dx, measured, samples)
    return measured


def cost_per_thousand(row: dict[str, Any]) -> float:
    """Dollars for 1,000 such calls on the hosted endpoint's on-demand table."""
    return float(1000 * (row["read"] * PRICE_PER_RRU + row["write"] * PRICE_PER_WRU))

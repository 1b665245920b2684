"""DynamoDB requests per operation, and CreateBGPPeer through the handler against the raw calls it
stands for (one consistent BatchGetItem of the account's record and the VIF, then a conditional
PutItem of the VIF)."""

from __future__ import annotations

from functools import partial
from typing import Any

import boto3
from tests.support.inprocess import Harness

from .common import Timing, new_connection, new_vif

ACCOUNT = "202020202020"


def calls_per_operation(dx: Harness) -> list[tuple[str, list[str]]]:
    rows: list[tuple[str, list[str]]] = []

    def cost(name: str, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        with dx.counting() as calls:
            result: dict[str, Any] = dx.call(operation, params, account=ACCOUNT)
        rows.append((name, calls))
        return result

    # The account's first request writes its record (a one-off): the rows are every later request's.
    dx.call("DescribeConnections", {}, account=ACCOUNT)
    conn = cost("CreateConnection", "CreateConnection", {"location": "EqDC2", "bandwidth": "10Gbps",
                                                          "connectionName": "c"})
    lag = cost("CreateLag", "CreateLag", {"numberOfConnections": 2, "location": "EqDC2",
                                          "connectionsBandwidth": "10Gbps", "lagName": "l"})
    vif = cost("CreatePrivateVirtualInterface", "CreatePrivateVirtualInterface", {
        "connectionId": conn["connectionId"], "newPrivateVirtualInterface": {
            "virtualInterfaceName": "v", "vlan": 5, "asn": 65000, "virtualGatewayId": "vgw-1"}})
    vif_id = vif["virtualInterfaceId"]
    peered = cost("CreateBGPPeer", "CreateBGPPeer", {"virtualInterfaceId": vif_id,
                                                     "newBGPPeer": {"asn": 65001, "addressFamily": "ipv6"}})
    ipv6 = peered["virtualInterface"]["bgpPeers"][1]
    cost("UpdateVirtualInterfaceAttributes", "UpdateVirtualInterfaceAttributes", {"virtualInterfaceId": vif_id,
                                                                                  "mtu": 9001})
    arn = f"arn:aws:directconnect:us-east-1:{ACCOUNT}:dxvif/{vif_id}"
    cost("TagResource", "TagResource", {"resourceArn": arn, "tags": [{"key": "k", "value": "v"}]})
    cost("DeleteBGPPeer", "DeleteBGPPeer", {"virtualInterfaceId": vif_id, "asn": 65001,
                                            "customerAddress": ipv6["customerAddress"]})
    cost("DescribeVirtualInterfaces (by id)", "DescribeVirtualInterfaces", {"virtualInterfaceId": vif_id})
    cost("DescribeVirtualInterfaces (by connection)", "DescribeVirtualInterfaces",
         {"connectionId": conn["connectionId"]})
    cost("DeleteVirtualInterface", "DeleteVirtualInterface", {"virtualInterfaceId": vif_id})
    cost("DeleteConnection", "DeleteConnection", {"connectionId": conn["connectionId"]})
    cost("DeleteConnection (LAG member)", "DeleteConnection", {"connectionId": lag["connections"][0]["connectionId"]})
    cost("DescribeConnections", "DescribeConnections", {})
    return rows


def handler_against_raw(dx: Harness, endpoint: str, samples: int = 150) -> tuple[Timing, Timing]:
    vifs = []
    for start in range(0, samples, 50):  # at most 50 VIFs a connection (the quota)
        conn_id = new_connection(dx, ACCOUNT)
        vifs += [new_vif(dx, conn_id, vlan, ACCOUNT) for vlan in range(100, 100 + min(50, samples - start))]
    raw = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1")
    # The same items as raw copies under other keys: the raw side reads and conditionally rewrites
    # exactly what the handler reads and rewrites.
    copies = []
    for vif in vifs:
        key = {"pk": {"S": f"{ACCOUNT}#us-east-1"}, "sk": {"S": vif["virtualInterfaceId"]}}
        item = raw.get_item(TableName=dx.table, Key=key, ConsistentRead=True)["Item"]
        item["sk"] = {"S": "raw-" + vif["virtualInterfaceId"]}
        raw.put_item(TableName=dx.table, Item=item)
        copies.append(item)
    handler, direct = Timing(), Timing()

    record = {"pk": {"S": f"{ACCOUNT}#global"}, "sk": {"S": "account#account"}}

    def raw_calls(item: dict[str, Any]) -> None:
        key = {"pk": item["pk"], "sk": item["sk"]}
        pair = raw.batch_get_item(RequestItems={dx.table: {"Keys": [record, key], "ConsistentRead": True}})
        loaded = next(found for found in pair["Responses"][dx.table] if found["sk"] == item["sk"])
        version = loaded["version"]["N"]
        peer = loaded["bgp_peers"]["L"][0]
        updated = {**loaded, "version": {"N": str(int(version) + 1)},
                   "bgp_peers": {"L": [*loaded["bgp_peers"]["L"], peer]}}
        raw.put_item(TableName=dx.table, Item=updated, ConditionExpression="#v = :v",
                     ExpressionAttributeNames={"#v": "version"}, ExpressionAttributeValues={":v": {"N": version}})

    # Interleaved, so both sides meet DynamoDB Local (a JVM still warming up) in the same state.
    for vif, item in zip(vifs, copies, strict=True):
        request = {"virtualInterfaceId": vif["virtualInterfaceId"],
                   "newBGPPeer": {"asn": 65001, "addressFamily": "ipv6"}}
        handler.measure(partial(dx.call, "CreateBGPPeer", request, account=ACCOUNT))
        direct.measure(partial(raw_calls, item))
    return handler, direct

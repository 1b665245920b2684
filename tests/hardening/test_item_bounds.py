"""No client input can grow an item toward DynamoDB's 400 KB: the largest VIF a client can build
(every string at its bound, 1,000 route filter prefixes, 50 tags, peers churned past the deleted-peer
cap, 50 failover tests) still takes every write. Before the bounds, a 4,000-character location
stopped a VIF taking peers after 46 churns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from dx_emulator.domain.bgp_peers import MAX_DELETED_PEERS_KEPT
from dx_emulator.domain.failover import TESTS_KEPT
from dx_emulator.operations.inputs import MAX_STRING
from tests.conftest import dynamodb_local_endpoint
from tests.support.inprocess import Harness, harness

DYNAMODB_ITEM_LIMIT = 400 * 1024
ACCOUNT = "444455556666"


@pytest.fixture
def h() -> Iterator[Harness]:
    # DynamoDB Local enforces the real item limit; once is enough (the test takes ~20 s).
    with harness(dynamodb_local_endpoint(), table="dx-bounds", quiet=True) as recorder:
        yield recorder


def item_size(value: Any) -> int:
    """DynamoDB's measure, near enough: names and values in UTF-8 bytes."""
    if isinstance(value, dict):
        return sum(len(str(name).encode()) + item_size(member) for name, member in value.items())
    if isinstance(value, list):
        return sum(item_size(member) for member in value)
    return len(str(value).encode())


@pytest.mark.dynamodb_local
def test_the_largest_vif_a_client_can_build_still_takes_writes(h: Harness) -> None:
    longest = "x" * MAX_STRING
    conn = h.call("CreateConnection", {"location": longest, "bandwidth": "10Gbps", "connectionName": longest,
                                       "tags": [{"key": "dx-emulator:logical-redundancy", "value": "yes"}]},
                  account=ACCOUNT)
    tags = [{"key": f"{index:03d}" + "k" * 125, "value": "v" * 256} for index in range(50)]
    prefixes = [{"cidr": f"2001:db8:{index:x}:ffff:ffff:ffff:ffff:ff00/120"} for index in range(1000)]
    vif = h.call("CreatePublicVirtualInterface", {"connectionId": conn["connectionId"], "newPublicVirtualInterface": {
        "virtualInterfaceName": longest, "vlan": 1, "asn": 65000, "authKey": "k" * 80, "tags": tags,
        "amazonAddress": "203.0.113.1/30", "customerAddress": "203.0.113.2/30", "routeFilterPrefixes": prefixes}},
        account=ACCOUNT)
    vif_id = vif["virtualInterfaceId"]
    for _ in range(MAX_DELETED_PEERS_KEPT + 10):
        added = h.call("CreateBGPPeer", {"virtualInterfaceId": vif_id, "newBGPPeer": {
            "asn": 65001, "addressFamily": "ipv6", "authKey": "a" * 80}}, account=ACCOUNT)["virtualInterface"]
        peer = next(p for p in added["bgpPeers"] if p["addressFamily"] == "ipv6" and p["bgpPeerState"] != "deleted")
        h.call("DeleteBGPPeer", {"bgpPeerId": peer["bgpPeerId"]}, account=ACCOUNT)
    for _ in range(TESTS_KEPT + 5):
        h.call("StartBgpFailoverTest", {"virtualInterfaceId": vif_id, "testDurationInMinutes": 1}, account=ACCOUNT)
        h.call("StopBgpFailoverTest", {"virtualInterfaceId": vif_id}, account=ACCOUNT)
    final = h.call("CreateBGPPeer", {"virtualInterfaceId": vif_id, "newBGPPeer": {
        "asn": 65001, "addressFamily": "ipv6", "authKey": "a" * 80}}, account=ACCOUNT)["virtualInterface"]
    assert len(final["bgpPeers"]) <= MAX_DELETED_PEERS_KEPT + 2
    stored = boto3.client("dynamodb", region_name="us-east-1", endpoint_url=h.endpoint).get_item(
        TableName=h.table, Key={"pk": {"S": f"{ACCOUNT}#us-east-1"}, "sk": {"S": vif_id}})["Item"]
    size = item_size(stored)
    print(f"\nlargest VIF item: {size} bytes ({size / DYNAMODB_ITEM_LIMIT:.0%} of DynamoDB's limit)")
    assert size < DYNAMODB_ITEM_LIMIT / 2  # room to spare for what later features add

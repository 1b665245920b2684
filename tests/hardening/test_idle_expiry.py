"""Idle expiry: the account's record carries its expiry, DynamoDB's TTL removes the record, and the
stream's REMOVE makes the function remove the rest of that account, and only that account's.

DynamoDB Local and moto keep expired items (neither runs TTL), so the test plays TTL's part: it deletes
the record and hands the function the stream record AWS would send (events/idle-expiry.json's shape)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from dx_emulator.store.account_items import AccountItem
from dx_emulator.store.items import BaseItem
from tests.support.inprocess import Harness, harness

IDLE = 3600.0
REGIONS = ("eu-west-1", "us-east-1")


@pytest.fixture(scope="module", params=["moto", pytest.param("dynamodb-local", marks=pytest.mark.dynamodb_local)])
def h(request: pytest.FixtureRequest) -> Iterator[Harness]:
    endpoint = request.getfixturevalue("dynamodb_local") if request.param == "dynamodb-local" else None
    with harness(endpoint, table=f"dx-idle-{uuid.uuid4().hex[:8]}", quiet=True) as recorder:
        yield recorder


@pytest.fixture(autouse=True)
def idle_expiry(monkeypatch: pytest.MonkeyPatch) -> None:
    import dx_emulator.handler as handler

    monkeypatch.setattr(handler, "settings", replace(handler.settings, idle_expiry=IDLE))


def _account() -> str:
    return "8" + uuid.uuid4().int.__str__()[:11]


def _populate(h: Harness, account: str) -> None:
    for region in REGIONS:
        connection = h.call("CreateConnection", {"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "c"},
                            account=account, region=region)
        h.call("CreatePrivateVirtualInterface", {"connectionId": connection["connectionId"],
                                                 "newPrivateVirtualInterface": {
                                                     "virtualInterfaceName": "v", "vlan": 7, "asn": 65000,
                                                     "virtualGatewayId": "vgw-0a1b2c3d"}},
               account=account, region=region)
    h.call("CreateDirectConnectGateway", {"directConnectGatewayName": "g"}, account=account)


def _items(account: str) -> list[dict[str, Any]]:
    found = []
    for partition in (*(f"{account}#{region}" for region in REGIONS), f"{account}#global"):
        found += [item.serialize() for item in BaseItem.query(partition, consistent_read=True)]
    return found


def _ttl_removes_record(h: Harness, account: str, identity: bool = True) -> dict[str, Any]:
    """Delete the record as TTL would, and hand the function the stream record TTL's delete makes."""
    record = AccountItem.get(f"{account}#global", "account#account", consistent_read=True)
    image = record.serialize()
    record.delete()
    change: dict[str, Any] = {"eventID": uuid.uuid4().hex, "eventName": "REMOVE", "eventSource": "aws:dynamodb",
                              "awsRegion": "us-east-1", "dynamodb": {
                                  "Keys": {"pk": {"S": f"{account}#global"}, "sk": {"S": "account#account"}},
                                  "OldImage": {"pk": {"S": f"{account}#global"}, "sk": {"S": "account#account"},
                                               **image},
                                  "SequenceNumber": "1", "StreamViewType": "OLD_IMAGE"}}
    if identity:
        change["userIdentity"] = {"type": "Service", "principalId": "dynamodb.amazonaws.com"}
    return h.handler({"Records": [change]}, None)


def test_the_record_carries_the_idle_expiry_and_every_region_used(h: Harness) -> None:
    account = _account()
    before = time.time()
    _populate(h, account)
    record = AccountItem.get(f"{account}#global", "account#account", consistent_read=True)
    assert sorted(record.regions) == sorted(REGIONS)
    assert record.expires_at is not None
    assert int(before + IDLE) <= record.expires_at.timestamp() <= time.time() + IDLE  # TTL keeps whole seconds


def test_ttl_removing_the_record_removes_the_account_and_nothing_else(h: Harness) -> None:
    idle, busy = _account(), _account()
    _populate(h, idle)
    _populate(h, busy)
    kept = _items(busy)
    assert _ttl_removes_record(h, idle) == {"batchItemFailures": []}
    assert _items(idle) == []
    assert _items(busy) == kept
    assert h.call("DescribeConnections", {}, account=idle)["connections"] == []


def test_an_account_used_again_before_the_cleanup_keeps_its_resources(h: Harness) -> None:
    account = _account()
    _populate(h, account)
    record = AccountItem.get(f"{account}#global", "account#account", consistent_read=True)
    image = record.serialize()
    record.delete()
    # A request arrives after TTL's delete and before the stream record: the account is active again.
    assert len(h.call("DescribeConnections", {}, account=account, region="us-east-1")["connections"]) == 1
    answer = h.handler({"Records": [{"eventID": "e1", "eventName": "REMOVE", "userIdentity": {
        "type": "Service", "principalId": "dynamodb.amazonaws.com"}, "dynamodb": {
        "Keys": {"pk": {"S": f"{account}#global"}, "sk": {"S": "account#account"}},
        "OldImage": image, "SequenceNumber": "2"}}]}, None)
    assert answer == {"batchItemFailures": []}
    assert len(h.call("DescribeConnections", {}, account=account, region="eu-west-1")["connections"]) == 1
    renewed = AccountItem.get(f"{account}#global", "account#account", consistent_read=True)
    assert sorted(renewed.regions) == sorted(REGIONS)  # a later expiry still finds eu-west-1


def test_a_removal_that_is_not_ttls_is_ignored(h: Harness) -> None:
    account = _account()
    _populate(h, account)
    _ttl_removes_record(h, account, identity=False)  # a reset's own delete, say
    assert len([item for item in _items(account) if item["sk"]["S"].startswith("dxcon-")]) == 2


def test_a_cleanup_that_fails_is_reported_for_lambda_to_retry(h: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    """ReportBatchItemFailures: the record's sequence number comes back, and nothing of the account went."""
    from dx_emulator.errors import StoreUnavailable
    from dx_emulator.operations import accounts

    account = _account()
    _populate(h, account)

    def down(*_: Any, **__: Any) -> dict[str, int]:
        raise StoreUnavailable("The emulator's store (DynamoDB) failed or is throttling; try again")

    monkeypatch.setattr(accounts, "remove", down)
    assert _ttl_removes_record(h, account) == {"batchItemFailures": [{"itemIdentifier": "1"}]}
    assert len([item for item in _items(account) if item["sk"]["S"].startswith("dxcon-")]) == 2

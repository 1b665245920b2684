"""DynamoDB faults: throttling retried within a bound, failures answered with a quick AWS-shaped
500 (on moto, whose stubber is the emulated network), and a failure at any step of any write path
leaves the table exactly as it was (on DynamoDB Local)."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSResponse
from botocore.exceptions import ClientError, ReadTimeoutError
from moto.core.botocore_stubber import BotocoreStubber, MockRawResponse

from dx_emulator.store import items
from dx_emulator.store.items import BaseItem
from tests.conftest import dynamodb_local_endpoint
from tests.support.inprocess import Harness, harness
from tests.support.server import new_account
from tests.support.writes import WRITES, WorldTemplate, partitions

STORE_DOWN = "The emulator's store (DynamoDB) failed or is throttling; try again"
ACCOUNT = "333344445555"
ATTEMPTS = BaseItem.Meta.max_retry_attempts + 1


@pytest.fixture
def h() -> Iterator[Harness]:
    with harness() as recorder:
        yield recorder


@contextmanager
def on_every_attempt(hook: Callable[..., AWSResponse | None]) -> Iterator[None]:
    """``hook`` in front of moto's stubber, the emulated network: an answer from it stands instead of
    DynamoDB's. (A before-send handler would not do: botocore calls every one, so moto would still
    execute the "failed" attempt.)"""
    original = BotocoreStubber.__call__

    def network(self: BotocoreStubber, event_name: str, request: Any, **kwargs: Any) -> AWSResponse | None:
        return hook(request) or original(self, event_name, request, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BotocoreStubber, "__call__", network)
        yield


def throttle(times: int) -> Callable[..., AWSResponse | None]:
    """Answers the first ``times`` DynamoDB HTTP attempts with throttling."""
    seen = {"attempts": 0}

    def hook(request: Any) -> AWSResponse | None:
        if b"DynamoDB_20120810" not in request.headers.get("X-Amz-Target", b""):
            return None
        seen["attempts"] += 1
        if seen["attempts"] > times:
            return None  # on to moto
        body = b'{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Rate exceeded"}'
        return AWSResponse(request.url, 400, {"x-amzn-requestid": "t"}, MockRawResponse(body))

    hook.seen = seen  # type: ignore[attr-defined]
    return hook


def test_throttling_is_retried(h: Harness) -> None:
    h.call("DescribeConnections", account=ACCOUNT)  # creates PynamoDB's client
    hook = throttle(ATTEMPTS - 1)
    with on_every_attempt(hook):
        created = h.call("CreateConnection", {"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "c"},
                         account=ACCOUNT)
    assert created["connectionState"] == "requested"
    # The first call (the account's record) throttled twice and answered on its third attempt; then the write.
    assert hook.seen["attempts"] == ATTEMPTS + 1  # type: ignore[attr-defined]


def test_throttling_past_the_retries_is_a_server_error(h: Harness) -> None:
    h.call("DescribeConnections", account=ACCOUNT)
    hook = throttle(100)
    with on_every_attempt(hook):
        answer = h.send("CreateConnection", {"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "c"},
                        account=ACCOUNT)
    assert (answer.status, answer.body) == (500, {"__type": "DirectConnectServerException", "message": STORE_DOWN})
    assert hook.seen["attempts"] == ATTEMPTS  # type: ignore[attr-defined]
    assert h.call("DescribeConnections", account=ACCOUNT) == {"connections": []}


@pytest.mark.parametrize("operation", ["DescribeConnections", "CreateConnection"])
def test_dynamodb_read_timeouts(h: Harness, operation: str) -> None:
    # No answer at all (botocore raises rather than returning an error code): still the store's 500,
    # never "internal error" with a trace.
    h.call("DescribeConnections", account=ACCOUNT)
    seen = []

    def time_out(request: Any) -> None:
        seen.append(request)
        raise ReadTimeoutError(endpoint_url=request.url)

    with on_every_attempt(time_out):
        answer = h.send(operation, {"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "c"},
                        account=ACCOUNT)
    assert (answer.status, answer.body) == (500, {"__type": "DirectConnectServerException", "message": STORE_DOWN})
    assert len(seen) == ATTEMPTS


def test_dynamodb_unreachable(h: Harness) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    items.configure("dx-nowhere", f"http://127.0.0.1:{closed}", "us-east-1")
    try:
        attempts = []
        h.interceptors.append(lambda operation, _: attempts.append(operation))
        answer = h.send("DescribeConnections", account=ACCOUNT)
    finally:
        items.configure("dx-inprocess", None, "us-east-1")
    assert (answer.status, answer.body["__type"], answer.body["message"]) == (
        500, "DirectConnectServerException", STORE_DOWN)
    assert attempts == ["GetItem"]  # one call (the account's record), retried inside botocore, then given up


def injected(at: int) -> Callable[[str, dict[str, Any]], None]:
    count = {"calls": 0}

    def fail(operation: str, _: dict[str, Any]) -> None:
        count["calls"] += 1
        if count["calls"] == at + 1:
            raise ClientError({"Error": {"Code": "InternalServerError", "Message": "injected"}}, operation)

    return fail


@pytest.fixture(scope="module")
def local() -> Iterator[Harness]:
    """DynamoDB Local: the real store's transactions. One table for the module; each case works on a
    copy of one world in fresh accounts (a world built per case, on moto, took 10 to 15 s a case)."""
    with harness(dynamodb_local_endpoint(), table=f"dx-faults-{uuid.uuid4().hex[:8]}", quiet=True) as recorder:
        yield recorder


@pytest.fixture(scope="module")
def template(local: Harness) -> WorldTemplate:
    return WorldTemplate(local, new_account())


def table_items(h: Harness, account: str) -> list[dict[str, Any]]:
    """Every item of the partitions the case's world spans (its account's and its counterpart's)."""
    table = boto3.client("dynamodb", endpoint_url=h.endpoint, region_name="us-east-1")
    return [item for partition in partitions(account)
            for page in table.get_paginator("query").paginate(
                TableName=h.table, ConsistentRead=True, KeyConditionExpression="pk = :pk",
                ExpressionAttributeValues={":pk": {"S": partition}})
            for item in page["Items"]]


@pytest.mark.dynamodb_local
@pytest.mark.parametrize("name", sorted(WRITES))
def test_a_failure_at_any_step_writes_nothing(local: Harness, template: WorldTemplate, name: str) -> None:
    h, w = local, template.copy(new_account())
    account = w["account"]
    table = boto3.client("dynamodb", endpoint_url=h.endpoint, region_name="us-east-1")
    operation, params = WRITES[name](w)
    before = table_items(h, account)
    h.calls.clear()
    h.call(operation, params, account=account)  # a dry run to learn how many calls the path makes...
    steps = len(h.calls)
    # The account's record, reads by key (at most three: a gateway, a world, an EC2 gateway's links), one write.
    assert 2 <= steps <= 5
    for item in table_items(h, account):  # ...then put the table back as it was
        if item not in before:
            table.delete_item(TableName=h.table, Key={"pk": item["pk"], "sk": item["sk"]})
    for item in before:
        table.put_item(TableName=h.table, Item=item)
    assert table_items(h, account) == before
    for step in range(steps):
        h.interceptors[:] = [injected(step)]
        try:
            answer = h.send(operation, params, account=account)
        finally:
            h.interceptors.clear()
        assert (answer.status, answer.body["message"]) == (500, STORE_DOWN), (name, step)
        assert table_items(h, account) == before, f"{name}: a failure at step {step} left a partial write"
    assert h.send(operation, params, account=account).status == 200

"""A write DynamoDB applied but whose answer never came back is neither repeated nor reported as a
failure, for every write path, on DynamoDB Local.

The answer is dropped in botocore's HTTP layer after the call went through, as a flaky network
would: botocore sends the same call again, which fails its condition against the write it just
made. Dropped once, the client must get its success; dropped on every attempt (DynamoDB gone after
the commit), the client gets a 500, and its own retry (the same ``amz-sdk-invocation-id``) must find
what the first attempt did rather than a conflict it caused. Either way the account ends exactly as
one clean call leaves it: no second connection, no second peer, no "already deleted"."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from botocore.endpoint import Endpoint
from botocore.exceptions import ConnectionClosedError

from dx_emulator.domain.context import Names
from dx_emulator.store import items
from tests.conftest import dynamodb_local_endpoint
from tests.support.inprocess import WRITES as DYNAMODB_WRITES
from tests.support.inprocess import Answer, Harness, harness
from tests.support.server import new_account
from tests.support.writes import WRITES, WorldTemplate, partitions

STORE_DOWN = "The emulator's store (DynamoDB) failed or is throttling; try again"


# Once, on DynamoDB Local: the real store's answers to a replayed write. (moto's run of the same cases
# took 11 to 25 s each, for nothing DynamoDB Local does not check.)
@pytest.fixture(scope="module", params=[pytest.param("dynamodb-local", marks=pytest.mark.dynamodb_local)])
def h(request: pytest.FixtureRequest) -> Iterator[Harness]:
    with harness(dynamodb_local_endpoint(), table=f"dx-lost-{uuid.uuid4().hex[:8]}", quiet=True) as recorder:
        yield recorder


@contextmanager
def answers_lost(times: int) -> Iterator[list[str]]:
    """DynamoDB applies the next ``times`` write calls, and their answers never arrive."""
    original = Endpoint._do_get_response
    lost: list[str] = []

    def flaky(self: Endpoint, request: Any, operation_model: Any, context: Any) -> Any:
        result = original(self, request, operation_model, context)
        if operation_model.name in DYNAMODB_WRITES and len(lost) < times:
            lost.append(operation_model.name)
            return None, ConnectionClosedError(endpoint_url=request.url)
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Endpoint, "_do_get_response", flaky)
        yield lost
    if lost:
        # Lost answers drain botocore's retry quota (standard mode), which outlives a test in the
        # cached client: later tests start with a new one, as a fresh Lambda instance would.
        meta = items.BaseItem.Meta
        items.configure(meta.table_name, meta.host, meta.region)


STATES = ("connection_state", "lag_state", "virtual_interface_state", "gateway_state", "association_state",
          "proposal_state", "interconnect_state", "resiliency_group_state")
# Lists, sets and maps whose size a duplicated or half-done write changes.
COUNTED = ("tags", "vif_slots", "connection_ids", "attachments", "associations", "proposals", "association_links",
           "proposal_links", "allowed_prefixes", "gateway_ids", "hosted_slots", "signed_agreements",
           "resiliency_associations")


def census(h: Harness, account: str) -> list[tuple[Any, ...]]:
    """What the account holds, without ids or times: duplicates and half-done writes show here."""
    dynamodb = boto3.client("dynamodb", region_name="us-east-1", endpoint_url=h.endpoint)
    found = [item for partition in partitions(account)
             for item in dynamodb.query(TableName=h.table, ConsistentRead=True, KeyConditionExpression="pk = :pk",
                                        ExpressionAttributeValues={":pk": {"S": partition}})["Items"]]
    shapes = []
    for item in found:
        peers = [(p["M"]["address_family"]["S"], p["M"]["bgp_peer_state"]["S"]) for p in item.get("bgp_peers", {})
                 .get("L", [])]
        tests = [("stopped_at" in t["M"] and "NULL" not in t["M"]["stopped_at"]) for t in item.get(
            "failover_tests", {}).get("L", [])]
        state = next((item[name]["S"] for name in STATES if name in item), None)
        counts = tuple(len(next(iter(item.get(name, {"L": []}).values()))) for name in COUNTED)
        shapes.append((item["sk"]["S"][:5], state, sorted(peers), sorted(tests), counts, item.get("mtu", {}).get("N"),
                       item.get("gateway_name", {}).get("S")))
    return sorted(shapes, key=repr)


@pytest.fixture(scope="module")
def template(h: Harness) -> WorldTemplate:
    return WorldTemplate(h, new_account())


@dataclass
class Run:
    answer: Answer
    account: str
    retry: Callable[[], Answer]  # the same call again, as the client's SDK would retry it


@pytest.mark.parametrize("name", sorted(WRITES))
def test_a_lost_answer_is_neither_repeated_nor_a_failure(h: Harness, template: WorldTemplate, name: str) -> None:
    def run(lost_answers: int) -> Run:
        w = template.copy(new_account())
        operation, params = WRITES[name](w)
        invocation = str(uuid.uuid4())

        def send() -> Answer:
            return h.send(operation, params, account=w["account"], invocation=invocation)

        with answers_lost(lost_answers) as lost:
            answer = send()
        assert bool(lost) == bool(lost_answers), "the path made no write to lose"
        return Run(answer, w["account"], send)

    clean = run(0)
    assert clean.answer.status == 200, clean.answer.body
    expected = census(h, clean.account)

    once = run(1)  # botocore's own retry meets the write it made
    assert once.answer.status == 200, once.answer.body
    assert census(h, once.account) == expected

    gone = run(100)  # DynamoDB gone after the commit: the client gets a 500...
    assert (gone.answer.status, gone.answer.body["message"]) == (500, STORE_DOWN)
    retried = gone.retry()  # ...and its SDK's retry (the same invocation id) finds what it did
    assert retried.status == 200, retried.body
    assert census(h, gone.account) == expected


def test_an_id_taken_by_another_resource_is_drawn_again(h: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ids derive from the request's token; should one collide with another resource's, the request
    takes other ids instead of retrying the same one for ever (or taking the other as its own)."""
    original = Names.digest

    def colliding(self: Names, kind: str) -> bytes:
        # Every request's first ids are the same, until it asks for others.
        return original(self, kind) if "#" in self._token else b"\x00" * 32

    monkeypatch.setattr(Names, "digest", colliding)
    account = new_account()
    params = {"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "c"}
    first = h.call("CreateConnection", params, account=account, invocation=str(uuid.uuid4()))
    second = h.call("CreateConnection", {**params, "connectionName": "d"}, account=account,
                    invocation=str(uuid.uuid4()))
    assert first["connectionId"] != second["connectionId"]
    listed = h.call("DescribeConnections", {}, account=account)["connections"]
    assert sorted(c["connectionName"] for c in listed) == ["c", "d"]

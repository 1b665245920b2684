"""The commits that keep failover-test records (store/writes.py's Delete beside Puts), on both stores'
contract: on the embedded store, on moto and on DynamoDB Local. A Delete removes its item whatever
its version, or nothing; a commit's lost race is told from an id collision whatever order its
writes take in the transaction PynamoDB sends."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from typing import cast

import pytest

from dx_emulator.domain.failover_records import FailoverRecord
from dx_emulator.domain.model import VirtualInterface
from dx_emulator.scope import Scope
from dx_emulator.store.memory import MemoryRepository
from dx_emulator.store.repository import ConcurrentModification, IdCollision, Repository
from dx_emulator.store.writes import Delete, Put
from tests.conftest import dynamodb_local_endpoint
from tests.support.inprocess import harness
from tests.unit.domain_support import NOW, vif

ACCOUNT = "123456789012"  # domain_support's
SCOPE = Scope(ACCOUNT, "us-east-1")


@pytest.fixture(scope="module", params=["memory", "moto", pytest.param("dynamodb-local",
                                                                       marks=pytest.mark.dynamodb_local)])
def store(request: pytest.FixtureRequest) -> Iterator[Repository]:
    if request.param == "memory":
        yield MemoryRepository()
        return
    endpoint = None if request.param == "moto" else dynamodb_local_endpoint()
    with harness(endpoint, table=f"dx-records-{uuid.uuid4().hex[:8]}", quiet=True):
        yield Repository()


def record(vif_id: str, number: int) -> FailoverRecord:
    """Test ids of the VIF's own: the stores are shared by this module's tests."""
    return FailoverRecord(ACCOUNT, "us-east-1", vif_id, f"{vif_id}-test-{number}", NOW + number)


def new_vif() -> VirtualInterface:
    return replace(vif(), virtual_interface_id=f"dxvif-{uuid.uuid4().hex[:8]}")


def records_of(store: Repository, vif_id: str) -> list[str]:
    return [found.test_id.rpartition("-")[2] for found in store.query(FailoverRecord, SCOPE)
            if found.virtual_interface_id == vif_id]


def test_a_delete_removes_its_item_whatever_its_version_or_nothing(store: Repository) -> None:
    made = new_vif()
    vif_id = made.virtual_interface_id
    stored = cast(VirtualInterface, store.commit([Put(made), Put(record(vif_id, 1)), Put(record(vif_id, 2))], "t1"))
    assert records_of(store, vif_id) == ["2", "1"]  # newest first
    stored = cast(VirtualInterface, store.commit([Put(replace(stored, mtu=9001)), Delete(record(vif_id, 1))], "t2"))
    assert records_of(store, vif_id) == ["2"]
    store.commit([Put(stored), Delete(record(vif_id, 1)), Delete(record(vif_id, 3))], "t3")  # none there: no error
    assert records_of(store, vif_id) == ["2"]
    assert store.get(VirtualInterface, SCOPE, vif_id) is not None


def test_a_commit_that_loses_its_race_deletes_nothing_and_is_no_id_collision(store: Repository) -> None:
    made = new_vif()
    vif_id = made.virtual_interface_id
    stale = cast(VirtualInterface, store.commit([Put(made), Put(record(vif_id, 1))], "t1"))
    store.commit([Put(replace(stale, mtu=9001))], "winner")
    # PynamoDB sends the Delete first and the Puts after: the stale VIF's failed condition must not be
    # read as the new record's ("another resource holds its id"), which would draw other ids.
    with pytest.raises(ConcurrentModification) as raised:
        store.commit([Put(replace(stale, mtu=1500)), Put(record(vif_id, 2)), Delete(record(vif_id, 1))], "loser")
    assert not isinstance(raised.value, IdCollision)
    assert records_of(store, vif_id) == ["1"]


def test_a_new_record_on_a_taken_key_is_an_id_collision(store: Repository) -> None:
    made = new_vif()
    vif_id = made.virtual_interface_id
    stored = cast(VirtualInterface, store.commit([Put(made), Put(record(vif_id, 1))], "t1"))
    with pytest.raises(IdCollision):
        store.commit([Put(stored), Put(record(vif_id, 1)), Delete(record(vif_id, 9))], "t2")
    assert records_of(store, vif_id) == ["1"]

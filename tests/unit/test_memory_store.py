"""`dx-emulator serve`'s in-memory store (store/memory.py) keeps Repository's contract: every write on
its condition, a commit all or none and atomic across threads, replays recognised by their token."""

from __future__ import annotations

import inspect
from dataclasses import replace
from types import SimpleNamespace
from typing import TypeVar, cast

import pytest

from dx_emulator.domain.model import Connection, Lag, VifSlot, VirtualInterface
from dx_emulator.scope import Scope
from dx_emulator.store.mapping import CONVERTERS, KEYED, SETS, from_attributes, to_attributes
from dx_emulator.store.memory import MemoryRepository
from dx_emulator.store.repository import TOKENS_KEPT, ConcurrentModification, IdCollision, Repository
from dx_emulator.store.writes import Check, Detach, Expire, Put, Write
from tests.unit.domain_support import conn, vif

ACCOUNT = "123456789012"  # domain_support's context
SCOPE = Scope(ACCOUNT, "us-east-1")
T = TypeVar("T", Connection, Lag, VirtualInterface)


def save(store: MemoryRepository, entity: T, token: str, *more: Write) -> T:
    """Commit a Put of ``entity`` (and ``more``): the entity as stored."""
    return cast(T, store.commit([Put(entity), *more], token))


def connection(connection_id: str, account: str = ACCOUNT) -> Connection:
    return replace(conn(), connection_id=connection_id, owner_account=account)


def lag(lag_id: str = "dxlag-aaaa0001", **fields: object) -> Lag:
    return Lag(ACCOUNT, "us-east-1", lag_id, "l", "pending", "EqDC2", "1Gbps", "dev", "ld", "unknown", 0.0,
               **fields)  # type: ignore[arg-type]


def test_it_has_every_public_method_of_repository_with_the_same_signature() -> None:
    public = [name for name, _ in inspect.getmembers(Repository, inspect.isfunction) if not name.startswith("_")]
    assert public
    for name in public:
        assert name in vars(MemoryRepository), f"MemoryRepository.{name} would fall through to DynamoDB"
        assert inspect.signature(getattr(MemoryRepository, name)) == inspect.signature(getattr(Repository, name))


def test_a_new_put_is_stored_with_version_1_and_the_token() -> None:
    store = MemoryRepository()
    written = save(store, connection("dxcon-aaaa0001"), "t1")
    assert written.version == 1 and written.write_tokens == ("t1",)
    assert store.get(Connection, SCOPE, "dxcon-aaaa0001") == written
    assert store.get(Connection, SCOPE, "dxcon-missing0") is None
    assert store.get(Connection, SCOPE, "dxvif-aaaa0001") is None  # not an id of the kind
    assert store.get(Connection, Scope("999999999999", "us-east-1"), "dxcon-aaaa0001") is None


def test_a_new_put_on_an_existing_key_is_an_id_collision() -> None:
    store = MemoryRepository()
    store.commit([Put(connection("dxcon-aaaa0001"))], "t1")
    with pytest.raises(IdCollision):
        store.commit([Put(connection("dxcon-aaaa0001"))], "t2")


def test_a_stale_version_is_a_concurrent_modification_and_the_winner_stays() -> None:
    store = MemoryRepository()
    first = save(store, connection("dxcon-aaaa0001"), "t1")
    winner = save(store, replace(first, connection_name="winner"), "t2")
    assert winner.version == 2
    with pytest.raises(ConcurrentModification) as raised:
        store.commit([Put(replace(first, connection_name="loser"))], "t3")
    assert not isinstance(raised.value, IdCollision)
    assert store.get(Connection, SCOPE, "dxcon-aaaa0001") == winner
    with pytest.raises(ConcurrentModification):  # a version on an item that does not exist
        store.commit([Put(replace(first, connection_id="dxcon-aaaa0002"))], "t4")


def test_tokens_are_newest_first_unique_and_bounded() -> None:
    store = MemoryRepository()
    stored = save(store, connection("dxcon-aaaa0001"), "t0")
    for n in range(1, TOKENS_KEPT + 2):
        stored = save(store, stored, f"t{n}")
    stored = save(store, stored, "t3")
    assert stored.write_tokens[0] == "t3" and len(stored.write_tokens) == TOKENS_KEPT
    assert len(set(stored.write_tokens)) == TOKENS_KEPT and "t0" not in stored.write_tokens


def test_a_replay_of_a_write_that_was_applied_answers_what_it_stored() -> None:
    store = MemoryRepository()
    new = connection("dxcon-aaaa0001")
    written = save(store, new, "request-1")
    assert store.commit([Put(new)], "request-1") == written  # its answer was lost: the same write again
    updated = save(store, replace(written, connection_name="n"), "request-2")
    assert store.commit([Put(replace(written, connection_name="n"))], "request-2") == updated


def test_check_commits_only_while_the_entity_is_unchanged() -> None:
    store = MemoryRepository()
    parent = save(store, connection("dxcon-aaaa0001"), "t1")
    child = save(store, connection("dxcon-aaaa0002"), "t2", Check(parent))
    assert store.get(Connection, SCOPE, "dxcon-aaaa0001") == parent  # a check writes nothing
    store.commit([Put(replace(parent, connection_name="changed"))], "t3")
    with pytest.raises(ConcurrentModification):
        store.commit([Put(replace(child, connection_name="x")), Check(parent)], "t4")
    assert store.get(Connection, SCOPE, "dxcon-aaaa0002") == child


def test_a_commit_is_all_or_none() -> None:
    store = MemoryRepository()
    stale = save(store, connection("dxcon-aaaa0001"), "t1")
    store.commit([Put(replace(stale, connection_name="moved on"))], "t2")
    with pytest.raises(ConcurrentModification):
        store.commit([Put(connection("dxcon-aaaa0002")), Put(replace(stale, connection_name="x"))], "t3")
    assert store.get(Connection, SCOPE, "dxcon-aaaa0002") is None
    # The failed condition was a new item's: another resource has its id.
    taken = save(store, connection("dxcon-taken000"), "t4")
    current = store.get(Connection, SCOPE, "dxcon-aaaa0001")
    assert current is not None
    with pytest.raises(IdCollision):
        store.commit([Put(replace(current, connection_name="y")), Put(connection("dxcon-taken000"))], "t5")
    assert store.get(Connection, SCOPE, "dxcon-aaaa0001") == current
    assert store.get(Connection, SCOPE, "dxcon-taken000") == taken
    # As Repository: when the first write's item does not exist, a lost race whatever failed.
    with pytest.raises(ConcurrentModification) as raised:
        store.commit([Put(connection("dxcon-aaaa0005")), Put(connection("dxcon-taken000"))], "t6")
    assert not isinstance(raised.value, IdCollision)


def test_detach_drops_a_slot_or_a_set_member_and_bumps_the_version() -> None:
    store = MemoryRepository()
    slots = (VifSlot("dxvif-bbbb0002", 2, "private"), VifSlot("dxvif-bbbb0001", 1, "private"))
    parent = save(store, lag(vif_slots=slots, connection_ids=("dxcon-c2", "dxcon-c1")), "t1")
    holder = save(store, connection("dxcon-aaaa0001"), "t2")
    store.commit([Put(holder), Detach(Lag, ACCOUNT, "us-east-1", parent.lag_id, "vif_slots", "dxvif-bbbb0002")],
                 "t3")
    with pytest.raises(ValueError, match="at most once"):  # as DynamoDB refuses two writes of one item
        store.commit([Put(holder), Detach(Lag, ACCOUNT, "us-east-1", parent.lag_id, "connection_ids", "dxcon-c1"),
                      Detach(Lag, ACCOUNT, "us-east-1", parent.lag_id, "vif_slots", "dxvif-bbbb0001")], "t4")
    store.commit([Put(connection("dxcon-aaaa0002")),
                  Detach(Lag, ACCOUNT, "us-east-1", parent.lag_id, "connection_ids", "dxcon-c1")], "t4")
    stored = store.get(Lag, SCOPE, parent.lag_id)
    assert stored is not None and stored.version == 3
    assert [slot.virtual_interface_id for slot in stored.vif_slots] == ["dxvif-bbbb0001"]
    assert stored.connection_ids == ("dxcon-c2",)
    assert stored.write_tokens == ("t1",)  # an update without a read stamps no token, as on DynamoDB
    with pytest.raises(ConcurrentModification):  # a writer holding the old version lost
        store.commit([Put(replace(parent, lag_name="x"))], "t4")
    with pytest.raises(ConcurrentModification):  # the parent must exist
        store.commit([Put(connection("dxcon-aaaa0009")),
                      Detach(Lag, ACCOUNT, "us-east-1", "dxlag-gone0000", "vif_slots", "dxvif-bbbb0001")], "t5")
    assert store.get(Connection, SCOPE, "dxcon-aaaa0009") is None


def test_expire_sets_the_expiry_of_an_existing_item() -> None:
    store = MemoryRepository()
    target = save(store, connection("dxcon-aaaa0001"), "t1")
    store.commit([Put(connection("dxcon-aaaa0002")),
                  Expire(Connection, ACCOUNT, "us-east-1", "dxcon-aaaa0001", 1234.5)], "t2")
    stored = store.get(Connection, SCOPE, "dxcon-aaaa0001")
    assert stored == replace(target, expires_at=1234.5, version=2)
    with pytest.raises(ConcurrentModification):
        store.commit([Put(connection("dxcon-aaaa0003")),
                      Expire(Connection, ACCOUNT, "us-east-1", "dxcon-nothere0", 1.0)], "t3")


def test_a_commit_starts_with_a_put() -> None:
    with pytest.raises(TypeError):
        MemoryRepository().commit([Check(connection("dxcon-aaaa0001"))], "t")


def test_query_is_in_key_order_within_the_prefix_after_and_limit() -> None:
    store = MemoryRepository()
    ids = ["dxcon-b2", "dxcon-a1", "dxcon-b1", "dxcon-c1", "dxcon-a2"]
    for connection_id in ids:
        store.commit([Put(connection(connection_id))], connection_id)
    store.commit([Put(lag("dxlag-a1"))], "lag")
    store.commit([Put(connection("dxcon-a0", account="999999999999"))], "other")

    def found(*args: str, **paging: object) -> list[str]:
        return [c.connection_id for c in store.query(Connection, SCOPE, *args, **paging)]  # type: ignore[arg-type]

    assert found() == sorted(ids)
    assert found("b") == ["dxcon-b1", "dxcon-b2"]
    assert found("z") == []
    assert found(after="dxcon-a2") == ["dxcon-b1", "dxcon-b2", "dxcon-c1"]
    assert found(after="dxcon-a1", limit=2) == ["dxcon-a2", "dxcon-b1"]
    assert found("b", after="dxcon-b1") == ["dxcon-b2"]
    assert found(limit=1) == ["dxcon-a1"]
    assert [item.lag_id for item in store.query(Lag, SCOPE)] == ["dxlag-a1"]
    assert store.query(Connection, Scope(ACCOUNT, "eu-west-1")) == []


def test_get_pair_reads_two_kinds_at_once() -> None:
    store = MemoryRepository()
    stored = save(store, connection("dxcon-aaaa0001"), "t")
    assert store.get_pair((Connection, SCOPE, "dxcon-aaaa0001"), (Lag, SCOPE, "dxlag-nothere")) == (stored, None)
    assert store.get_pair((Lag, SCOPE, "bad id"), (Connection, SCOPE, "dxcon-aaaa0001")) == (None, stored)


def test_get_many_sorted_unique_and_skipping_unknown_ids() -> None:
    store = MemoryRepository()
    for connection_id in ("dxcon-b", "dxcon-a"):
        store.commit([Put(connection(connection_id))], connection_id)
    got = store.get_many(Connection, SCOPE, ["dxcon-b", "dxcon-zz", "dxcon-a", "dxcon-b", "dxvif-a", ""])
    assert [c.connection_id for c in got] == ["dxcon-a", "dxcon-b"]
    assert store.get_many(Connection, SCOPE, []) == []


def _vif(vif_id: str, parent: str, account: str = ACCOUNT, region: str = "us-east-1") -> VirtualInterface:
    return replace(vif(), virtual_interface_id=vif_id, connection_id=parent, owner_account=account, region=region)


def test_on_parent_follows_every_write_in_every_account() -> None:
    store = MemoryRepository()
    mine = save(store, _vif("dxvif-m2", "dxcon-p"), "1")
    store.commit([Put(_vif("dxvif-m1", "dxcon-p"))], "2")
    store.commit([Put(_vif("dxvif-h1", "dxcon-p", account="444455556666"))], "3")
    store.commit([Put(_vif("dxvif-e1", "dxcon-p", region="eu-west-1"))], "4")
    store.commit([Put(_vif("dxvif-q1", "dxcon-q"))], "5")
    assert store.on_parent("us-east-1", "dxcon-p") == [("444455556666", "dxvif-h1"), (ACCOUNT, "dxvif-m1"),
                                                       (ACCOUNT, "dxvif-m2")]
    assert store.on_parent("eu-west-1", "dxcon-p") == [(ACCOUNT, "dxvif-e1")]
    store.commit([Put(replace(mine, connection_id="dxcon-q"))], "6")  # moved (AssociateVirtualInterface)
    assert store.on_parent("us-east-1", "dxcon-q") == [(ACCOUNT, "dxvif-m2"), (ACCOUNT, "dxvif-q1")]
    assert (ACCOUNT, "dxvif-m2") not in store.on_parent("us-east-1", "dxcon-p")
    store.remove_partition(SCOPE.partition_key)
    assert store.on_parent("us-east-1", "dxcon-p") == [("444455556666", "dxvif-h1")]
    assert store.on_parent("us-east-1", "dxcon-q") == []


def test_remove_partition_keeps_what_it_is_told_and_counts_by_sort_key() -> None:
    store = MemoryRepository()
    for connection_id in ("dxcon-a", "dxcon-b", "dxcon-c"):
        store.commit([Put(connection(connection_id))], connection_id)
    store.commit([Put(connection("dxcon-a", account="999999999999"))], "other")
    removed = store.remove_partition(SCOPE.partition_key, frozenset({"dxcon-b"}))
    assert removed == {"dxcon-a": 1, "dxcon-c": 1}
    assert [c.connection_id for c in store.query(Connection, SCOPE)] == ["dxcon-b"]
    assert store.query(Connection, Scope("999999999999", "us-east-1")) != []
    assert store.remove_partition(SCOPE.partition_key) == {"dxcon-b": 1}
    assert store.remove_partition(SCOPE.partition_key) == {}
    store.ping()


def test_what_it_stores_reads_back_as_a_dynamodb_round_trip_would() -> None:
    """Slots kept as a map by id come back unique and in id order, string sets sorted (mapping.py)."""
    untidy = lag(connection_ids=("dxcon-b", "dxcon-a"),
                 vif_slots=(VifSlot("dxvif-2", 2, "private"), VifSlot("dxvif-1", 1, "private")))
    store = MemoryRepository()
    store.commit([Put(untidy)], "t")
    attributes = SimpleNamespace(**to_attributes(replace(untidy, write_tokens=("t",))))
    assert store.get(Lag, SCOPE, untidy.lag_id) == from_attributes(Lag, attributes, version=1)
    # Every converter mapping.py has is one the memory store knows to normalise, or one that keeps order.
    keeps_order = {"bgp_peers", "tags", "failover_tests", "mac_sec_keys", "gateways", "expires_at", "releases",
                   "manual_reads"}
    assert set(CONVERTERS) == set(KEYED) | SETS | keeps_order

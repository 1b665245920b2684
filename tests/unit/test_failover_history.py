"""ListVirtualInterfaceTestHistory over the whole account reads the account's failover-test records,
newest first, as far as its page needs, and then only the VIFs they name (operations/failover.py);
by testId alone, the one VIF the id names. Its answers are those it gave when it read every VIF."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from dx_emulator.domain.failover import TESTS_KEPT
from dx_emulator.domain.failover_records import FailoverRecord
from dx_emulator.domain.model import FailoverTest, VirtualInterface
from dx_emulator.operations import virtual_interfaces
from dx_emulator.store.memory import MemoryRepository
from tests.unit.failover_support import SCOPE, World

TESTED = [f"dxvif-tested{number:02d}" for number in range(12)]


def others(count: int) -> list[str]:
    return [f"dxvif-{number:08d}" for number in range(count)]


def world_of_tests(other_vifs: int = 0) -> World:
    """Twelve VIFs with 2 to 4 tests each, started in turn, some stopped, two at the same moment."""
    world = World()
    world.add_vifs(others(other_vifs))
    world.add_vifs(TESTED)
    for round_ in range(4):
        for number, vif_id in enumerate(TESTED):
            if round_ < 2 + number % 3:
                world.start(vif_id, advance=0.0 if number == 1 else 1.0)  # two starts in the same moment
                if (round_ + number) % 2 == 0:
                    world.stop(vif_id)
                elif round_ < 1 + number % 3:
                    world.stop(vif_id)  # not its last: only the last test of a VIF may still run
    return world


def ids(answer: dict[str, Any]) -> list[str]:
    return [item["testId"] for item in answer["virtualInterfaceTestHistory"]]


@pytest.mark.parametrize("size", [None, 1, 3, 7, 100, 200])
def test_every_page_is_the_one_every_vif_read_gave(size: int | None) -> None:
    world = world_of_tests(other_vifs=20)
    pages = world.all_pages(**({} if size is None else {"maxResults": size}))
    listed = [test_id for page in pages for test_id in ids(page)]
    assert len(listed) == len(set(listed)) == 36  # 12 VIFs, 2 + 3 + 4 tests in turn
    starts = [item["startTime"] for page in pages for item in page["virtualInterfaceTestHistory"]]
    assert starts == sorted(starts, reverse=True)  # newest first, across VIFs and pages
    assert len(set(starts)) < len(starts)  # ties included: their test ids order them


def test_the_filters_are_those_every_vif_read_applied() -> None:
    world = world_of_tests(other_vifs=5)
    running = ids(world.history(status="in progress"))
    assert running and running == ids(world.history_before_records(status="in progress"))
    for filters in ({"status": "completed", "maxResults": 4}, {"status": "in progress", "maxResults": 2},
                    {"bgpPeers": ["dxpeer-none0000"]}, {"status": "none of ours"}):
        world.all_pages(**filters)
    peer = world.history()["virtualInterfaceTestHistory"][0]["bgpPeers"][0]
    assert world.all_pages(bgpPeers=[peer], maxResults=2)


def test_a_page_reads_its_records_and_their_vifs_only() -> None:
    world = world_of_tests(other_vifs=300)
    answer = world.history(maxResults=5)
    shown = {item["virtualInterfaceId"] for item in answer["virtualInterfaceTestHistory"]}
    records = [test_id for kind, test_id in world.store.reads if kind == "FailoverRecord"]
    vifs = [vif_id for kind, vif_id in world.store.reads if kind == "VirtualInterface"]
    assert len(records) == 6  # the page and one more, to know a next page exists
    assert len(vifs) == len(set(vifs)) and shown <= set(vifs) <= set(TESTED) and len(vifs) <= 6


@pytest.mark.parametrize("size", [5, 100])
def test_a_page_reads_as_much_in_an_account_of_300_other_vifs_as_of_none(size: int) -> None:
    small, large = world_of_tests(other_vifs=0), world_of_tests(other_vifs=300)
    assert small.history(maxResults=size) == large.history(maxResults=size)
    assert small.store.reads == large.store.reads
    # The page's records and one more, and the VIFs they name, each once.
    records = MemoryRepository.query(large.store, FailoverRecord, SCOPE)[:size + 1]
    assert large.store.kinds_read() == {"FailoverRecord": len(records),
                                        "VirtualInterface": len({record.virtual_interface_id for record in records})}
    token = large.history(maxResults=size).get("nextToken")
    if token is not None:  # a later page costs no more than the first either
        assert small.history(maxResults=size, nextToken=token) == large.history(maxResults=size, nextToken=token)
        assert small.store.reads == large.store.reads


def test_a_test_id_alone_reads_the_one_vif_it_names() -> None:
    world = world_of_tests(other_vifs=300)
    test_id = world.start(TESTED[5], advance=3600.0)
    answer = world.history(testId=test_id)
    assert ids(answer) == [test_id] and answer == world.history_before_records(testId=test_id)
    assert world.store.reads == [("VirtualInterface", TESTED[5])]
    for unknown in (str(uuid.uuid4()), "not-a-test-id", test_id.upper()):
        assert world.history(testId=unknown) == {"virtualInterfaceTestHistory": []}
        assert len(world.store.reads) <= 1
    # A test id of another VIF's form, with a filter that excludes it: nothing, and no error.
    assert world.history(testId=test_id, status="completed") == {"virtualInterfaceTestHistory": []}


def test_a_vif_keeps_its_last_tests_and_the_history_their_records_only() -> None:
    world = World()
    [vif_id] = world.add_vifs(["dxvif-aaaa0001"])
    started = []
    for _ in range(TESTS_KEPT + 3):
        started.append(world.start(vif_id, testDurationInMinutes=1))
        world.stop(vif_id)
    pages = world.all_pages(maxResults=20)
    assert [test_id for page in pages for test_id in ids(page)] == started[::-1][:TESTS_KEPT]
    assert len(world.store.query(FailoverRecord, SCOPE)) == TESTS_KEPT  # the dropped tests' records went


def test_a_request_sent_again_starts_one_test_with_one_record() -> None:
    world = World()
    [vif_id] = world.add_vifs(["dxvif-aaaa0001"])
    first = world.start(vif_id, token="the same request")
    assert world.start(vif_id, token="the same request", advance=0.0) == first
    assert [record.test_id for record in world.store.query(FailoverRecord, SCOPE)] == [first]


def test_a_deleted_vifs_tests_are_listed_while_it_is_then_go_with_it() -> None:
    world = world_of_tests()
    gone = TESTED[3]
    before = ids(world.history())
    virtual_interfaces.delete(world.call({"virtualInterfaceId": gone}))
    [deleted] = world.store.get_many(VirtualInterface, SCOPE, [gone])
    expiring = [record for record in world.store.query(FailoverRecord, SCOPE) if record.virtual_interface_id == gone]
    assert expiring and {record.expires_at for record in expiring} == {deleted.expires_at}
    assert ids(world.history()) == before  # listed as long as the deleted VIF is
    world.all_pages(maxResults=4)
    assert deleted.expires_at is not None
    world.now = deleted.expires_at + 1
    assert set(ids(world.history())) == set(before) - {record.test_id for record in expiring}
    world.all_pages(maxResults=4)


def test_a_test_started_before_records_is_listed_by_its_vif_only() -> None:
    """[choice] docs/rules.md: a test from before records existed has a random id and no record."""
    world = World()
    legacy = FailoverTest(str(uuid.uuid4()), (), 30, world.now - 600, world.now - 300)
    [vif_id] = world.add_vifs(["dxvif-aaaa0001"], tests=(legacy,))
    new = world.start(vif_id)
    assert ids(world.history(virtualInterfaceId=vif_id)) == [new, legacy.test_id]
    assert ids(world.history()) == [new]
    assert ids(world.history(testId=legacy.test_id)) == []
    # Deleting its VIF expires the records there are, and asks for none that is not.
    virtual_interfaces.delete(world.call({"virtualInterfaceId": vif_id}))
    [record] = world.store.query(FailoverRecord, SCOPE)
    assert record.test_id == new and record.expires_at is not None


def test_an_empty_account_reads_nothing() -> None:
    world = World()
    world.add_vifs(others(50))
    assert world.history() == {"virtualInterfaceTestHistory": []}
    assert world.store.reads == []

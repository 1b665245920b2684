"""Failover-test records' rules alone (domain/failover_records.py): a test id names its VIF and is
still a random UUID, the history's order key, and which records a VIF's tests have."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from dx_emulator.domain.context import Context, Names
from dx_emulator.domain.failover import TESTS_KEPT, start_test
from dx_emulator.domain.failover_records import (
    FailoverRecord,
    dropped,
    new_test_id,
    order_key,
    record_of,
    recorded,
    vif_of_test,
)
from dx_emulator.domain.model import FailoverTest
from tests.unit.domain_support import NOW, SeededEntropy, vif

VIF_IDS = ["dxvif-00000000", "dxvif-99999999", "dxvif-ffhhk74f", "dxvif-a1b2c3d4", "dxvif-zzzzzzzz"]


def context(token: str, now: float = NOW + 1) -> Context:
    return Context("123456789012", "us-east-1", now, SeededEntropy(1), names=Names(token))


@pytest.mark.parametrize("vif_id", VIF_IDS)
def test_a_test_id_is_a_random_uuid_that_names_its_vif(vif_id: str) -> None:
    test_id = new_test_id(context("r1"), vif_id)
    parsed = uuid.UUID(test_id)
    assert (str(parsed), parsed.version, parsed.variant) == (test_id, 4, uuid.RFC_4122)
    assert vif_of_test(test_id) == vif_id


def test_a_request_draws_the_same_test_id_again_and_another_request_another() -> None:
    vif_id = VIF_IDS[2]
    assert new_test_id(context("r1"), vif_id) == new_test_id(context("r1"), vif_id)
    ids = {new_test_id(context(f"r{number}"), vif_id) for number in range(200)}
    assert len(ids) == 200
    # Tests of one VIF share their first 11 hex digits; the rest is the request's own.
    assert len({test_id[:12] for test_id in ids}) == 1 and len({test_id[12:] for test_id in ids}) == 200


@pytest.mark.parametrize("test_id", [
    "", "not-a-test", "test", str(uuid.UUID(int=0)),  # not version 4
    "FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF",  # ours are lowercase
    "ffffffff-fff0-4000-8000-000000000000",  # past any VIF id: 16**11 > 36**8
    "00000000-0000-4000-8000-000000000000-0",
])
def test_a_string_no_test_id_of_ours_can_be_names_no_vif(test_id: str) -> None:
    assert vif_of_test(test_id) is None


def test_the_order_key_sorts_newest_first_then_by_test_id() -> None:
    starts = [NOW, NOW + 0.5, NOW + 1, NOW + 3_000_000, 0.0, 1.0]
    keys = {order_key("b", start): start for start in starts}
    assert [keys[key] for key in sorted(keys)] == sorted(starts, reverse=True)
    assert len({len(key) for key in keys}) == 1  # zero-padded: string order is number order
    assert sorted([order_key("b", NOW), order_key("a", NOW)]) == [order_key("a", NOW), order_key("b", NOW)]
    # The nextToken's key, byte for byte as before records existed.
    assert order_key("t", NOW) == f"{10**11 - NOW:020.6f}#t"


def test_a_started_test_has_a_record_and_a_legacy_test_none() -> None:
    legacy = FailoverTest(str(uuid.UUID(int=7, version=4)), (), 1, NOW - 100, NOW - 40)
    base = replace(vif(), virtual_interface_state="available", failover_tests=(legacy,))
    started, test = start_test(base, None, 1, context("r1"))
    record = record_of(started, test)
    assert record == FailoverRecord("123456789012", "us-east-1", base.virtual_interface_id, test.test_id, NOW + 1)
    assert record.resource_id == order_key(test.test_id, NOW + 1)
    assert recorded(started) == (record,)  # not the legacy test: it has none
    assert dropped(base, started) == ()


def test_the_test_the_vif_no_longer_keeps_drops_its_record() -> None:
    current = replace(vif(), virtual_interface_state="available")
    for number in range(TESTS_KEPT):
        current, _ = start_test(current, None, 1, context(f"r{number}", NOW + 100 * (number + 1)))
    oldest = current.failover_tests[-1]
    assert len(recorded(current)) == TESTS_KEPT
    after, _ = start_test(current, None, 1, context("one more", NOW + 100 * (TESTS_KEPT + 1)))
    assert dropped(current, after) == (record_of(current, oldest),)
    assert len(recorded(after)) == TESTS_KEPT

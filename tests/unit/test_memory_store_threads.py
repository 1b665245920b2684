"""`dx-emulator serve`'s in-memory store under threads: its commits are atomic across concurrent
requests, as DynamoDB's conditional writes are (the contract itself: test_memory_store.py)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest

from dx_emulator.domain.model import Connection
from dx_emulator.store.memory import MemoryRepository
from dx_emulator.store.repository import ConcurrentModification, IdCollision
from dx_emulator.store.writes import Put
from tests.unit.test_memory_store import SCOPE, connection


@pytest.fixture
def switching() -> Iterator[None]:
    """Threads switch every microsecond, not every 5 ms, so checks and writes interleave: without the
    store's lock the counter below loses updates (verified)."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


@pytest.mark.usefixtures("switching")
def test_concurrent_optimistic_writers_lose_no_update() -> None:
    store = MemoryRepository()
    store.commit([Put(connection("dxcon-counter"))], "start")
    threads, rounds = 32, 25
    barrier = threading.Barrier(threads)
    lost_races = []

    def work(n: int) -> None:
        barrier.wait()
        for r in range(rounds):
            while True:
                current = store.get(Connection, SCOPE, "dxcon-counter")
                assert current is not None
                try:
                    store.commit([Put(replace(current, vlan=(current.vlan or 0) + 1))], f"{n}-{r}")
                    break
                except ConcurrentModification:
                    lost_races.append(n)

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    final = store.get(Connection, SCOPE, "dxcon-counter")
    assert final is not None and final.vlan == threads * rounds and final.version == threads * rounds + 1


@pytest.mark.usefixtures("switching")
def test_concurrent_creators_of_one_id_make_one_winner() -> None:
    store = MemoryRepository()
    threads = 32
    barrier = threading.Barrier(threads)
    outcomes: list[str] = []

    def create(n: int) -> None:
        barrier.wait()
        try:
            store.commit([Put(replace(connection("dxcon-contest"), connection_name=str(n)))], f"t{n}")
            outcomes.append("won")
        except IdCollision:
            outcomes.append("collided")

    workers = [threading.Thread(target=create, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(outcomes) == ["collided"] * (threads - 1) + ["won"]

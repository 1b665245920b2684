"""Reading one page of a full listing from the store, not the whole account: each source is read in
id order from the page's start (keyset), as far as the page needs, so a page costs the same whatever
the account holds. Resources that have gone (past their retention) are skipped and more is read."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from .pages import PageRequest

S = TypeVar("S")
T = TypeVar("T")

Load = Callable[[str | None, int | None], Sequence[S]]  # (after id, at most) -> stored, in id order


def fetch(request: PageRequest, load: Load[S], current: Callable[[S], T | None], key: Callable[[S], str]) -> list[T]:
    """The page's candidates from one source: one more than the page holds when there are more, so
    ``paged`` knows to answer a nextToken; everything when the request has no page size."""
    def resolve(batch: Sequence[S]) -> list[T]:
        return [found for stored in batch if (found := current(stored)) is not None]

    return fetch_batches(request, load, resolve, key)


def fetch_batches(request: PageRequest, load: Load[S], resolve: Callable[[Sequence[S]], list[T]],
                  key: Callable[[S], str]) -> list[T]:
    """As ``fetch``, each batch read resolved at once: what a batch names is then read in one call
    (the VIFs a page of failover-test records names) instead of one call per item."""
    if request.size is None:
        return resolve(load(request.after, None))
    wanted = request.size + 1
    kept: list[T] = []
    after = request.after
    while True:
        batch = load(after, wanted)
        kept += resolve(batch)
        if len(kept) >= wanted or len(batch) < wanted:
            return kept
        after = key(batch[-1])

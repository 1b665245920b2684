"""What every kind of resource carries for the store, whatever else it holds: the version it was
loaded with (None: not stored yet), the tokens of the requests that last wrote it (store/repository.py),
and for most, when it was deleted and when DynamoDB's TTL may drop it. Keyword-only, so each kind's
own fields keep their order and the common tail is written once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Stored:
    version: int | None = None
    write_tokens: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Expiring(Stored):
    # When DynamoDB's TTL may drop the item: a deleted resource stays visible until then.
    expires_at: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Deletable(Expiring):
    deleted_at: float | None = None

"""What every kind of resource carries for the store, whatever else it holds: the version it was
loaded with (None: not stored yet), the tokens of the requests that last wrote it (store/repository.py),
and for most, when it was deleted and when DynamoDB's TTL may drop it. Keyword-only, so each kind's
own fields keep their order and the common tail is written once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Stored:
    """The version an entity was loaded with, and the tokens of the requests that last wrote it."""

    version: int | None = None
    write_tokens: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Expiring(Stored):
    """Stored, and dropped by DynamoDB's TTL once ``expires_at`` has passed."""

    # When DynamoDB's TTL may drop the item: a deleted resource stays visible until then.
    expires_at: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Deletable(Expiring):
    """Expiring, and visible as deleted from ``deleted_at`` until it expires."""

    deleted_at: float | None = None

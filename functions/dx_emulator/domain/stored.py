"""What every kind of resource carries for the store, whatever else it holds: the version it was
loaded with (None: not stored yet), the tokens of the requests that last wrote it (store/repository.py),
and for most, when it was deleted and when DynamoDB's TTL may drop it. Keyword-only, so each kind's
own fields keep their order and the common tail is written once."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, TypeVar

T = TypeVar("T")
_FIELDS: dict[type[Any], tuple[tuple[str, ...], frozenset[str]]] = {}


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


def derived(entity: T, **changes: Any) -> T:
    """``dataclasses.replace(entity, **changes)``, without running ``__init__`` again (no entity has
    a ``__post_init__``). Reads derive the state of every item they list (lifecycle.py), and
    ``replace``'s keyword plumbing through a frozen ``__init__`` was ~40% of a listing's CPU."""
    kind = type(entity)
    known = _FIELDS.get(kind)
    if known is None:
        names = tuple(field.name for field in fields(kind))  # type: ignore[arg-type]
        known = _FIELDS[kind] = (names, frozenset(names))
    names, name_set = known
    if not changes.keys() <= name_set:  # as replace() refuses a field the class does not have
        raise TypeError(f"{kind.__name__} has no field {', '.join(sorted(changes.keys() - name_set))}")
    copy = object.__new__(kind)
    for name in names:
        object.__setattr__(copy, name, changes[name] if name in changes else getattr(entity, name))
    return copy

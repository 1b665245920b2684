"""What every kind of resource carries for the store, whatever else it holds: the version it was
loaded with (None: not stored yet), the tokens of the requests that last wrote it (store/repository.py),
and for most, when it was deleted and when DynamoDB's TTL may drop it. Keyword-only, so each kind's
own fields keep their order and the common tail is written once."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import fields
from itertools import repeat
from operator import attrgetter, call
from types import MemberDescriptorType
from typing import Any, TypeVar

from ..records import record

T = TypeVar("T")


@record(kw_only=True)
class Stored:
    """The version an entity was loaded with, and the tokens of the requests that last wrote it."""

    version: int | None = None
    write_tokens: tuple[str, ...] = ()


@record(kw_only=True)
class Expiring(Stored):
    """Stored, and dropped by DynamoDB's TTL once ``expires_at`` has passed."""

    # When DynamoDB's TTL may drop the item: a deleted resource stays visible until then.
    expires_at: float | None = None


@record(kw_only=True)
class Deletable(Expiring):
    """Expiring, and visible as deleted from ``deleted_at`` until it expires."""

    deleted_at: float | None = None


def derived(entity: T, **changes: Any) -> T:
    """``dataclasses.replace(entity, **changes)``, without running ``__init__`` again (no entity has
    a ``__post_init__``). Reads derive the state of every item they list (lifecycle.py): ``replace``'s
    keyword plumbing through a frozen ``__init__`` took ~9 µs a connection, a getattr and
    ``object.__setattr__`` per field ~6.5 µs; one ``attrgetter`` call and the slots' own setters,
    driven from C, take ~3.6 µs."""
    read, writes, by_name = _COPIERS.get(type(entity)) or _copier(type(entity))
    if not changes.keys() <= by_name.keys():  # as replace() refuses a field the class does not have
        unknown = ", ".join(sorted(changes.keys() - by_name.keys()))
        raise TypeError(f"{type(entity).__name__} has no field {unknown}")
    copy: T = object.__new__(type(entity))
    # Every field as it is, then the changed ones over them: no Python-level loop over the fields.
    deque(map(call, writes, repeat(copy), read(entity)), 0)
    for name, value in changes.items():
        by_name[name](copy, value)
    return copy


# A read's copy of a stored entity whose state moved, by the stored object's id (the object is kept
# with it, so its id cannot be reused meanwhile). serve's memory store answers every read with the
# same frozen object until it is written again, so a listing copies each entity once, not on every
# read (a third of a DescribeConnections of 160). Read from DynamoDB every item is a new object:
# nothing is found, and the dict is emptied when full.
_MOVED: dict[int, tuple[Any, Any]] = {}
MOVED_KEPT = 2048


def moved(entity: T, name: str, value: Any) -> T:
    """``entity`` with its field ``name`` at ``value`` (a state derived on read): ``entity`` itself when
    it already is; else ``derived(entity, name=value)``, made once per stored object and value."""
    if getattr(entity, name) == value:
        return entity
    kept = _MOVED.get(id(entity))
    if kept is not None and kept[0] is entity and getattr(kept[1], name) == value:
        return kept[1]  # type: ignore[no-any-return]
    copy = derived(entity, **{name: value})
    if len(_MOVED) >= MOVED_KEPT:
        _MOVED.clear()  # rather than evicting one by one: the next listing fills it again
    _MOVED[id(entity)] = (entity, copy)
    return copy


Setter = Callable[[Any, Any], None]
# Per class: all its fields' values in one call, their setters in the same order, the setters by name.
Copier = tuple[Callable[[Any], tuple[Any, ...]], tuple[Setter, ...], dict[str, Setter]]
_COPIERS: dict[type[Any], Copier] = {}


def _copier(kind: type[Any]) -> Copier:
    names = tuple(field.name for field in fields(kind))
    by_name = {name: _setter(kind, name) for name in names}
    # attrgetter of one name returns the value itself, not a 1-tuple.
    getter = attrgetter(*names) if len(names) > 1 else (lambda entity: tuple(getattr(entity, n) for n in names))
    copier = _COPIERS[kind] = (getter, tuple(by_name.values()), by_name)
    return copier


def _setter(kind: type[Any], name: str) -> Setter:
    """The slot's own setter (a member descriptor, on the class that declares it: past the frozen
    ``__setattr__``), or for a field not in a slot, ``object.__setattr__`` by name."""
    for klass in kind.__mro__:
        slot = vars(klass).get(name)
        if isinstance(slot, MemberDescriptorType):
            return slot.__set__
    return lambda obj, value: object.__setattr__(obj, name, value)

"""The store of `dx-emulator serve` without DynamoDB: the domain's own entities in dicts, in memory.

The same contract as ``Repository`` (repository.py), kept the same way: every write conditional on
the version it was loaded with (or on the key being free), a commit all or none, the request's token
stamped on what it wrote so a replay is recognised. One lock makes each commit's check-and-apply
atomic with respect to every other commit and read; it is held for microseconds, never for a request,
so `serve` answers requests concurrently. Entities are frozen dataclasses: nothing is serialised.

A partition (``<account>#<region>``) is a dict by sort key plus its sort keys in order, so a query
is a bisection and a slice. A VIF's parent (``connection_id``) is indexed on every write, as
DynamoDB's by-parent index is, so ``on_parent`` reads no partition.

What DynamoDB would normalise is normalised on the way in: slots kept as a map by id come back in id
order and unique, string sets sorted (store/mapping.py), so both stores answer alike. DynamoDB's TTL
is not run (neither does DynamoDB Local): the domain ignores what has expired.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, TypeVar, cast

from ..domain.model import VirtualInterface
from ..domain.stored import derived
from ..scope import Scope
from .kinds import key_of, kind_of, partition
from .mapping import KEYED, SETS
from .repository import ConcurrentModification, IdCollision, Repository, _stamped
from .writes import Check, Delete, Detach, Expire, Put, Write

if TYPE_CHECKING:
    from .kinds import Entity

E = TypeVar("E", bound="Entity")
EntityT = TypeVar("EntityT", bound="Entity")
Key = tuple[str, str]

_NORMALISED: dict[type[Any], tuple[str, ...]] = {}


def _normalised(entity_class: type[Any]) -> tuple[str, ...]:
    """The fields DynamoDB would normalise, per kind (looked up once per kind)."""
    names = _NORMALISED.get(entity_class)
    if names is None:
        names = _NORMALISED[entity_class] = tuple(f.name for f in fields(entity_class)
                                                  if f.name in KEYED or f.name in SETS)
    return names


def _as_stored(entity: E) -> E:
    """The entity as a read from DynamoDB would return it: keyed slots unique and in id order, sets sorted."""
    changes: dict[str, Any] = {}
    for name in _normalised(type(entity)):
        values = getattr(entity, name)
        if name in SETS:
            normal = tuple(sorted(set(values)))
        else:
            key = KEYED[name][1]
            by_id = {getattr(slot, key): slot for slot in values}
            normal = tuple(by_id[slot_id] for slot_id in sorted(by_id))
        if normal != values:
            changes[name] = normal
    return derived(entity, **changes) if changes else entity


def _without(values: tuple[Any, ...], member: str, child_id: str) -> tuple[Any, ...]:
    """``values`` less ``child_id``: an id of a set, or the slot keyed by it."""
    if member in SETS:
        return tuple(value for value in values if value != child_id)
    key = KEYED[member][1]
    return tuple(slot for slot in values if getattr(slot, key) != child_id)


def _prefix_end(keys: list[str], prefix: str, start: int) -> int:
    """Where the keys starting with ``prefix`` end, from ``start`` (where they begin)."""
    if not prefix:
        return len(keys)
    if prefix[-1] != chr(0x10FFFF):
        return bisect_left(keys, prefix[:-1] + chr(ord(prefix[-1]) + 1), lo=start)
    end = start
    while end < len(keys) and keys[end].startswith(prefix):
        end += 1
    return end


@dataclass
class _Partition:
    items: dict[str, Entity] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)  # the sort keys, in order


class MemoryRepository(Repository):
    """``Repository``'s interface and semantics, on dicts in this process (lost on exit)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._partitions: dict[str, _Partition] = {}
        # connection_id -> the keys of the VIFs on it, in every account and region.
        self._by_parent: dict[str, set[Key]] = {}

    def ping(self) -> None:
        """Always up: the store is this process."""

    def remove_partition(self, partition: str, keep: frozenset[str] = frozenset()) -> Counter[str]:
        removed: Counter[str] = Counter()
        with self._lock:
            part = self._partitions.get(partition)
            if part is None:
                return removed
            for sort_key in [key for key in part.keys if key not in keep]:
                self._unindex(partition, sort_key, part.items.pop(sort_key))
                removed[sort_key] += 1
            part.keys = [key for key in part.keys if key in part.items]
            if not part.keys:
                del self._partitions[partition]
        return removed

    def get(self, entity_class: type[E], scope: Scope, resource_id: str) -> E | None:
        kind = kind_of(entity_class)
        sort_key = kind.sort_key(resource_id)
        if sort_key is None:
            return None
        with self._lock:
            return cast(E | None, self._stored((partition(kind, scope.account, scope.region), sort_key)))

    def query(self, entity_class: type[E], scope: Scope, id_prefix: str = "", *, after: str | None = None,
              limit: int | None = None) -> list[E]:
        """As ``Repository.query``: a key range of the partition, in sort-key order."""
        kind = kind_of(entity_class)
        prefix = kind.query_prefix + id_prefix
        with self._lock:
            part = self._partitions.get(partition(kind, scope.account, scope.region))
            if part is None:
                return []
            keys = part.keys
            if after is None:
                # The keys with the prefix are those from the prefix up to its successor.
                start = bisect_left(keys, prefix)
                selected = keys[start:_prefix_end(keys, prefix, start)]
            else:
                # DynamoDB's ``between`` of Repository.query, bound for bound.
                start = bisect_left(keys, kind.sk_prefix + after + "\x00")
                selected = keys[start:bisect_right(keys, prefix + "\uffff", lo=start)]
            if limit is not None:
                selected = selected[:limit]
            return cast(list[E], [part.items[key] for key in selected])

    def on_parent(self, region: str, parent_id: str) -> list[tuple[str, str]]:
        """(owner account, VIF id) of every VIF on ``parent_id`` in ``region``, of any account, in id order."""
        with self._lock:
            keys = list(self._by_parent.get(parent_id, ()))
        found = [(account, sort_key) for (account, _, item_region), sort_key in
                 ((pk.partition("#"), sort_key) for pk, sort_key in keys) if item_region == region]
        return sorted(found, key=lambda pair: (pair[1], pair[0]))

    def get_many(self, entity_class: type[E], scope: Scope, resource_ids: Iterable[str]) -> list[E]:
        kind = kind_of(entity_class)
        pk = partition(kind, scope.account, scope.region)
        sort_keys = [key for key in map(kind.sort_key, dict.fromkeys(resource_ids)) if key is not None]
        with self._lock:
            found = [entity for entity in (self._stored((pk, key)) for key in sort_keys) if entity is not None]
        return sorted(cast(list[E], found), key=lambda entity: entity.resource_id)

    def get_pair(self, first: tuple[type[E], Scope, str],
                 second: tuple[type[EntityT], Scope, str]) -> tuple[E | None, EntityT | None]:
        """Two items of any kinds, read together (one consistent read, as Repository's one BatchGetItem)."""
        keys = [None if sort_key is None else (partition(kind, scope.account, scope.region), sort_key)
                for kind, scope, sort_key in ((kind_of(cls), scope, kind_of(cls).sort_key(resource_id))
                                              for cls, scope, resource_id in (first, second))]
        with self._lock:
            found = [None if key is None else self._stored(key) for key in keys]
        return cast(E | None, found[0]), cast(EntityT | None, found[1])

    def commit(self, writes: Sequence[Write], token: str) -> Entity:
        """As ``Repository.commit``: all or none, each write on its condition; the first Put's entity
        as stored, or as this request's earlier attempt stored it."""
        first = writes[0]
        if not isinstance(first, Put):
            raise TypeError("a commit starts with the Put of the entity it answers with")
        written = _stamped(first.entity, token)
        stamped = [Put(written), *(Put(_stamped(w.entity, token)) if isinstance(w, Put) else w for w in writes[1:])]
        keys = [self._key(write) for write in stamped]
        if len(set(keys)) < len(keys):  # DynamoDB refuses such a transaction (ValidationException)
            raise ValueError("a commit writes each item at most once")
        # What each Put stores, made before the lock is taken, so it is held only to check and write.
        # stored.derived, not dataclasses.replace: the same entity, without a second run of __init__.
        puts = [derived(_as_stored(w.entity), version=(w.entity.version or 0) + 1) if isinstance(w, Put) else None
                for w in stamped]
        with self._lock:
            failed = [write for write, key in zip(stamped, keys, strict=True) if not self._holds(write, key)]
            if failed:
                stored = self._stored(keys[0])
                if stored is None:
                    raise ConcurrentModification(written.resource_id)
                if token in stored.write_tokens:
                    return stored
                if any(isinstance(write, Put) and write.entity.version is None for write in failed):
                    raise IdCollision(written.resource_id)
                raise ConcurrentModification(written.resource_id)
            for write, key, put in zip(stamped, keys, puts, strict=True):
                self._apply(write, key, put)
        return derived(written, version=(written.version or 0) + 1)

    # Below: called with the lock held.

    @staticmethod
    def _key(write: Write) -> Key:
        if isinstance(write, Put | Check | Delete):
            return key_of(write.entity)
        kind = kind_of(write.kind)
        resource_id = write.parent_id if isinstance(write, Detach) else write.resource_id
        return partition(kind, write.owner_account, write.region), kind.sk_prefix + resource_id

    def _stored(self, key: Key) -> Entity | None:
        part = self._partitions.get(key[0])
        return None if part is None else part.items.get(key[1])

    def _holds(self, write: Write, key: Key) -> bool:
        """Whether the write's condition holds: the version read (none: a new key), or the item exists
        (a Delete has none)."""
        if isinstance(write, Delete):
            return True
        stored = self._stored(key)
        if isinstance(write, Put | Check):
            return (stored is None if write.entity.version is None
                    else stored is not None and stored.version == write.entity.version)
        return stored is not None

    def _apply(self, write: Write, key: Key, put: Entity | None) -> None:
        """Write ``put`` (a Put's entity as stored), update the stored item (Detach, Expire), or remove it."""
        if isinstance(write, Check):
            return
        if isinstance(write, Delete):
            self._remove(key)
            return
        stored = self._stored(key)
        if put is not None:
            entity = put
        else:
            assert isinstance(write, Detach | Expire)
            assert stored is not None and stored.version is not None  # _holds: the item exists
            change = ({"expires_at": write.at} if isinstance(write, Expire)
                      else {write.member: _without(getattr(stored, write.member), write.member, write.child_id)})
            entity = derived(stored, **change, version=stored.version + 1)
        pk, sort_key = key
        part = self._partitions.setdefault(pk, _Partition())
        if stored is None:
            insort(part.keys, sort_key)
        else:
            self._unindex(pk, sort_key, stored)
        part.items[sort_key] = entity
        if isinstance(entity, VirtualInterface):
            self._by_parent.setdefault(entity.connection_id, set()).add(key)

    def _remove(self, key: Key) -> None:
        pk, sort_key = key
        part = self._partitions.get(pk)
        stored = None if part is None else part.items.pop(sort_key, None)
        if part is None or stored is None:
            return
        del part.keys[bisect_left(part.keys, sort_key)]
        self._unindex(pk, sort_key, stored)
        if not part.keys:
            del self._partitions[pk]

    def _unindex(self, pk: str, sort_key: str, entity: Entity) -> None:
        if isinstance(entity, VirtualInterface):
            keys = self._by_parent.get(entity.connection_id)
            if keys is not None:
                keys.discard((pk, sort_key))
                if not keys:
                    del self._by_parent[entity.connection_id]

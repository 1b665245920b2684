"""Loading and saving resources. Every write is conditional; a lost race is ConcurrentModification.

The store decides no business rule: the caller re-reads and re-applies its rule when a
condition fails (operations/call.py), so the rule is always checked against the winner's write.
Every entity carries the version it was loaded with; saving it writes on condition that the
version is unchanged, or, for a new entity (version None), that the item does not exist yet.

A write also records the token of the request that made it. When DynamoDB applies a write and its
answer is lost, botocore sends it again and that retry fails its own condition; the store then reads
the item back, finds its own token there, and reports the write as done instead of as a lost race.
"""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.exceptions import GetError, PutError, PynamoDBException, TransactWriteError
from pynamodb.expressions.condition import Condition
from pynamodb.transactions import TransactWrite

from ..errors import StoreUnavailable
from ..scope import Scope
from . import account_items
from .items import BaseItem, ByParentIndex
from .kinds import MAX_ID_LENGTH, key_of, kind_of, partition
from .mapping import from_attributes, to_attributes
from .writes import Check, Delete, Detach, Expire, Put, Write

if TYPE_CHECKING:
    from .kinds import Entity

CONDITION_FAILED = "ConditionalCheckFailedException"
# How many recent writers' tokens an item remembers: enough for a request to recognise its own
# write after a few others have written the same item in between.
TOKENS_KEPT = 8
# Why a transaction was cancelled when another writer got there first: retry those.
LOST_RACE_REASONS = frozenset({"ConditionalCheckFailed", "TransactionConflict"})

E = TypeVar("E", bound="Entity")
EntityT = TypeVar("EntityT", bound="Entity")


class ConcurrentModification(Exception):
    """A conditional write lost to another writer: load and try again."""


class IdCollision(ConcurrentModification):
    """A new resource's id is another's already: try again under other ids."""


P = ParamSpec("P")
R = TypeVar("R")
log = logging.getLogger(__name__)


def _store_call(method: Callable[P, R]) -> Callable[P, R]:
    """DynamoDB's own failures (after botocore's retries) become one AWS-shaped 500 for the client.
    Each store method makes at most one write, so a failure leaves nothing half-written."""

    @functools.wraps(method)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except PynamoDBException as error:
            # The cause's code and message only: never the request, which may hold auth keys.
            log.warning("DynamoDB call failed: %s %s", type(error).__name__, _cause(error))
            raise StoreUnavailable("The emulator's store (DynamoDB) failed or is throttling; try again") from error

    return call


def _cause(error: PynamoDBException) -> str | None:
    """DynamoDB's error code, or None when the call never got an answer (a timeout, a dropped
    connection): PynamoDB's own property raises AttributeError then."""
    try:
        return error.cause_response_code
    except AttributeError:
        return None


def _stamped(entity: EntityT, token: str) -> EntityT:
    """The entity as it will be once written by the request ``token``."""
    return replace(entity, write_tokens=(token, *(t for t in entity.write_tokens if t != token))[:TOKENS_KEPT])


def _item(entity: Entity) -> BaseItem:
    attributes = to_attributes(entity)
    if entity.version is not None:
        # No version means a new item: PynamoDB then writes on condition that it does not exist yet.
        attributes["version"] = entity.version
    return kind_of(type(entity)).item_class(*key_of(entity), **attributes)


def _entity(entity_class: type[E], item: BaseItem) -> E:
    return from_attributes(entity_class, item, version=item.version)


def _lost_race(error: PutError | TransactWriteError) -> bool:
    if isinstance(error, PutError):
        return _cause(error) == CONDITION_FAILED
    return bool({reason.code for reason in error.cancellation_reasons if reason is not None} & LOST_RACE_REASONS)


def _collided(error: PutError | TransactWriteError, writes: Sequence[Write]) -> bool:
    """Whether a new resource's write failed: only its "does not exist yet" condition can fail, so
    another resource holds its id."""
    if isinstance(error, PutError):
        return isinstance(writes[0], Put) and writes[0].entity.version is None
    failed = [write for reason, write in zip(error.cancellation_reasons, _as_sent(writes), strict=False)
              if reason is not None and reason.code == "ConditionalCheckFailed"]
    return any(isinstance(write, Put) and write.entity.version is None for write in failed)


# PynamoDB sends a transaction's items grouped by action, in this order (Connection.transact_write_items),
# and DynamoDB gives its cancellation reasons in the order sent.
_SENT_ORDER = {Check: 0, Delete: 1, Put: 2, Detach: 3, Expire: 3}


def _as_sent(writes: Sequence[Write]) -> list[Write]:
    return sorted(writes, key=lambda write: _SENT_ORDER[type(write)])


def _update(write: Detach | Expire) -> tuple[BaseItem, list[Any], Any]:
    """Change an item with an update that needs no read: drop a member from a parent's map or set,
    or set its expiry. The item's version goes up, so a writer holding its old version retries.
    (version=0 on the key-only item makes PynamoDB add "ADD version 1" without a condition of its own.)"""
    kind = kind_of(write.kind)
    item_class = kind.item_class
    resource_id = write.parent_id if isinstance(write, Detach) else write.resource_id
    key = item_class(partition(kind, write.owner_account, write.region), kind.sk_prefix + resource_id, version=0)
    if isinstance(write, Expire):
        return key, [item_class.expires_at.set(datetime.fromtimestamp(write.at, UTC))], item_class.pk.exists()
    attribute = getattr(item_class, write.member)
    action = attribute.delete({write.child_id}) if write.member == "connection_ids" else (
        attribute[write.child_id].remove())
    return key, [action], item_class.pk.exists()


class Repository:
    @_store_call
    def ping(self) -> None:
        """One read of a key no item has: whether the store answers (the health route)."""
        BaseItem.count("health#", BaseItem.sk == "health", consistent_read=False)

    @_store_call
    def remove_partition(self, partition: str, keep: frozenset[str] = frozenset()) -> Counter[str]:
        return account_items.remove_partition(partition, keep)

    @_store_call
    def get(self, entity_class: type[E], scope: Scope, resource_id: str) -> E | None:
        kind = kind_of(entity_class)
        sort_key = kind.sort_key(resource_id)
        if sort_key is None:
            return None
        try:
            item = kind.item_class.get(partition(kind, scope.account, scope.region), sort_key, consistent_read=True)
        except kind.item_class.DoesNotExist:
            return None
        return _entity(entity_class, item)

    @_store_call
    def query(self, entity_class: type[E], scope: Scope, id_prefix: str = "", *, after: str | None = None,
              limit: int | None = None) -> list[E]:
        """The resources of a kind in the scope's partition whose ids start with ``id_prefix``, in id
        order: those after the id ``after`` (keyset paging), at most ``limit`` of them (all without
        one). One query on a key range, paginated by DynamoDB; never a filter."""
        kind = kind_of(entity_class)
        prefix = kind.query_prefix + id_prefix
        condition: Condition
        if after is None:
            condition = kind.item_class.sk.startswith(prefix)
        else:
            # Past ``after`` and still within the prefix: "\uffff" sorts after every id character.
            condition = kind.item_class.sk.between(kind.sk_prefix + after + "\x00", prefix + "\uffff")
        items = kind.item_class.query(partition(kind, scope.account, scope.region), condition,
                                      consistent_read=True, limit=limit)
        return [_entity(entity_class, item) for item in items]

    @_store_call
    def on_parent(self, region: str, parent_id: str) -> list[tuple[str, str]]:
        """(owner account, VIF id) of every VIF on the connection or LAG ``parent_id``, of any account
        (hosted VIFs live in their owners' partitions): one query of the by-parent index, keys only.
        The index is eventually consistent on DynamoDB; read the VIFs themselves for their state."""
        if not parent_id.startswith(("dxcon-", "dxlag-")) or len(parent_id) > MAX_ID_LENGTH:
            return []  # no connection or LAG has such an id (and DynamoDB refuses an empty key)
        found = BaseItem.by_parent.query(parent_id, ByParentIndex.sk.startswith("dxvif-"))
        keys = [(*item.pk.split("#", 1), item.sk) for item in found]
        return [(account, sort_key) for account, item_region, sort_key in keys if item_region == region]

    @_store_call
    def get_many(self, entity_class: type[E], scope: Scope, resource_ids: Iterable[str]) -> list[E]:
        kind = kind_of(entity_class)
        keys = [(partition(kind, scope.account, scope.region), sort_key) for sort_key in
                (kind.sort_key(resource_id) for resource_id in dict.fromkeys(resource_ids)) if sort_key is not None]
        if not keys:
            return []
        items: Iterator[BaseItem] = kind.item_class.batch_get(keys, consistent_read=True)
        return sorted((_entity(entity_class, item) for item in items), key=lambda entity: entity.resource_id)

    @_store_call
    def get_pair(self, first: tuple[type[E], Scope, str],
                 second: tuple[type[EntityT], Scope, str]) -> tuple[E | None, EntityT | None]:
        """Two items of any kinds in one consistent BatchGetItem: a request's account record and the
        resource it names cost one round trip, not two."""
        wanted = [(cls, kind_of(cls), scope, kind_of(cls).sort_key(resource_id))
                  for cls, scope, resource_id in (first, second)]
        keys = {(partition(kind, scope.account, scope.region), sort_key): (cls, kind)
                for cls, kind, scope, sort_key in wanted if sort_key is not None}
        found: dict[tuple[str, str], Any] = {}
        pending = [{"pk": {"S": pk}, "sk": {"S": sk}} for pk, sk in keys]
        while pending:  # BatchGetItem may leave keys unprocessed under load: ask again for those
            try:
                answer = BaseItem._get_connection().connection.dispatch("BatchGetItem", {"RequestItems": {
                    BaseItem.Meta.table_name: {"Keys": pending, "ConsistentRead": True}}})
            except (BotoCoreError, ClientError) as error:  # as PynamoDB's own batch_get wraps them
                raise GetError("Failed to batch get items", error) from error
            for data in answer.get("Responses", {}).get(BaseItem.Meta.table_name, []):
                key = (data["pk"]["S"], data["sk"]["S"])
                cls, kind = keys[key]
                found[key] = _entity(cls, kind.item_class.from_raw_data(data))
            pending = answer.get("UnprocessedKeys", {}).get(BaseItem.Meta.table_name, {}).get("Keys", [])
        results = [found.get((partition(kind, scope.account, scope.region), sort_key)) if sort_key else None
                   for _, kind, scope, sort_key in wanted]
        return results[0], results[1]

    @_store_call
    def commit(self, writes: Sequence[Write], token: str) -> Entity:
        """Apply ``writes`` all or none, each on its own condition; the first must be a Put, whose
        entity is returned as stored. If a condition fails because this request's own earlier
        attempt got there first (its answer lost on the way back), that is a success too."""
        first = writes[0]
        if not isinstance(first, Put):
            raise TypeError("a commit starts with the Put of the entity it answers with")
        written = _stamped(first.entity, token)
        stamped = [Put(written), *(Put(_stamped(w.entity, token)) if isinstance(w, Put) else w for w in writes[1:])]
        try:
            if len(stamped) == 1:
                _item(written).save()
            else:
                self._transact(stamped)
        except (PutError, TransactWriteError) as error:
            if not _lost_race(error):
                raise
            item_class = kind_of(type(written)).item_class
            try:
                stored = item_class.get(*key_of(written), consistent_read=True)
            except item_class.DoesNotExist:
                raise ConcurrentModification(written.resource_id) from error
            if token in stored.write_tokens:
                return _entity(type(written), stored)
            if _collided(error, stamped):
                raise IdCollision(written.resource_id) from error
            raise ConcurrentModification(written.resource_id) from error
        return replace(written, version=(written.version or 0) + 1)

    @staticmethod
    def _transact(writes: Sequence[Write]) -> None:
        with TransactWrite(connection=BaseItem._get_connection().connection) as transaction:
            for write in writes:
                if isinstance(write, Put):
                    transaction.save(_item(write.entity))
                elif isinstance(write, Check):
                    item_class = kind_of(type(write.entity)).item_class
                    transaction.condition_check(item_class, *key_of(write.entity),
                                                condition=item_class.version == write.entity.version)
                elif isinstance(write, Delete):
                    item_class = kind_of(type(write.entity)).item_class
                    transaction.delete(item_class(*key_of(write.entity)), add_version_condition=False)
                else:
                    transaction.update(*_update(write), add_version_condition=False)

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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any, ParamSpec, TypeVar

from pynamodb.exceptions import PutError, PynamoDBException, TransactWriteError
from pynamodb.transactions import TransactWrite

from ..domain.model import Connection, Lag, VirtualInterface
from ..errors import StoreUnavailable
from ..scope import Scope
from .items import BaseItem, ConnectionItem, LagItem, VirtualInterfaceItem
from .mapping import from_attributes, to_attributes
from .writes import Check, Detach, Put, Write

CONDITION_FAILED = "ConditionalCheckFailedException"
# Every id the emulator issues is far shorter (``dxvif-`` + 8, a UUID); clients may send anything.
MAX_ID_LENGTH = 128
# How many recent writers' tokens an item remembers: enough for a request to recognise its own
# write after a few others have written the same item in between.
TOKENS_KEPT = 8
# Why a transaction was cancelled when another writer got there first: retry those.
LOST_RACE_REASONS = frozenset({"ConditionalCheckFailed", "TransactionConflict"})

Entity = Connection | Lag | VirtualInterface
E = TypeVar("E", Connection, Lag, VirtualInterface)
EntityT = TypeVar("EntityT", bound=Entity)

# Each kind: its item class and id prefix.
KINDS: dict[type[Any], tuple[type[BaseItem], str]] = {
    Connection: (ConnectionItem, "dxcon-"),
    Lag: (LagItem, "dxlag-"),
    VirtualInterface: (VirtualInterfaceItem, "dxvif-"),
}
ITEM_FOR_PREFIX = {prefix: item_class for item_class, prefix in KINDS.values()}


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


def _keyable(resource_id: str) -> bool:
    """Whether an id can be a sort key at all (DynamoDB allows 1,024 bytes): a longer one names
    nothing, and asking DynamoDB would only earn a validation error."""
    return 0 < len(resource_id) <= MAX_ID_LENGTH


def _pk(account: str, region: str) -> str:
    return f"{account}#{region}"


def _resource_id(entity: Entity) -> str:
    if isinstance(entity, VirtualInterface):
        return entity.virtual_interface_id
    return entity.resource_id


def _stamped(entity: EntityT, token: str) -> EntityT:
    """The entity as it will be once written by the request ``token``."""
    return replace(entity, write_tokens=(token, *(t for t in entity.write_tokens if t != token))[:TOKENS_KEPT])


def _item(entity: Entity) -> BaseItem:
    item_class = KINDS[type(entity)][0]
    attributes = to_attributes(entity)
    if entity.version is not None:
        # No version means a new item: PynamoDB then writes on condition that it does not exist yet.
        attributes["version"] = entity.version
    if isinstance(entity, VirtualInterface):
        attributes["bgp_peer_ids"] = {peer.bgp_peer_id for peer in entity.bgp_peers} or None
    return item_class(_pk(entity.owner_account, entity.region), _resource_id(entity), **attributes)


def _entity(entity_class: type[E], item: BaseItem) -> E:
    return from_attributes(entity_class, item, version=item.version)


def _restored(entity: EntityT, item: BaseItem) -> EntityT:
    """``item`` read back as the kind of ``entity``."""
    return from_attributes(type(entity), item, version=item.version)


def _lost_race(error: PutError | TransactWriteError) -> bool:
    if isinstance(error, PutError):
        return _cause(error) == CONDITION_FAILED
    return bool({reason.code for reason in error.cancellation_reasons if reason is not None} & LOST_RACE_REASONS)


def _collided(error: PutError | TransactWriteError, writes: Sequence[Write]) -> bool:
    """Whether a new resource's write failed: only its "does not exist yet" condition can fail, so
    another resource holds its id."""
    if isinstance(error, PutError):
        return isinstance(writes[0], Put) and writes[0].entity.version is None
    failed = [write for reason, write in zip(error.cancellation_reasons, writes, strict=False)
              if reason is not None and reason.code == "ConditionalCheckFailed"]
    return any(isinstance(write, Put) and write.entity.version is None for write in failed)


def _detach(write: Detach) -> tuple[BaseItem, list[Any], Any]:
    """Drop a member from a parent's map or set with an update that needs no read: the parent's
    version goes up, so a writer holding its old version retries. (version=0 on the key-only item
    makes PynamoDB add "ADD version 1" without a condition of its own.)"""
    parent_class = ITEM_FOR_PREFIX[write.parent_id[:6]]
    key = parent_class(_pk(write.owner_account, write.region), write.parent_id, version=0)
    attribute = getattr(parent_class, write.member)
    action = attribute[write.child_id].remove() if write.member == "vif_slots" else attribute.delete({write.child_id})
    return key, [action], parent_class.pk.exists()


class Repository:
    @_store_call
    def get(self, entity_class: type[E], scope: Scope, resource_id: str) -> E | None:
        item_class, prefix = KINDS[entity_class]
        if not resource_id.startswith(prefix) or not _keyable(resource_id):
            return None
        try:
            return _entity(entity_class, item_class.get(scope.partition_key, resource_id, consistent_read=True))
        except item_class.DoesNotExist:
            return None

    @_store_call
    def query(self, entity_class: type[E], scope: Scope, **equal: str) -> list[E]:
        """Every resource of a kind in the scope's partition (one paginated query), optionally
        filtered on attributes (``connection_id=...``)."""
        item_class, prefix = KINDS[entity_class]
        condition = None
        for name, value in equal.items():
            clause = getattr(item_class, name) == value
            condition = clause if condition is None else condition & clause
        items = item_class.query(scope.partition_key, item_class.sk.startswith(prefix), filter_condition=condition,
                                 consistent_read=True)
        return [_entity(entity_class, item) for item in items]

    @_store_call
    def get_many(self, entity_class: type[E], scope: Scope, resource_ids: Iterable[str]) -> list[E]:
        item_class = KINDS[entity_class][0]
        keys = [(scope.partition_key, resource_id) for resource_id in resource_ids if _keyable(resource_id)]
        if not keys:
            return []
        items: Iterator[BaseItem] = item_class.batch_get(keys, consistent_read=True)
        return sorted((_entity(entity_class, item) for item in items), key=_resource_id)

    @_store_call
    def find_vif_with_peer(self, scope: Scope, bgp_peer_id: str) -> VirtualInterface | None:
        items = VirtualInterfaceItem.query(
            scope.partition_key, VirtualInterfaceItem.sk.startswith("dxvif-"),
            filter_condition=VirtualInterfaceItem.bgp_peer_ids.contains(bgp_peer_id), consistent_read=True,
        )
        return next((_entity(VirtualInterface, item) for item in items), None)

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
            item_class = KINDS[type(written)][0]
            try:
                stored = item_class.get(_pk(written.owner_account, written.region), _resource_id(written),
                                        consistent_read=True)
            except item_class.DoesNotExist:
                raise ConcurrentModification(_resource_id(written)) from error
            if token in stored.write_tokens:
                return _restored(written, stored)
            if _collided(error, stamped):
                raise IdCollision(_resource_id(written)) from error
            raise ConcurrentModification(_resource_id(written)) from error
        return replace(written, version=(written.version or 0) + 1)

    @staticmethod
    def _transact(writes: Sequence[Write]) -> None:
        with TransactWrite(connection=BaseItem._get_connection().connection) as transaction:
            for write in writes:
                if isinstance(write, Put):
                    transaction.save(_item(write.entity))
                elif isinstance(write, Check):
                    item_class = KINDS[type(write.entity)][0]
                    transaction.condition_check(item_class, _pk(write.entity.owner_account, write.entity.region),
                                                _resource_id(write.entity),
                                                condition=item_class.version == write.entity.version)
                else:
                    transaction.update(*_detach(write), add_version_condition=False)

"""Loading and saving resources. Every write is conditional; a lost race is ConcurrentModification.

The store decides no business rule: the caller re-reads and re-applies its rule when a
condition fails (operations/call.py), so the rule is always checked against the winner's write.
Every entity carries the version it was loaded with; saving it writes on condition that the
version is unchanged, or, for a new entity (version None), that the item does not exist yet.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any, ParamSpec, TypeVar

from pynamodb.exceptions import PutError, PynamoDBException, TransactWriteError
from pynamodb.transactions import TransactWrite

from ..domain.model import Connection, Lag, VirtualInterface
from ..errors import StoreUnavailable
from ..scope import Scope
from .items import BaseItem, ConnectionItem, LagItem, VirtualInterfaceItem
from .mapping import from_attributes, to_attributes

CONDITION_FAILED = "ConditionalCheckFailedException"
# Every id the emulator issues is far shorter (``dxvif-`` + 8, a UUID); clients may send anything.
MAX_ID_LENGTH = 128
# Why a transaction was cancelled when another writer got there first: retry those.
LOST_RACE_REASONS = frozenset({"ConditionalCheckFailed", "TransactionConflict"})

Entity = Connection | Lag | VirtualInterface
E = TypeVar("E", Connection, Lag, VirtualInterface)

# Each kind: its item class and id prefix.
KINDS: dict[type[Any], tuple[type[BaseItem], str]] = {
    Connection: (ConnectionItem, "dxcon-"),
    Lag: (LagItem, "dxlag-"),
    VirtualInterface: (VirtualInterfaceItem, "dxvif-"),
}
ITEM_FOR_PREFIX = {prefix: item_class for item_class, prefix in KINDS.values()}


class ConcurrentModification(Exception):
    """A conditional write lost to another writer (or an id collided): load and try again."""


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


def _lost_race(error: TransactWriteError) -> bool:
    return bool({reason.code for reason in error.cancellation_reasons if reason is not None} & LOST_RACE_REASONS)


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
    def save(self, entity: Entity) -> None:
        """Write one entity if nobody else changed it since it was loaded (or it is new)."""
        try:
            _item(entity).save()
        except PutError as error:
            if _cause(error) == CONDITION_FAILED:
                raise ConcurrentModification(_resource_id(entity)) from error
            raise

    @_store_call
    def save_all(self, *entities: Entity) -> None:
        """Write several entities, each on its own version condition, all or none."""
        try:
            with TransactWrite(connection=BaseItem._get_connection().connection) as transaction:
                for entity in entities:
                    transaction.save(_item(entity))
        except TransactWriteError as error:
            if _lost_race(error):
                raise ConcurrentModification(", ".join(_resource_id(e) for e in entities)) from error
            raise

    @_store_call
    def save_detaching(self, entity: VirtualInterface | Connection, parent_id: str, member: str) -> None:
        """Save a deleted VIF (or LAG member) and, in the same transaction, drop it from its
        connection's or LAG's ``member`` attribute with an update that needs no read: the parent's
        version goes up, so a writer holding its old version retries."""
        parent_class = ITEM_FOR_PREFIX[parent_id[:6]]
        key = parent_class(_pk(entity.owner_account, entity.region), parent_id, version=0)
        attribute = getattr(parent_class, member)
        action = attribute[_resource_id(entity)].remove() if member == "vif_slots" else attribute.delete(
            {_resource_id(entity)})
        try:
            with TransactWrite(connection=BaseItem._get_connection().connection) as transaction:
                transaction.save(_item(entity))
                # version=0 on the key-only item makes PynamoDB add "ADD version 1" without a condition.
                transaction.update(key, actions=[action], condition=parent_class.pk.exists(),
                                   add_version_condition=False)
        except TransactWriteError as error:
            if _lost_race(error):
                raise ConcurrentModification(_resource_id(entity)) from error
            raise

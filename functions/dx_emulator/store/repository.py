"""Loading and saving resources. Every write is conditional; a lost race is ConcurrentModification.

The store decides no business rule: the caller re-reads and re-applies its rule when a
condition fails (operations/call.py), so the rule is always checked against the winner's write.
"""

from __future__ import annotations

from typing import Any

from pynamodb.connection import Connection as DynamoConnection
from pynamodb.exceptions import PutError, TransactWriteError
from pynamodb.transactions import TransactWrite

from ..domain.model import Connection, VirtualInterface
from ..scope import Scope
from .items import BaseItem, ConnectionItem, VirtualInterfaceItem
from .mapping import from_attributes, to_attributes

CONDITION_FAILED = "ConditionalCheckFailedException"
# Why a transaction was cancelled when another writer got there first: retry those.
LOST_RACE_REASONS = frozenset({"ConditionalCheckFailed", "TransactionConflict"})


class ConcurrentModification(Exception):
    """A conditional write lost to another writer (or an id collided): load and try again."""


def _pk(account: str, region: str) -> str:
    return f"{account}#{region}"


def _versioned(version: int | None) -> dict[str, Any]:
    # No version means a new item: PynamoDB then writes on condition that it does not exist yet.
    return {} if version is None else {"version": version}


def _connection_item(conn: Connection) -> ConnectionItem:
    return ConnectionItem(
        _pk(conn.owner_account, conn.region), conn.connection_id, **_versioned(conn.version), **to_attributes(conn)
    )


def _vif_item(vif: VirtualInterface) -> VirtualInterfaceItem:
    return VirtualInterfaceItem(
        _pk(vif.owner_account, vif.region), vif.virtual_interface_id, **_versioned(vif.version),
        **to_attributes(vif),
    )


def _connection(item: ConnectionItem) -> Connection:
    return from_attributes(Connection, item, version=item.version)


def _vif(item: VirtualInterfaceItem) -> VirtualInterface:
    return from_attributes(VirtualInterface, item, version=item.version)


class Repository:
    def get_connection(self, scope: Scope, connection_id: str) -> Connection | None:
        if not connection_id.startswith("dxcon-"):
            return None
        try:
            return _connection(ConnectionItem.get(scope.partition_key, connection_id, consistent_read=True))
        except ConnectionItem.DoesNotExist:
            return None

    def list_connections(self, scope: Scope) -> list[Connection]:
        items = ConnectionItem.query(
            scope.partition_key, ConnectionItem.sk.startswith("dxcon-"), consistent_read=True
        )
        return [_connection(item) for item in items]

    def create_connection(self, conn: Connection) -> None:
        try:
            _connection_item(conn).save()  # version None: the item must not exist yet
        except PutError as error:
            if error.cause_response_code == CONDITION_FAILED:
                raise ConcurrentModification(conn.connection_id) from error
            raise

    def get_vif(self, scope: Scope, vif_id: str) -> VirtualInterface | None:
        if not vif_id.startswith("dxvif-"):
            return None
        try:
            return _vif(VirtualInterfaceItem.get(scope.partition_key, vif_id, consistent_read=True))
        except VirtualInterfaceItem.DoesNotExist:
            return None

    def list_vifs(self, scope: Scope) -> list[VirtualInterface]:
        items = VirtualInterfaceItem.query(
            scope.partition_key, VirtualInterfaceItem.sk.startswith("dxvif-"), consistent_read=True
        )
        return [_vif(item) for item in items]

    def get_vifs(self, scope: Scope, vif_ids: list[str]) -> list[VirtualInterface]:
        keys = [(scope.partition_key, vif_id) for vif_id in vif_ids]
        items = VirtualInterfaceItem.batch_get(keys, consistent_read=True)
        return sorted((_vif(item) for item in items), key=lambda vif: vif.virtual_interface_id)

    def save_vif(self, vif: VirtualInterface) -> None:
        """Write a changed VIF if nobody else changed it since it was loaded."""
        try:
            _vif_item(vif).save()
        except PutError as error:
            if error.cause_response_code == CONDITION_FAILED:
                raise ConcurrentModification(vif.virtual_interface_id) from error
            raise

    def create_vif(self, conn: Connection, vif: VirtualInterface) -> None:
        """The new VIF and its connection's VLAN/quota slot, both or neither, in one transaction."""
        connection: DynamoConnection = BaseItem._get_connection().connection
        try:
            with TransactWrite(connection=connection) as transaction:
                transaction.save(_connection_item(conn))
                transaction.save(_vif_item(vif))
        except TransactWriteError as error:
            reasons = {reason.code for reason in error.cancellation_reasons if reason is not None}
            if reasons & LOST_RACE_REASONS:
                raise ConcurrentModification(vif.virtual_interface_id) from error
            raise

"""AssociateConnectionWithLag, DisassociateConnectionFromLag."""

from __future__ import annotations

from typing import Any

from ..domain import lag_members
from ..domain.model import Connection, Lag, VirtualInterface
from ..errors import NotFoundException
from . import lookups, views
from .call import Call, optimistic


def _vifs(call: Call, holder: Connection | Lag, member_id: str) -> list[VirtualInterface]:
    """The VIFs on connection ``member_id``: all of a lone connection's, a LAG's slots on that member."""
    ids = [slot.virtual_interface_id for slot in holder.vif_slots
           if isinstance(holder, Connection) or slot.connection_id == member_id]
    return call.store.get_many(VirtualInterface, call.scope, ids)


def associate(call: Call) -> dict[str, Any]:
    connection_id, lag_id = call.params.string("connectionId"), call.params.string("lagId")

    def attempt() -> Connection:
        ctx = call.context()
        conn = lookups.connection(call, ctx, connection_id)
        lag = lookups.lag(call, ctx, lag_id)
        if conn.lag_id == lag.lag_id:
            return conn  # already there (this request's earlier attempt, or before)
        writes: list[Any] = []
        if conn.lag_id is not None:  # out of its LAG first; its VIFs stay there [doc]
            old = lookups.lag(call, ctx, conn.lag_id)
            conn, old, stayed = lag_members.disassociate(conn, old, _vifs(call, old, conn.connection_id))
            writes += [old, *stayed]
        joined, lag, moved = lag_members.associate(conn, lag, _vifs(call, conn, conn.connection_id))
        return call.save(joined, lag, *writes, *moved)  # all or none

    return views.connection(optimistic(attempt))


def disassociate(call: Call) -> dict[str, Any]:
    connection_id, lag_id = call.params.string("connectionId"), call.params.string("lagId")

    def attempt() -> Connection:
        ctx = call.context()
        # Terraform ignores "Connection does not exist" and "Lag does not exist" here [seen].
        try:
            conn = lookups.connection(call, ctx, connection_id)
        except NotFoundException:
            raise NotFoundException(f"Connection does not exist: {connection_id}") from None
        try:
            lag = lookups.lag(call, ctx, lag_id)
        except NotFoundException:
            raise NotFoundException(f"Lag does not exist: {lag_id}") from None
        if call.replayed(conn):
            return conn
        left, lag, stayed = lag_members.disassociate(conn, lag, _vifs(call, lag, conn.connection_id))
        return call.save(left, lag, *stayed)

    return views.connection(optimistic(attempt))

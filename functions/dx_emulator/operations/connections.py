"""CreateConnection, DescribeConnections, DeleteConnection."""

from __future__ import annotations

from typing import Any

from ..domain.connections import NewConnection, create_connection, delete_connection, join_lag
from ..domain.model import Connection
from . import lookups, views
from .call import Call, optimistic


def create(call: Call) -> dict[str, Any]:
    params = call.params
    request = NewConnection(
        location=params.string("location"),
        bandwidth=params.string("bandwidth"),
        connection_name=params.string("connectionName"),
        lag_id=params.string("lagId"),
        tags=params.tags(),
    )

    def attempt() -> Connection:
        ctx = call.context()
        conn = create_connection(request, ctx)
        if request.lag_id is None:
            call.store.save(conn)  # retried with a fresh id if the id collided
            return conn
        joined, lag = join_lag(conn, lookups.lag(call, ctx, request.lag_id))
        call.store.save_all(joined, lag)
        return joined

    return views.connection(optimistic(attempt))


def describe(call: Call) -> dict[str, Any]:
    connection_id = call.params.string("connectionId")
    ctx = call.context()
    if connection_id is not None:
        conns = [lookups.connection(call, ctx, connection_id)]
    else:
        stored = call.store.query(Connection, call.scope)
        conns = [c for c in (lookups.current_connection(conn, ctx) for conn in stored) if c is not None]
    return {"connections": [views.connection(conn) for conn in conns]}


def delete(call: Call) -> dict[str, Any]:
    connection_id = call.params.string("connectionId")

    def attempt() -> Connection:
        ctx = call.context()
        conn = lookups.connection(call, ctx, connection_id)
        deleted = delete_connection(conn, ctx)
        if deleted is conn:
            return conn  # already deleting or deleted: nothing to write
        if conn.lag_id is not None:
            call.store.save_detaching(deleted, conn.lag_id, "connection_ids")
        else:
            call.store.save(deleted)
        return deleted

    return views.connection(optimistic(attempt))

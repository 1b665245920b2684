"""CreateConnection, DescribeConnections, DeleteConnection."""

from __future__ import annotations

from typing import Any, cast

from ..domain.connections import NewConnection, create_connection, delete_connection, join_lag
from ..domain.model import Connection
from ..store.writes import Detach, Put
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
        conn = create_connection(request, ctx)  # its id is the request's: sent again, the same id
        if request.lag_id is None:
            return call.save(conn)  # the store recognises this request's earlier write of it
        lag = lookups.lag(call, ctx, request.lag_id)
        if call.replayed(lag):
            return lookups.connection(call, ctx, conn.connection_id)
        joined, lag = join_lag(conn, lag)
        return call.save(joined, lag)

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
            leaving = Detach(conn.owner_account, conn.region, conn.lag_id, "connection_ids", conn.connection_id)
            return cast(Connection, call.commit(Put(deleted), leaving))
        return call.save(deleted)

    return views.connection(optimistic(attempt))

"""CreateConnection, DescribeConnections, DeleteConnection."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..domain.bandwidth import Ordering
from ..domain.connections import NewConnection, create_connection, delete_connection, join_lag, leave_lag
from ..domain.lifecycle import as_answered_to_delete
from ..domain.model import Connection, Lag
from . import lookups, views
from .call import Call, optimistic
from .hosted import connections as hosted_connections
from .hosted import lookups as hosted_lookups
from .inputs import Members
from .pages import page_of, page_request


def ordering(params: Members) -> Ordering:
    # requestMACSec: accepted; MAC Security is emulated with the MACsec operations [choice].
    params.boolean("requestMACSec")
    return Ordering(provider_name=params.string("providerName"), billing_mode=params.string("billingMode"))


def create(call: Call) -> dict[str, Any]:
    params = call.params
    request = NewConnection(
        location=params.string("location"),
        bandwidth=params.string("bandwidth"),
        connection_name=params.string("connectionName"),
        lag_id=params.string("lagId"),
        tags=params.tags(),
        ordering=ordering(params),
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
    request = page_request(call, "DescribeConnections", connection_id)
    ctx = call.context()
    if connection_id is not None:
        conns = [lookups.connection(call, ctx, connection_id)]
    else:
        stored = call.store.query(Connection, call.scope)
        conns = [c for c in (lookups.current_connection(conn, ctx) for conn in stored) if c is not None]
    return page_of("connections", conns, lambda conn: conn.connection_id, request, views.connection)


def delete(call: Call) -> dict[str, Any]:
    connection_id = call.params.string("connectionId")

    def attempt() -> Connection:
        ctx = call.context()
        conn = hosted_lookups.visible_connection(call, ctx, connection_id)
        if conn.allocated_by is not None:  # a hosted connection, deleted by its customer or partner
            return hosted_connections.delete_hosted(call, ctx, conn)
        # A LAG member's VIFs are counted on its LAG (their shared ports), which it also leaves.
        lag = None if conn.lag_id is None else call.store.get(Lag, call.scope, conn.lag_id)
        deleted = delete_connection(conn, ctx, lag)
        if deleted is conn:
            return conn  # already deleting or deleted: nothing to write
        return call.save(deleted) if lag is None else call.save(deleted, leave_lag(lag, conn))

    conn = optimistic(attempt)
    state = as_answered_to_delete(conn.connection_state, call.settings.lifecycle)
    return views.connection(replace(conn, connection_state=state))

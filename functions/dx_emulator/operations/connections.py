"""CreateConnection, DescribeConnections, DeleteConnection, UpdateConnection, UpdateConnectionsBillingMode."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any

from ..domain.bandwidth import Ordering, checked_billing_mode
from ..domain.connections import (
    NewConnection,
    create_connection,
    delete_connection,
    join_lag,
    leave_lag,
    update_connection,
)
from ..domain.lifecycle import as_answered_to_delete
from ..domain.model import Connection, Lag
from ..errors import ClientException
from . import lookups, views
from .call import Call, optimistic
from .hosted import connections as hosted_connections
from .hosted import lookups as hosted_lookups
from .inputs import Members
from .listing import fetch
from .pages import page_of, page_request


def ordering(params: Members) -> Ordering:
    return Ordering(provider_name=params.string("providerName"), billing_mode=params.string("billingMode"),
                    request_macsec=bool(params.boolean("requestMACSec")))


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
        conns = fetch(request, lambda after, limit: call.store.query(Connection, call.scope, after=after, limit=limit),
                      lambda conn: lookups.current_connection(conn, ctx), lambda conn: conn.connection_id)
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
    state = as_answered_to_delete(conn.connection_state, call.lifecycle)
    return views.connection(replace(conn, connection_state=state))


def update(call: Call) -> dict[str, Any]:
    connection_id = call.params.string("connectionId")
    name, mode = call.params.string("connectionName"), call.params.string("encryptionMode")

    def attempt() -> Connection:
        ctx = call.context()
        conn = lookups.connection(call, ctx, connection_id)
        return conn if call.replayed(conn) else call.save(update_connection(conn, name, mode))

    return views.connection(optimistic(attempt))


MAX_BILLING_CONNECTIONS = 200  # [doc]
TRANSACTION_ITEMS = 100  # DynamoDB's limit on one transaction


def update_billing_mode(call: Call) -> dict[str, Any]:
    """Up to 100 connections change all or none; more are written 100 at a time [choice: DynamoDB's
    transaction limit]: a failure part-way answers 500 and a retry (the same request) completes it."""
    ids = call.params.strings("connectionIds") or ()
    mode = checked_billing_mode(lookups.required(call.params.string("billingMode"), "billingMode")) or ""
    if not 1 <= len(ids) <= MAX_BILLING_CONNECTIONS:
        raise ClientException(f"connectionIds must hold 1 to {MAX_BILLING_CONNECTIONS} connections; {len(ids)} "
                              "were given")
    unique = list(dict.fromkeys(ids))

    def attempt(chunk: list[str]) -> list[Connection]:
        ctx = call.context()
        conns = [lookups.connection(call, ctx, connection_id) for connection_id in chunk]
        changed = [update_connection(conn, None, None) for conn in conns]  # refuses a deleted one
        written = [replace(conn, billing_mode=mode) for conn in changed if conn.billing_mode != mode]
        if written:
            call.save(written[0], *written[1:])
        return [replace(conn, billing_mode=mode) for conn in conns]

    if len(unique) > TRANSACTION_ITEMS:  # every one must be the caller's before any chunk changes
        for connection_id in unique:
            lookups.connection(call, call.context(), connection_id)
    updated: list[Connection] = []
    for start in range(0, len(unique), TRANSACTION_ITEMS):
        chunk = unique[start:start + TRANSACTION_ITEMS]
        updated += optimistic(partial(attempt, chunk))
    return {"billingMode": mode, "connections": [views.connection(conn) for conn in updated]}

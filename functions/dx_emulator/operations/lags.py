"""CreateLag, DescribeLags, DeleteLag, UpdateLag."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..domain.lags import NewLag, create_lag, delete_lag, update_lag
from ..domain.lifecycle import as_answered_to_delete
from ..domain.model import Connection, Lag
from . import lookups, views
from .call import Call, optimistic
from .connections import ordering
from .listing import fetch
from .pages import page_of, page_request


def create(call: Call) -> dict[str, Any]:
    params = call.params
    request = NewLag(
        number_of_connections=params.integer("numberOfConnections"),
        location=params.string("location"),
        connections_bandwidth=params.string("connectionsBandwidth"),
        lag_name=params.string("lagName"),
        tags=params.tags(),
        child_connection_tags=params.tags("childConnectionTags"),
        ordering=ordering(params),
    )
    existing_id = params.string("connectionId")

    def attempt() -> tuple[Lag, list[Connection]]:
        ctx = call.context()
        existing = None if existing_id is None else lookups.connection(call, ctx, existing_id)
        if existing is not None and call.replayed(existing):
            # This request already moved it into its LAG, whose id is the request's own.
            lag = lookups.lag(call, ctx, call.context().new_id("dxlag"))
            return lag, call.store.get_many(Connection, call.scope, lag.connection_ids)
        lag, members = create_lag(request, ctx, existing)  # ids are the request's: sent again, the same
        # The LAG and its connections, all or none; the store recognises this request's earlier write.
        return call.save(lag, *members), members

    lag, members = optimistic(attempt)
    return views.lag(lag, members)


def describe(call: Call) -> dict[str, Any]:
    lag_id = call.params.string("lagId")
    request = page_request(call, "DescribeLags", lag_id)
    ctx = call.context()
    if lag_id is not None:
        lag = lookups.lag(call, ctx, lag_id)
        members = call.store.get_many(Connection, call.scope, lag.connection_ids)
        return page_of("lags", [lag], lambda item: item.lag_id, request,
                       lambda item: views.lag(item, _current(members, call)))
    lags = fetch(request, lambda after, limit: call.store.query(Lag, call.scope, after=after, limit=limit),
                 lambda lag: lookups.current_lag(lag, ctx), lambda lag: lag.lag_id)
    # The members of this page's LAGs only, by key.
    members = _current(call.store.get_many(Connection, call.scope, [i for lag in lags for i in lag.connection_ids]),
                       call)
    return page_of("lags", lags, lambda item: item.lag_id, request,
                   lambda item: views.lag(item, [c for c in members if c.lag_id == item.lag_id]))


def _current(connections: list[Connection], call: Call) -> list[Connection]:
    ctx = call.context()
    return [c for c in (lookups.current_connection(conn, ctx) for conn in connections) if c is not None]


def delete(call: Call) -> dict[str, Any]:
    lag_id = call.params.string("lagId")

    def attempt() -> Lag:
        ctx = call.context()
        lag = lookups.lag(call, ctx, lag_id)
        # The LAG item lists its live members: a deleted member is detached from it as it goes.
        deleted = delete_lag(lag, len(lag.connection_ids), ctx)
        return deleted if deleted is lag else call.save(deleted)

    lag = optimistic(attempt)
    return views.lag(replace(lag, lag_state=as_answered_to_delete(lag.lag_state, call.lifecycle)), [])


def update(call: Call) -> dict[str, Any]:
    params = call.params
    lag_id = params.string("lagId")
    name, minimum, mode = params.string("lagName"), params.integer("minimumLinks"), params.string("encryptionMode")

    def attempt() -> tuple[Lag, list[Connection]]:
        ctx = call.context()
        lag = lookups.lag(call, ctx, lag_id)
        members = call.store.get_many(Connection, call.scope, lag.connection_ids)
        if call.replayed(lag):
            return lag, members
        updated, changed = update_lag(lag, members, name=name, minimum_links=minimum, encryption_mode=mode)
        # The LAG and the members taking its encryption mode, all or none.
        saved = call.save(updated, *changed)
        changed_ids = {conn.connection_id for conn in changed}
        return saved, [*changed, *(conn for conn in members if conn.connection_id not in changed_ids)]

    lag, members = optimistic(attempt)
    return views.lag(lag, sorted(_current(members, call), key=lambda conn: conn.connection_id))

"""CreateConnection, DescribeConnections."""

from __future__ import annotations

from typing import Any

from ..domain.connections import NewConnection, create_connection
from ..errors import NotFoundException
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
    if request.lag_id is not None:
        # LAGs are not emulated yet, so no LAG id can exist.
        raise NotFoundException(f"Could not find LAG with ID {request.lag_id}")

    def attempt() -> dict[str, Any]:
        conn = create_connection(request, call.context())
        call.store.create_connection(conn)  # retried with a fresh id if the id collided
        return views.connection(conn)

    return optimistic(attempt)


def describe(call: Call) -> dict[str, Any]:
    connection_id = call.params.string("connectionId")
    if connection_id is not None:
        conns = [lookups.connection(call, connection_id)]
    else:
        conns = call.store.list_connections(call.scope)
    return {"connections": [views.connection(conn) for conn in conns]}

"""DescribeLoa and the deprecated DescribeConnectionLoa: the Letter of Authorization of a connection,
a LAG or an interconnect, as a PDF (domain/loa.py)."""

from __future__ import annotations

from typing import Any

from ..domain.hosted.model import Interconnect
from ..domain.loa import checked_content_type, loa_document
from ..domain.model import Connection, Lag
from . import lookups
from .call import Call
from .hosted import lookups as hosted_lookups


def letter(call: Call, port: Connection | Lag | Interconnect) -> dict[str, Any]:
    """``{loaContent, loaContentType}`` for the port, naming the request's ``providerName`` if given.
    Its ``loaIssueTime`` stays the port's creation [choice: so a read never writes]."""
    content_type = checked_content_type(call.params.string("loaContentType"))
    if isinstance(port, Connection):
        name, bandwidth = port.connection_name, port.bandwidth
    elif isinstance(port, Lag):
        name, bandwidth = port.lag_name, f"{len(port.connection_ids)} x {port.connections_bandwidth}"
    else:
        name, bandwidth = port.interconnect_name, port.bandwidth
    document = loa_document(resource_id=port.resource_id, name=name, location=port.location, bandwidth=bandwidth,
                            device=port.aws_device, account=port.owner_account,
                            provider=call.params.string("providerName") or port.provider_name,
                            issued_at=port.created_at)
    return {"loaContent": document, "loaContentType": content_type}


def describe_loa(call: Call) -> dict[str, Any]:
    """A connection's, a LAG's or an interconnect's (``connectionId`` names any of them [doc])."""
    ctx = call.context()
    port_id = lookups.required(call.params.string("connectionId"), "connectionId")
    if port_id.startswith("dxlag-"):
        return letter(call, lookups.lag(call, ctx, port_id))
    if call.store.get(Connection, call.scope, port_id) is None and call.store.get(
            Interconnect, call.scope, port_id) is not None:
        return letter(call, hosted_lookups.interconnect(call, ctx, port_id))
    return letter(call, lookups.connection(call, ctx, port_id))


def describe_connection_loa(call: Call) -> dict[str, Any]:
    """Deprecated: a connection's, nested in ``loa`` [doc]."""
    return {"loa": letter(call, lookups.connection(call, call.context(), call.params.string("connectionId")))}

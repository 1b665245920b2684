"""CreateInterconnect, DescribeInterconnects, DeleteInterconnect, DescribeInterconnectLoa: a partner's."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ...domain.hosted.interconnects import NewInterconnect, create_interconnect, delete_interconnect
from ...domain.hosted.model import Interconnect
from ...domain.lifecycle import as_answered_to_delete, current_interconnect
from ...errors import ClientException
from .. import loa
from ..call import Call, optimistic
from ..pages import page_of, page_request
from ..views import compact, tags
from . import lookups as hosted_lookups
from .customers import partner


def view(item: Interconnect) -> dict[str, Any]:
    return compact({
        "interconnectId": item.interconnect_id,
        "interconnectName": item.interconnect_name,
        "interconnectState": item.interconnect_state,
        "region": item.region,
        "location": item.location,
        "bandwidth": item.bandwidth,
        "loaIssueTime": datetime.fromtimestamp(item.created_at, UTC),
        "lagId": item.lag_id,
        "awsDevice": item.aws_device,
        "jumboFrameCapable": False,
        "awsDeviceV2": item.aws_device,
        "awsLogicalDeviceId": item.aws_logical_device_id,
        "hasLogicalRedundancy": item.has_logical_redundancy,
        "tags": tags(item.tags),
        "providerName": item.provider_name,
        "macSecCapable": False,
    })


def create(call: Call) -> dict[str, Any]:
    params = call.params
    request = NewInterconnect(interconnect_name=params.string("interconnectName"), bandwidth=params.string("bandwidth"),
                              location=params.string("location"), provider_name=params.string("providerName"),
                              tags=params.tags())
    params.boolean("requestMACSec")  # accepted; MACsec comes with its own operations [choice]
    if params.string("lagId") is not None:
        raise ClientException("Creating an interconnect into a LAG is not emulated: create it alone")
    partner(call)  # [doc: for Direct Connect partners only]
    return view(optimistic(lambda: call.save(create_interconnect(request, call.context()))))


def describe(call: Call) -> dict[str, Any]:
    interconnect_id = call.params.string("interconnectId")
    request = page_request(call, "DescribeInterconnects", interconnect_id)
    partner(call)  # a customer gets "not an authorized Direct Connect partner" [seen]
    ctx = call.context()
    if interconnect_id is not None:
        found = [hosted_lookups.interconnect(call, ctx, interconnect_id)]
    else:
        stored = call.store.query(Interconnect, call.scope)
        found = [i for i in (current_interconnect(s, ctx.lifecycle, ctx.now) for s in stored) if i is not None]
    return page_of("interconnects", found, lambda item: item.interconnect_id, request, view)


def delete(call: Call) -> dict[str, Any]:
    interconnect_id = call.params.string("interconnectId")

    def attempt() -> Interconnect:
        ctx = call.context()
        current = hosted_lookups.interconnect(call, ctx, interconnect_id)
        deleted = delete_interconnect(current, ctx)
        return current if deleted is current else call.save(deleted)

    state = optimistic(attempt).interconnect_state
    return {"interconnectState": as_answered_to_delete(state, call.lifecycle)}  # [doc: "deleted"]


def describe_loa(call: Call) -> dict[str, Any]:
    """Deprecated for DescribeLoa; nested in ``loa`` [doc]."""
    return {"loa": loa.letter(call, hosted_lookups.interconnect(call, call.context(),
                                                                call.params.string("interconnectId")))}

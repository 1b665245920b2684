"""TagResource, UntagResource, DescribeTags: resources named by ARN.

``arn:aws:directconnect:<region>:<account>:dxcon/dxcon-...`` (also ``dxlag/``, ``dxvif/``), and a
Direct Connect gateway's, which has no region: ``arn:aws:directconnect::<account>:dx-gateway/<id>``.
An ARN of another account or region names nothing the caller can see: it answers as an unknown id would.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..domain.context import Context
from ..domain.gateways.gateways import DirectConnectGateway
from ..domain.hosted.model import Interconnect
from ..domain.model import GONE_STATES, Connection, Lag, Tag, VirtualInterface
from ..domain.tags import tagged, untagged
from ..errors import ClientException, NotFoundException
from . import lookups, views
from .call import Call, optimistic
from .gateways import lookups as gateway_lookups
from .hosted import lookups as hosted_lookups

ARN = re.compile(r"arn:aws[a-z-]*:directconnect:([a-z0-9-]*):(\d{12}):(dxcon|dxlag|dxvif|dx-gateway)/([\w-]+)")
MAX_ARNS = 20  # DescribeTags' documented limit


Taggable = Connection | Lag | VirtualInterface | DirectConnectGateway | Interconnect


def _resource(call: Call, ctx: Context, resource_arn: str | None) -> Taggable:
    if not resource_arn:
        raise ClientException("resourceArn is required")
    match = ARN.fullmatch(resource_arn)
    global_kind = match is not None and match.group(3) == "dx-gateway"
    if match is None or (match.group(1) == "") != global_kind or (
            not global_kind and match.group(3) != match.group(4)[:5]):
        raise ClientException(f"{resource_arn} is not a Direct Connect connection, LAG, virtual interface or "
                              "gateway ARN")
    region, account, kind, resource_id = match.groups()
    if account != call.scope.account or region not in ("", call.scope.region):
        raise NotFoundException(f"Resource {resource_arn} does not exist")
    if global_kind:
        return gateway_lookups.gateway(call, ctx, resource_id)
    if kind == "dxvif":
        return lookups.virtual_interface(call, ctx, resource_id)
    if kind == "dxlag":
        return lookups.lag(call, ctx, resource_id)
    try:
        return lookups.connection(call, ctx, resource_id)
    except NotFoundException:
        if call.store.get(Interconnect, call.scope, resource_id) is None:
            raise
        return hosted_lookups.interconnect(call, ctx, resource_id)  # a partner's interconnect: a dxcon ARN too


def _retag(call: Call, change: Callable[[tuple[Tag, ...]], tuple[Tag, ...]]) -> dict[str, Any]:
    resource_arn = call.params.string("resourceArn")

    def attempt() -> None:
        ctx = call.context()
        resource = _resource(call, ctx, resource_arn)
        if resource.state in GONE_STATES:
            # A deleted resource takes no change; it is only listed until it goes [choice].
            raise ClientException(f"Resource {resource_arn} is {resource.state}: its tags cannot be changed")
        if not call.replayed(resource):
            call.save(replace(resource, tags=change(resource.tags)))

    optimistic(attempt)
    return {}


def tag(call: Call) -> dict[str, Any]:
    added = call.params.tags()
    return _retag(call, lambda current: tagged(current, added))


def untag(call: Call) -> dict[str, Any]:
    keys = call.params.strings("tagKeys") or ()
    return _retag(call, lambda current: untagged(current, keys))


def describe(call: Call) -> dict[str, Any]:
    arns = call.params.strings("resourceArns") or ()
    if not 1 <= len(arns) <= MAX_ARNS:
        raise ClientException(f"resourceArns must hold 1 to {MAX_ARNS} ARNs; {len(arns)} were given")
    ctx = call.context()
    resources = [(resource_arn, _resource(call, ctx, resource_arn)) for resource_arn in arns]
    return {"resourceTags": [{"resourceArn": resource_arn, "tags": views.tags(resource.tags)}
                             for resource_arn, resource in resources]}

"""GET /_dx-emulator/state: the caller's account as JSON, region by region, each resource in the shape
its Describe operation answers (the same code answers both), with every secret masked. The dashboard
shows this document."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from ..domain.gateways.world import document
from ..domain.hosted.partners import PARTNER_TYPES, partner_type
from ..errors import ClientException
from ..scope import Scope, valid_region
from . import connections, failover, lags, resiliency, virtual_interfaces
from .accounts import regions_of
from .call import Call
from .gateways import associations, gateways, proposals
from .hosted import interconnects
from .inputs import Members
from .world import world

MASK = "****"
SECRETS = frozenset({"authKey", "cak"})
# Each section of a region: the operation that answers it and the member its items come in.
REGIONAL: dict[str, tuple[Callable[[Call], dict[str, Any]], str]] = {
    "connections": (connections.describe, "connections"),
    "lags": (lags.describe, "lags"),
    "interconnects": (interconnects.describe, "interconnects"),
    "virtualInterfaces": (virtual_interfaces.describe, "virtualInterfaces"),
    "failoverTests": (failover.list_history, "virtualInterfaceTestHistory"),
    "associationProposals": (proposals.describe, "directConnectGatewayAssociationProposals"),
    "resiliencyGroups": (resiliency.list_groups, "items"),
}


# The router configuration a VIF carries repeats its BGP key.
_CONFIGURED_KEY = re.compile(r"(<(\w*auth_key)>)[^<]*(</\2>)")


def _unkeyed(config: str) -> str:
    return _CONFIGURED_KEY.sub(rf"\1{MASK}\3", config)


def masked(value: Any) -> Any:
    """``value`` with every secret replaced: what an admin dump or a dashboard may show."""
    if isinstance(value, Mapping):
        return {key: (MASK if key in SECRETS and item else _unkeyed(item) if key == "customerRouterConfig"
                      and isinstance(item, str) else masked(item)) for key, item in value.items()}
    if isinstance(value, list):
        return [masked(item) for item in value]
    return value


def _all(operation: Callable[[Call], dict[str, Any]], call: Call, member: str,
         params: Mapping[str, Any] | None = None) -> list[Any]:
    """Every item an operation lists, page after page."""
    items: list[Any] = []
    token: str | None = None
    while True:
        given = {**(params or {}), **({"nextToken": token} if token else {})}
        answer = operation(replace(call, params=Members(given)))
        items += answer.get(member) or []
        token = answer.get("nextToken")
        if not token:
            return items


def _region(call: Call, region: str, partner: bool) -> dict[str, Any]:
    regional = replace(call, scope=Scope(call.scope.account, region))
    # Only a partner has interconnects (DescribeInterconnects refuses anyone else).
    return {section: _all(operation, regional, member) if partner or section != "interconnects" else []
            for section, (operation, member) in REGIONAL.items()}


def state(call: Call) -> dict[str, Any]:
    region = call.params.string("region")
    if region is not None and not valid_region(region):
        raise ClientException(f"region {region[:64]!r} is not a region name, such as eu-west-1")
    regions = [region] if region else list(regions_of(call.account))
    declared = world(call)
    partner = partner_type(call.scope.account, call.settings.partners, declared.nni_partner_type) in PARTNER_TYPES
    found = _all(gateways.describe, call, "directConnectGateways")
    links = [association for gateway in found
             for association in _all(associations.describe, call, "directConnectGatewayAssociations",
                                     {"directConnectGatewayId": gateway["directConnectGatewayId"]})]
    answer: dict[str, Any] = masked({
        "account": call.scope.account,
        "generatedAt": datetime.fromtimestamp(call.clock(), UTC).isoformat(),
        "regions": {name: _region(call, name, partner) for name in regions},
        "directConnectGateways": found,
        "directConnectGatewayAssociations": links,
        "settings": call.account.document if call.account is not None else {},
        "world": document(declared),
    })
    return answer

"""ListVirtualInterfaceRoutes: the routes of a VIF of the caller's, derived on read from the VIF, its
peers and its gateway (domain/routes.py says what "routes" means here, each a [choice]).

``virtualInterfaceId`` is optional in the model, but the operation lists "the routes for the specified
virtual interface" [doc]: it is required [choice]. The answer pages with ``maxResults``/``nextToken``
like every List operation, in a stable order (direction, family, prefix, device, peer).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..domain.context import Context
from ..domain.gateways.associations import GatewayAssociation
from ..domain.gateways.gateways import VIF_KIND_FOR
from ..domain.gateways.states import current_association
from ..domain.model import VirtualInterface
from ..domain.routes import Prefix, Route, RouteFilter, checked_filter, matches, routes
from ..errors import SerializationException
from ..scope import Scope
from ..store.kinds import GLOBAL
from . import lookups
from .call import Call
from .gateways import lookups as gateway_lookups
from .inputs import INT64_MAX, Members
from .pages import page_of, page_request
from .world import world


def view(route: Route) -> dict[str, Any]:
    return {
        "cidr": route.cidr,
        "routeDirection": route.route_direction,
        "addressFamily": route.address_family,
        "asPath": [{"pathType": "seq", "path": list(route.as_path)}],
        "awsLogicalDeviceId": route.aws_logical_device_id,
        "routeInstalledAt": datetime.fromtimestamp(route.installed_at, UTC),
    }


def _longs(members: Members, name: str) -> tuple[int, ...]:
    """A list of longs (Members reads lists of strings only)."""
    value = dict(members.items()).get(name)
    if value is None:
        return ()
    path = f"{members.path}.{name}"
    if not isinstance(value, list):
        raise SerializationException(f"{path} must be a list")
    for index, item in enumerate(value):
        if isinstance(item, bool) or not isinstance(item, int) or not -INT64_MAX - 1 <= item <= INT64_MAX:
            raise SerializationException(f"{path}[{index}] must be an integer")
    return tuple(value)


def _advertised(call: Call, ctx: Context, vif: VirtualInterface) -> list[Prefix]:
    """What AWS announces to the customer over the VIF: its gateway's prefixes."""
    if vif.direct_connect_gateway_id:
        gateway = gateway_lookups.owned_gateway(call, ctx, vif.direct_connect_gateway_id, vif.owner_account)
        if gateway is None:
            return []
        ids = [slot.association_id for slot in gateway.associations if slot.gone_at is None]
        stored = call.store.get_many(GatewayAssociation, Scope(vif.owner_account, GLOBAL), ids)
        prefixes: list[Prefix] = []
        lifecycle = ctx.lifecycle
        for association in stored:
            current = current_association(association, lifecycle, ctx.now)
            if current is None or current.association_state != "associated" or (
                    VIF_KIND_FOR[current.associated_gateway_type] != vif.virtual_interface_type):
                continue
            since = (current.created_at + lifecycle.association_available if current.updated_at is None
                     else current.updated_at + lifecycle.association_update)
            prefixes += [Prefix(cidr, since) for cidr in current.allowed_prefixes]
        return prefixes
    if vif.virtual_gateway_id:
        declared = next((gateway for gateway in world(call, vif.owner_account).gateways
                         if gateway.gateway_id == vif.virtual_gateway_id), None)
        since = vif.since + ctx.lifecycle.vif_available
        return [] if declared is None else [Prefix(cidr, since) for cidr in declared.cidrs]
    return []


def list_routes(call: Call) -> dict[str, Any]:
    params = call.params
    vif_id = params.string("virtualInterfaceId")
    filters = params.structure("filters")
    wanted, networks = checked_filter(RouteFilter(
        route_direction=filters.string("routeDirection"), address_family=filters.string("addressFamily"),
        cidrs=filters.strings("cidrs"), as_path=_longs(filters, "asPath"),
        communities=filters.strings("communities") or ()))
    request = page_request(call, "ListVirtualInterfaceRoutes", vif_id, wanted.route_direction, wanted.address_family,
                           wanted.cidrs, wanted.as_path, wanted.communities)
    ctx = call.context()
    vif = lookups.virtual_interface(call, ctx, vif_id)
    found = [route for route in routes(vif, _advertised(call, ctx, vif), ctx.lifecycle, ctx.now)
             if matches(route, wanted, networks)]
    return {"virtualInterfaceId": vif.virtual_interface_id,
            **page_of("routes", found, lambda route: route.key, request, view)}

"""`dx-emulator seed`: build a known world through the public API (no back door).

The file (YAML or JSON) uses the API's own member names, so what works in it works in a boto3
call. ``virtualGateways`` and ``transitGateways`` declare the EC2 gateways the account deals with
(PUT /_dx-emulator/world: domain/world.py has the members), ``nniPartnerType`` (v1, v2) makes it a
Direct Connect partner, whose ``interconnects`` (CreateInterconnect members) follow the gateways.
``directConnectGateways`` are created
first and may list ``associations`` (CreateDirectConnectGatewayAssociation members). Connections and
LAGs may list ``virtualInterfaces``; each VIF has a ``type`` (private, public, transit), may name its
gateway by ``directConnectGatewayName``, and may list ``bgpPeers`` (NewBGPPeer members). Every
resource needs a name (``connectionName``, ``lagName``, ``virtualInterfaceName``,
``directConnectGatewayName``, ``interconnectName``); the command prints the ids by name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

SECTIONS = ("virtualGateways", "transitGateways", "nniPartnerType", "directConnectGateways", "interconnects",
            "connections", "lags")
DECLARED = ("virtualGateways", "transitGateways", "nniPartnerType")  # the world document's members
CREATE_VIF = {
    "private": ("create_private_virtual_interface", "newPrivateVirtualInterface"),
    "public": ("create_public_virtual_interface", "newPublicVirtualInterface"),
    "transit": ("create_transit_virtual_interface", "newTransitVirtualInterface"),
}


class SeedError(Exception):
    """The file does not describe a world (the API's own refusals pass through as they are)."""


def load(path: Path) -> dict[str, Any]:
    import yaml  # noqa: PLC0415 - only this command reads YAML (JSON is YAML too)

    world = yaml.safe_load(path.read_text())
    if not isinstance(world, dict) or not set(world) <= set(SECTIONS):
        raise SeedError(f"{path}: expected a mapping of {', '.join(repr(s) for s in SECTIONS)}")
    return world


def _vif(dx: Any, parent_id: str, spec: dict[str, Any], ids: dict[str, dict[str, str]]) -> None:
    spec = dict(spec)
    kind = spec.pop("type", None)
    if "directConnectGatewayName" in spec:  # a gateway created above, by its name
        spec["directConnectGatewayId"] = ids["directConnectGateways"][spec.pop("directConnectGatewayName")]
    if kind not in CREATE_VIF:
        raise SeedError(f"virtual interface {spec.get('virtualInterfaceName')}: type must be private, public or "
                        f"transit, not {kind}")
    peers = spec.pop("bgpPeers", [])
    method, member = CREATE_VIF[kind]
    created = getattr(dx, method)(connectionId=parent_id, **{member: spec})
    vif = created.get("virtualInterface", created)
    ids["virtualInterfaces"][spec["virtualInterfaceName"]] = vif["virtualInterfaceId"]
    for peer in peers:
        dx.create_bgp_peer(virtualInterfaceId=vif["virtualInterfaceId"], newBGPPeer=peer)


def _gateways(dx: Any, world: dict[str, Any], ids: dict[str, dict[str, str]]) -> None:
    for gateway_spec in world.get("directConnectGateways") or []:
        spec = dict(gateway_spec)
        associations = spec.pop("associations", [])
        gateway = dx.create_direct_connect_gateway(**spec)["directConnectGateway"]
        ids["directConnectGateways"][spec["directConnectGatewayName"]] = gateway["directConnectGatewayId"]
        for association in associations:
            dx.create_direct_connect_gateway_association(directConnectGatewayId=gateway["directConnectGatewayId"],
                                                         **association)


def seed(dx: Any, world: dict[str, Any], admin: Any = None) -> dict[str, dict[str, str]]:
    """Create everything ``world`` describes with the client ``dx`` (and ``admin``, an AdminClient,
    for the declared EC2 gateways); return the ids by name."""
    ids: dict[str, dict[str, str]] = {"directConnectGateways": {}, "connections": {}, "lags": {},
                                      "virtualInterfaces": {}, "interconnects": {}}
    declared = {section: world[section] for section in DECLARED if section in world}
    if declared:
        if admin is None:
            raise SeedError("declaring gateways or a partner type needs the emulator's admin route")
        admin.call("PUT", "world", declared)
    _gateways(dx, world, ids)
    for interconnect in world.get("interconnects") or []:  # a partner's (nniPartnerType above)
        ids["interconnects"][interconnect["interconnectName"]] = dx.create_interconnect(**interconnect)[
            "interconnectId"]
    for lag_spec in world.get("lags") or []:
        spec = dict(lag_spec)
        vifs = spec.pop("virtualInterfaces", [])
        lag = dx.create_lag(**spec)
        ids["lags"][spec["lagName"]] = lag["lagId"]
        for vif in vifs:
            _vif(dx, lag["lagId"], vif, ids)
    for connection_spec in world.get("connections") or []:
        spec = dict(connection_spec)
        vifs = spec.pop("virtualInterfaces", [])
        if "lagName" in spec:  # join a LAG created above, by its name
            spec["lagId"] = ids["lags"][spec.pop("lagName")]
        conn = dx.create_connection(**spec)
        ids["connections"][spec["connectionName"]] = conn["connectionId"]
        for vif in vifs:
            _vif(dx, conn["connectionId"], vif, ids)
    return ids

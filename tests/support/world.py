"""Building the resources a test needs, through the public API only."""

from __future__ import annotations

import threading
from typing import Any

REDUNDANCY_TAG = "dx-emulator:logical-redundancy"


def _merged(defaults: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """Defaults with overrides applied; an override of None leaves the member out."""
    merged = {**defaults, **overrides}
    return {key: value for key, value in merged.items() if value is not None}


def connection(dx: Any, redundancy: str | None = None, **overrides: Any) -> dict[str, Any]:
    params: dict[str, Any] = {"location": "EqDC2", "bandwidth": "10Gbps", "connectionName": "test connection"}
    if redundancy is not None:
        params["tags"] = [{"key": REDUNDANCY_TAG, "value": redundancy}]
    result: dict[str, Any] = dx.create_connection(**_merged(params, overrides))
    return result


def private_vif(dx: Any, connection_id: str, vlan: int = 101, **overrides: Any) -> dict[str, Any]:
    new = {"virtualInterfaceName": "private vif", "vlan": vlan, "asn": 65000, "virtualGatewayId": "vgw-0123456789"}
    new = _merged(new, overrides)
    result: dict[str, Any] = dx.create_private_virtual_interface(
        connectionId=connection_id, newPrivateVirtualInterface=new
    )
    return result


def public_vif(dx: Any, connection_id: str, vlan: int = 201, **overrides: Any) -> dict[str, Any]:
    new = {
        "virtualInterfaceName": "public vif",
        "vlan": vlan,
        "asn": 65010,
        "amazonAddress": "203.0.113.1/30",
        "customerAddress": "203.0.113.2/30",
        "routeFilterPrefixes": [{"cidr": "203.0.113.0/24"}],
    }
    new = _merged(new, overrides)
    result: dict[str, Any] = dx.create_public_virtual_interface(
        connectionId=connection_id, newPublicVirtualInterface=new
    )
    return result


_GATEWAYS: dict[tuple[str, str], str] = {}
_GATEWAYS_LOCK = threading.Lock()


def gateway(dx: Any, **overrides: Any) -> str:
    """A Direct Connect gateway of the client's account: one per account and endpoint unless
    ``overrides`` ask for another."""
    def create() -> str:
        params = _merged({"directConnectGatewayName": "test gateway"}, overrides)
        return str(dx.create_direct_connect_gateway(**params)["directConnectGateway"]["directConnectGatewayId"])

    if overrides:
        return create()
    key = (dx.meta.endpoint_url, dx._request_signer._credentials.access_key)
    with _GATEWAYS_LOCK:  # racing clients share one account's gateway
        if key not in _GATEWAYS:
            _GATEWAYS[key] = create()
        return _GATEWAYS[key]


def transit_vif(dx: Any, connection_id: str, vlan: int = 301, **overrides: Any) -> dict[str, Any]:
    new = {
        "virtualInterfaceName": "transit vif",
        "vlan": vlan,
        "asn": 65020,
    }
    if "directConnectGatewayId" not in overrides:
        new["directConnectGatewayId"] = gateway(dx)
    new = _merged(new, overrides)
    result: dict[str, Any] = dx.create_transit_virtual_interface(
        connectionId=connection_id, newTransitVirtualInterface=new
    )
    return result["virtualInterface"]  # type: ignore[no-any-return]


def vif_with_connection(dx: Any, redundancy: str | None = None, **overrides: Any) -> dict[str, Any]:
    conn = connection(dx, redundancy)
    return private_vif(dx, conn["connectionId"], **overrides)


STATE_MEMBERS = {"connectionState", "lagState", "virtualInterfaceState", "bgpPeerState", "bgpStatus"}


def stable(resource: Any) -> Any:
    """A resource without the members that move over time (states) or per call (ResponseMetadata)."""
    if isinstance(resource, dict):
        return {k: stable(v) for k, v in resource.items() if k not in STATE_MEMBERS and k != "ResponseMetadata"}
    if isinstance(resource, list):
        return [stable(item) for item in resource]
    return resource

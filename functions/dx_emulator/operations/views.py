"""Resources rendered as the botocore model's output shapes: its member names, its types.

Members with no value are left out, as AWS leaves them out; internal fields never leave here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..domain import asns
from ..domain.failover import History
from ..domain.model import PUBLIC, TRANSIT, BgpPeer, Connection, Lag, MacSecKey, Tag, VirtualInterface
from ..domain.router_config import customer_router_config


def compact(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` without its None members, in place: callers pass a dict of their own, and a view has
    few Nones, so deleting them costs less than copying the rest (a listing renders one per item)."""
    for key in [key for key, value in values.items() if value is None]:
        del values[key]
    return values


def tags(items: tuple[Tag, ...]) -> list[dict[str, str]]:
    return [compact({"key": tag.key, "value": tag.value}) for tag in items]


def mac_sec_keys(keys: tuple[MacSecKey, ...]) -> list[dict[str, Any]]:
    """Never a CAK: the emulator does not keep one."""
    return [{"secretARN": key.secret_arn, "ckn": key.ckn, "state": key.state,
             "startOn": _time(key.start_on).strftime("%Y-%m-%dT%H:%M:%S.000Z")} for key in keys]


def connection(conn: Connection) -> dict[str, Any]:
    # Member by member rather than through compact(): only the model's optional fields can be None
    # (the store's items allow null for exactly those), and a listing renders one view per
    # connection (3.4 -> 1.6 µs). The members keep the order compact() left them in.
    view: dict[str, Any] = {
        "ownerAccount": conn.owner_account,
        "connectionId": conn.connection_id,
        "connectionName": conn.connection_name,
        "connectionState": conn.connection_state,
        "region": conn.region,
        "location": conn.location,
        "bandwidth": conn.bandwidth,
    }
    if conn.vlan is not None:  # a hosted connection's, from its partner
        view["vlan"] = conn.vlan
    if conn.partner_name is not None:
        view["partnerName"] = conn.partner_name
    # On a partner's LAG, a hosted connection shows the LAG [seen: the CLI's associate-hosted-connection example].
    lag_id = conn.lag_id or (conn.hosted_on if (conn.hosted_on or "").startswith("dxlag-") else None)
    if lag_id is not None:
        view["lagId"] = lag_id
    # AWS shows when the LOA was issued [seen]; the emulator issues it with the connection [choice].
    view["loaIssueTime"] = _time(conn.created_at)
    view["awsDevice"] = view["awsDeviceV2"] = conn.aws_device
    view["awsLogicalDeviceId"] = conn.aws_logical_device_id
    view["jumboFrameCapable"] = False
    view["hasLogicalRedundancy"] = conn.has_logical_redundancy
    view["macSecCapable"] = conn.mac_sec_capable
    if conn.mac_sec_capable:
        associated = any(key.state == "associated" for key in conn.mac_sec_keys)
        view["portEncryptionStatus"] = "Encryption Up" if associated else "Encryption Down"
        view["macSecKeys"] = mac_sec_keys(conn.mac_sec_keys)
    if conn.provider_name is not None:
        view["providerName"] = conn.provider_name
    if conn.billing_mode is not None:
        view["billingMode"] = conn.billing_mode
    if conn.encryption_mode is not None:
        view["encryptionMode"] = conn.encryption_mode
    view["tags"] = tags(conn.tags)
    return view


def lag(item: Lag, connections: list[Connection]) -> dict[str, Any]:
    return compact({
        "connectionsBandwidth": item.connections_bandwidth,
        "numberOfConnections": len(item.connection_ids),
        "lagId": item.lag_id,
        "ownerAccount": item.owner_account,
        "lagName": item.lag_name,
        "lagState": item.lag_state,
        "location": item.location,
        "region": item.region,
        "minimumLinks": item.minimum_links,
        "awsDevice": item.aws_device,
        "awsDeviceV2": item.aws_device,
        "awsLogicalDeviceId": item.aws_logical_device_id,
        "connections": [connection(conn) for conn in connections],
        "allowsHostedConnections": False,
        "jumboFrameCapable": False,
        "hasLogicalRedundancy": item.has_logical_redundancy,
        "tags": tags(item.tags),
        "macSecCapable": item.mac_sec_capable,
        "macSecKeys": mac_sec_keys(item.mac_sec_keys) if item.mac_sec_capable else None,
        "providerName": item.provider_name,
        "billingMode": item.billing_mode,
        "encryptionMode": item.encryption_mode,
    })


def _time(epoch: float) -> datetime:
    """Timestamps leave as datetimes; each protocol encodes them its own way."""
    return datetime.fromtimestamp(epoch, UTC)


def test_history(vif: VirtualInterface, item: History) -> dict[str, Any]:
    return {
        "testId": item.test.test_id,
        "virtualInterfaceId": vif.virtual_interface_id,
        "bgpPeers": list(item.test.bgp_peer_ids),
        "status": item.status,
        "ownerAccount": vif.owner_account,
        "testDurationInMinutes": item.minutes,
        "startTime": _time(item.test.started_at),
        "endTime": _time(item.test.end),
    }


def bgp_peer(peer: BgpPeer) -> dict[str, Any]:
    asn, asn_long = asns.as_fields(peer.asn)
    return {
        "bgpPeerId": peer.bgp_peer_id,
        "asn": asn,
        "asnLong": asn_long,
        "authKey": peer.auth_key,
        "addressFamily": peer.address_family,
        "amazonAddress": peer.amazon_address,
        "customerAddress": peer.customer_address,
        "bgpPeerState": peer.bgp_peer_state,
        "bgpStatus": peer.bgp_status,
        "awsDeviceV2": peer.aws_device_v2,
        "awsLogicalDeviceId": peer.aws_logical_device_id,
    }


def virtual_interface(vif: VirtualInterface, viewer: str) -> dict[str, Any]:
    """As ``viewer`` (the caller's account) sees it: the router configuration of a hosted VIF is its
    allocator's to download, not its owner's [doc: the user guide, for the account that accepts it]."""
    asn, asn_long = asns.as_fields(vif.asn)
    router_config = None if vif.allocated_by is not None and viewer == vif.owner_account else (
        customer_router_config(vif))
    return compact({
        "ownerAccount": vif.owner_account,
        "virtualInterfaceId": vif.virtual_interface_id,
        "location": vif.location,
        "connectionId": vif.connection_id,
        "virtualInterfaceType": vif.virtual_interface_type,
        "virtualInterfaceName": vif.virtual_interface_name,
        "vlan": vif.vlan,
        "asn": asn,
        "asnLong": asn_long,
        "amazonSideAsn": vif.amazon_side_asn,
        "authKey": vif.auth_key,
        "amazonAddress": vif.amazon_address,
        "customerAddress": vif.customer_address,
        "addressFamily": vif.address_family,
        "virtualInterfaceState": vif.virtual_interface_state,
        "customerRouterConfig": router_config,
        "mtu": vif.mtu,
        # Whether the VIF can carry jumbo frames, not whether it does: AWS shows true at MTU 1500 on
        # transit VIFs [seen: the CLI's examples], and Terraform expects true on private ones.
        "jumboFrameCapable": vif.virtual_interface_type != PUBLIC,
        # AWS answers "" on the VIFs that have none (public and transit VIFs) [seen].
        "virtualGatewayId": vif.virtual_gateway_id or "",
        "directConnectGatewayId": vif.direct_connect_gateway_id or ("" if vif.virtual_interface_type == TRANSIT
                                                                     else None),
        "routeFilterPrefixes": [{"cidr": cidr} for cidr in vif.route_filter_prefixes],
        "bgpPeers": [bgp_peer(peer) for peer in vif.bgp_peers],
        "region": vif.region,
        "awsDeviceV2": vif.aws_device_v2,
        "awsLogicalDeviceId": vif.aws_logical_device_id,
        "tags": tags(vif.tags),
        "siteLinkEnabled": vif.site_link_enabled,
        "rateLimit": vif.rate_limit,
        "prefixPoolAllocatedCountIpv4": vif.prefix_pool_ipv4,
        "prefixPoolAllocatedCountIpv6": vif.prefix_pool_ipv6,
    })
